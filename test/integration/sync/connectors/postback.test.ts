import { afterEach, describe, expect, it } from 'vitest'
import { createPostbackConnector } from '../../../../electron/core/sync/connectors/postback'
import { createSwaarmConnector } from '../../../../electron/core/sync/connectors/swaarm'
import type { PostbackConfig } from '../../../../electron/shared/platform-config'
import { POSTBACK_PRESETS, PostbackConfigSchema, SwaarmConfigSchema } from '../../../../electron/shared/platform-config'
import { FakePostback } from '../../../helpers/fakes'
import type { TestDeps } from '../../../helpers/sync-fixtures'
import { SALE_TIME, connectorDeps, saleFor } from '../../../helpers/sync-fixtures'

describe('the postback connector against a fake network', () => {
  let fake: FakePostback | null = null
  let deps: TestDeps | null = null
  afterEach(async () => {
    deps?.client.close()
    await fake?.close()
  })

  const start = async (options: ConstructorParameters<typeof FakePostback>[0]): Promise<FakePostback> => {
    fake = await new FakePostback(options).start()
    deps = connectorDeps(1_000)
    return fake
  }
  const connect = (network: FakePostback, config: Partial<PostbackConfig>) =>
    createPostbackConnector(PostbackConfigSchema.parse({ baseUrl: network.url, ...config }), deps as TestDeps)

  it('fills every placeholder, URL-encoded, into a GET', async () => {
    const network = await start({ orderParam: 'o', couponParam: 'c', amountParam: 'a' })
    const connector = connect(network, {
      template: '/pb?c={coupon}&o={order_id}&a={amount}&m={amount_minor}&cur={currency}&t={timestamp_unix}&iso={timestamp_iso}&s={store_id}&till={terminal_id}&k={token}',
      token: 's3cr&t',
    })

    expect(await connector.pushSale(saleFor({ code: 'A B&C' }), 'send')).toEqual({ kind: 'submitted' })
    expect(network.requests[0]?.rawUrl).toBe(
      `/pb?c=A%20B%26C&o=T1-20261120-0007&a=1234.50&m=123450&cur=EUR&t=${SALE_TIME / 1000}&iso=2026-11-20T15%3A04%3A05.000Z&s=Corner%20Shop&till=T1&k=s3cr%26t`,
    )
    expect(network.conversionsOf('T1-20261120-0007')).toBe(1)
  })

  it('sends the query as a form body when the method is POST', async () => {
    const network = await start({ orderParam: 'order', couponParam: 'code', amountParam: 'sum' })
    await connect(network, { template: '/postback?code={coupon}&order={order_id}&sum={amount}', method: 'POST' }).pushSale(saleFor(), 'send')
    const [request] = network.requests
    expect([request?.method, request?.rawUrl, request?.body, request?.headers['content-type']]).toEqual([
      'POST',
      '/postback',
      'code=ANNA10&order=T1-20261120-0007&sum=1234.50',
      'application/x-www-form-urlencoded',
    ])
  })

  it('reads TUNE-style answers with the preset patterns: success accepted, refusal rejected, duplicate duplicate', async () => {
    const network = await start({
      orderParam: 'adv_sub',
      couponParam: 'promo_code',
      amountParam: 'amount',
      dedupe: true,
      answers: { success: 'success=true;', duplicate: 'success=false; err_msg=Duplicate conversion', rejected: 'success=false; err_msg=Invalid promo code' },
      rejectCoupons: ['BAD'],
    })
    const tune = POSTBACK_PRESETS.tune
    const connector = connect(network, { preset: 'tune', template: tune.template, successPattern: tune.successPattern, duplicatePattern: tune.duplicatePattern, rejectPattern: tune.rejectPattern })

    expect(await connector.pushSale(saleFor(), 'send')).toEqual({ kind: 'accepted' })
    expect(await connector.pushSale(saleFor(), 'send')).toEqual({ kind: 'duplicate', note: 'success=false; err_msg=Duplicate conversion' })
    expect(await connector.pushSale(saleFor({ orderId: 'X-2', code: 'BAD' }), 'send')).toEqual({ kind: 'rejected', reason: 'The network refused it: success=false; err_msg=Invalid promo code' })
    expect(network.requests[0]?.rawUrl).toContain('/aff_lsr?offer_id=OFFER_ID&promo_code=ANNA10&adv_sub=T1-20261120-0007&conversion_unique_id=T1-20261120-0007&amount=1234.50')
    expect(network.conversionsOf('T1-20261120-0007')).toBe(1)
  })

  it('counts a repeated order id as safe to resend only when the network is said to ignore repeats', async () => {
    const network = await start({ orderParam: 'o', couponParam: 'c', amountParam: 'a' })
    expect(connect(network, { template: '/?o={order_id}' }).capabilities).toMatchObject({ canVerify: false, dedupesOrderId: false, canReverse: false })
    expect(connect(network, { template: '/?o={order_id}', dedupesOrderId: true, reversalTemplate: '/reverse?o={order_id}' }).capabilities).toMatchObject({ dedupesOrderId: true, canReverse: true })
  })

  it('sends the reversal template, and without one asks for a manual reversal', async () => {
    const network = await start({ orderParam: 'o', couponParam: 'c', amountParam: 'a' })
    expect(await connect(network, { template: '/?o={order_id}', reversalTemplate: '/reverse?o={order_id}&status=rejected' }).pushReversal(saleFor())).toEqual({ kind: 'submitted' })
    expect(network.requests[0]?.rawUrl).toBe('/reverse?o=T1-20261120-0007&status=rejected')
    expect(await connect(network, { template: '/?o={order_id}' }).pushReversal(saleFor())).toMatchObject({ kind: 'config_error' })
  })

  it('maps an unreachable network, a wrong token (403) and a wrong path (404) to retry and configuration errors', async () => {
    const network = await start({ orderParam: 'o', couponParam: 'c', amountParam: 'a', tokenParam: 'k', token: 'right' })
    expect(await connect(network, { template: '/?o={order_id}&k={token}', token: 'wrong' }).pushSale(saleFor(), 'send')).toMatchObject({ kind: 'config_error' })
    network.respondNext({ status: 404, body: 'no such page' })
    expect(await connect(network, { template: '/nope?o={order_id}' }).pushSale(saleFor(), 'send')).toMatchObject({ kind: 'config_error' })
    await network.down()
    expect(await connect(network, { template: '/?o={order_id}' }).pushSale(saleFor(), 'send')).toMatchObject({ kind: 'retry', cause: 'network', maybeDelivered: false })
  })

  it('tests the connection by reaching the domain and shows how a sale will be sent, token masked', async () => {
    const network = await start({ orderParam: 'o', couponParam: 'c', amountParam: 'a' })
    const result = await connect(network, { template: '/pb?o={order_id}&k={token}', token: 'hush' }).testConnection()
    expect(result.ok).toBe(true)
    expect(result.checks.join('\n')).toContain(`GET ${network.url}/pb?o=T1-20261121-0001&k=***`)
    expect(result.checks.join('\n')).not.toContain('hush')
  })

  it('sends Swaarm postbacks with coupon_code, the configured amount and currency spellings, uq and the security token', async () => {
    const network = await start({ orderParam: 'uq', couponParam: 'coupon_code', amountParam: 'amount', tokenParam: 'security_token', token: 'sw-token' })
    const connector = createSwaarmConnector(SwaarmConfigSchema.parse({ baseUrl: network.url, securityToken: 'sw-token', eventId: 'sale', amountParam: 'amount', currencyParam: 'currency' }), deps as TestDeps)

    expect(connector.platform).toBe('swaarm')
    expect(await connector.pushSale(saleFor(), 'send')).toEqual({ kind: 'submitted' })
    expect(network.requests[0]?.rawUrl).toBe('/postback?coupon_code=ANNA10&amount=1234.50&currency=EUR&uq=T1-20261120-0007&event_id=sale&security_token=sw-token')
    expect(connector.capabilities).toMatchObject({ canVerify: false, dedupesOrderId: false, canReverse: false })
  })
})
