import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createPartneroConnector } from '../../../../electron/core/sync/connectors/partnero'
import type { Connector } from '../../../../electron/core/sync/connectors/connector'
import { PartneroConfigSchema } from '../../../../electron/shared/platform-config'
import type { PartneroConfig } from '../../../../electron/shared/platform-config'
import { FakePartnero } from '../../../helpers/fakes'
import type { TestDeps } from '../../../helpers/sync-fixtures'
import { SALE_TIME, collect, connectorDeps, saleFor } from '../../../helpers/sync-fixtures'

describe('the Partnero connector against a fake Partnero', () => {
  let fake: FakePartnero
  let deps: TestDeps
  let connector: Connector
  const configure = (overrides: Partial<PartneroConfig> = {}): Connector =>
    createPartneroConnector(PartneroConfigSchema.parse({ baseUrl: fake.url, apiToken: 'tok-123', ...overrides }), deps)

  beforeEach(async () => {
    fake = await new FakePartnero({ token: 'tok-123', partners: ['anna', 'bob'] }).start()
    deps = connectorDeps(1_000)
    connector = configure()
  })
  afterEach(async () => {
    deps.client.close()
    await fake.close()
  })

  const posts = () => fake.requests.filter((request) => request.method === 'POST')

  it('creates the transaction keyed by the order id with a dot-decimal amount, the currency, the back-dated time and the partner, then redeems the code', async () => {
    const outcome = await connector.pushSale(saleFor({ code: 'Anna 10&Co/ü' }), 'send')

    expect(outcome).toEqual({ kind: 'accepted' })
    const [create, redeem] = fake.requests
    expect(create?.method).toBe('POST')
    expect(create?.path).toBe('/v1/transactions')
    expect(create?.headers.authorization).toBe('Bearer tok-123')
    expect(create?.headers['content-type']).toBe('application/json')
    expect(JSON.parse(create?.body ?? '')).toEqual({
      key: 'T1-20261120-0007',
      amount: 1234.5,
      amount_units: 'EUR',
      action: 'sale',
      created_at: SALE_TIME / 1000,
      customer: { key: 'pos-T1-20261120-0007', partner: { key: 'anna' } },
      options: { create_customer: true },
    })
    expect(create?.body).toContain('"amount":1234.5,')
    expect(redeem?.method).toBe('PUT')
    expect(redeem?.path).toBe('/v1/promotion-codes')
    expect(JSON.parse(redeem?.body ?? '')).toEqual({ code: 'Anna 10&Co/ü', redeem: true, transaction_key: 'T1-20261120-0007' })
    expect(fake.conversionsOf('T1-20261120-0007')).toBe(1)
    expect(fake.redemptions.get('T1-20261120-0007')).toBe('Anna 10&Co/ü')
  })

  it('puts the partner where the setting says and leaves it out when the code has no partner', async () => {
    await configure({ partnerField: 'partner.key' }).pushSale(saleFor({ orderId: 'A-1' }), 'send')
    await configure({ partnerField: 'customer.partner.id' }).pushSale(saleFor({ orderId: 'A-2', affiliateId: 'bob' }), 'send')
    await connector.pushSale(saleFor({ orderId: 'A-3', affiliateId: null }), 'send')

    const bodies = posts().map((request) => JSON.parse(request.body) as { partner?: unknown; customer: { partner?: unknown } })
    expect(bodies.map((body) => [body.partner, body.customer.partner])).toEqual([
      [{ key: 'anna' }, undefined],
      [undefined, { id: 'bob' }],
      [undefined, undefined],
    ])
  })

  it('sends whole-unit currencies without decimals and keeps every minor digit', async () => {
    await connector.pushSale(saleFor({ orderId: 'J-1', amountMinor: 1200, currency: 'JPY' }), 'send')
    await connector.pushSale(saleFor({ orderId: 'B-1', amountMinor: 12345, currency: 'BHD' }), 'send')
    expect(posts().map((request) => (JSON.parse(request.body) as { amount: number }).amount)).toEqual([1200, 12.345])
  })

  it('counts a repeated order id as a duplicate after finding it with GET /v1/transactions?key=, never as a second transaction', async () => {
    await connector.pushSale(saleFor(), 'send')
    const again = await connector.pushSale(saleFor(), 'send')

    expect(again).toEqual({ kind: 'duplicate' })
    expect(fake.requests.map((request) => `${request.method} ${request.path}${request.query.key === undefined ? '' : `?key=${request.query.key}`}`)).toEqual([
      'POST /v1/transactions',
      'PUT /v1/promotion-codes',
      'POST /v1/transactions',
      'GET /v1/transactions?key=T1-20261120-0007',
      'PUT /v1/promotion-codes',
    ])
    expect(fake.conversionsOf('T1-20261120-0007')).toBe(1)
  })

  it('refuses a sale with the validation message when the 422 was not about a repeated key', async () => {
    const outcome = await connector.pushSale(saleFor({ affiliateId: 'nobody' }), 'send')
    expect(outcome).toEqual({ kind: 'rejected', reason: 'Partnero refused the sale (HTTP 422): The given data was invalid.; customer.partner.key: The selected partner is invalid.' })
    expect(fake.conversions.size).toBe(0)
  })

  it('answers submitted for 202 (processed later)', async () => {
    fake.processLater = true
    expect(await connector.pushSale(saleFor(), 'send')).toEqual({ kind: 'submitted', note: 'Partnero will process it later (HTTP 202)' })
  })

  it('maps a refused token, denied access and a wrong address to configuration errors', async () => {
    const wrongToken = await configure({ apiToken: 'nope' }).pushSale(saleFor(), 'send')
    fake.respondNext({ status: 403, body: '{"message":"This action is unauthorized."}' })
    const denied = await connector.pushSale(saleFor(), 'send')
    const wrongAddress = await createPartneroConnector(PartneroConfigSchema.parse({ baseUrl: `${fake.url}/partnero`, apiToken: 'tok-123' }), deps).pushSale(saleFor(), 'send')

    expect(wrongToken).toEqual({ kind: 'config_error', reason: 'Partnero refused the credentials (HTTP 401: {"message":"Unauthenticated."}). Check them in Settings > Platform.' })
    expect(denied.kind).toBe('config_error')
    expect(denied.kind === 'config_error' && denied.reason).toMatch(/HTTP 403.*API access/)
    expect(wrongAddress).toEqual({ kind: 'config_error', reason: 'Partnero has nothing at this address (HTTP 404). Check the address in Settings > Platform.' })
    expect(fake.conversions.size).toBe(0)
  })

  it('retries 429 no earlier than Retry-After, and 5xx, both as not delivered', async () => {
    fake.retryAfterSeconds = 30
    fake.failNext('http429')
    const before = Date.now()
    const limited = await connector.pushSale(saleFor(), 'send')
    fake.failNext('http500')
    const failed = await connector.pushSale(saleFor(), 'send')
    fake.respondNext({ status: 408, body: '' })
    const timedOut = await connector.pushSale(saleFor(), 'send')

    expect(limited).toMatchObject({ kind: 'retry', cause: 'rate_limit', maybeDelivered: false })
    expect(limited.kind === 'retry' && limited.notBeforeMs).toBeGreaterThanOrEqual(before + 30_000)
    expect(failed).toMatchObject({ kind: 'retry', cause: 'server', maybeDelivered: false, notBeforeMs: null })
    expect(timedOut).toMatchObject({ kind: 'retry', cause: 'server', maybeDelivered: false })
    expect(fake.conversions.size).toBe(0)
  })

  it('marks an answer lost after the transaction was created as maybe delivered, and the resend comes back duplicate', async () => {
    fake.failNext('lost-answer')
    const lost = await connector.pushSale(saleFor(), 'send')
    const resend = await connector.pushSale(saleFor(), 'send')

    expect(lost).toMatchObject({ kind: 'retry', cause: 'network', maybeDelivered: true })
    expect(resend).toEqual({ kind: 'duplicate' })
    expect(fake.conversionsOf('T1-20261120-0007')).toBe(1)
  })

  it('marks a reset before the answer and an answer slower than the timeout as maybe delivered, a refused connection as not delivered', async () => {
    fake.failNext('reset-before')
    const reset = await connector.pushSale(saleFor({ orderId: 'R-1' }), 'send')
    fake.slowMs = 1_500
    fake.failNext('slow')
    const slow = await connector.pushSale(saleFor({ orderId: 'S-1' }), 'send')
    await fake.down()
    const refused = await connector.pushSale(saleFor({ orderId: 'D-1' }), 'send')

    expect(reset).toMatchObject({ kind: 'retry', cause: 'network', maybeDelivered: true })
    expect(slow).toMatchObject({ kind: 'retry', cause: 'network', maybeDelivered: true })
    expect(slow.kind === 'retry' && slow.reason).toMatch(/no answer in time .*after the request was sent/)
    expect(refused).toMatchObject({ kind: 'retry', cause: 'network', maybeDelivered: false })
    expect(refused.kind === 'retry' && refused.reason).toMatch(/connection refused/)
  })

  it('accepts the sale and leaves the redemption as a follow-up when only the redemption fails, then finishes it', async () => {
    fake.failNext('http500', 1, (request) => request.method === 'PUT')
    const first = await connector.pushSale(saleFor(), 'send')
    const followUp = await connector.pushSale(saleFor(), 'redeem')

    expect(first).toMatchObject({ kind: 'accepted', followUp: { step: 'redeem', cause: 'server' } })
    expect(followUp).toEqual({ kind: 'accepted' })
    expect(fake.conversionsOf('T1-20261120-0007')).toBe(1)
    expect(fake.redemptions.get('T1-20261120-0007')).toBe('ANNA10')
    expect(posts()).toHaveLength(1)
  })

  it('skips the redemption when switched off', async () => {
    await configure({ redeemCode: false }).pushSale(saleFor(), 'send')
    expect(fake.requests.map((request) => request.method)).toEqual(['POST'])
  })

  it('verifies by order id: found, declined once deleted, not found, and unreadable answers are retried', async () => {
    await connector.pushSale(saleFor(), 'send')
    expect(await connector.verifySale(saleFor())).toEqual({ kind: 'found' })
    expect(await connector.verifySale(saleFor({ orderId: 'NOPE' }))).toEqual({ kind: 'not_found' })
    fake.failNext('malformed')
    expect(await connector.verifySale(saleFor())).toMatchObject({ kind: 'retry', cause: 'bad_answer' })
    await connector.pushReversal(saleFor())
    expect(await connector.verifySale(saleFor())).toMatchObject({ kind: 'declined' })
  })

  it('reverses by deleting the transaction, in either request style, and a missing one counts as reversed', async () => {
    await connector.pushSale(saleFor({ orderId: 'X/1' }), 'send')
    await connector.pushSale(saleFor({ orderId: 'X-2' }), 'send')

    expect(await connector.pushReversal(saleFor({ orderId: 'X/1' }))).toEqual({ kind: 'accepted' })
    expect(await configure({ reversalStyle: 'body' }).pushReversal(saleFor({ orderId: 'X-2' }))).toEqual({ kind: 'accepted' })
    expect(await connector.pushReversal(saleFor({ orderId: 'never-sent' }))).toEqual({ kind: 'accepted', note: 'the transaction was not at Partnero' })

    const deletes = fake.requests.filter((request) => request.method === 'DELETE')
    expect(deletes.map((request) => [request.path, request.body])).toEqual([
      ['/v1/transactions/X%2F1', ''],
      ['/v1/transactions', '{"key":"X-2"}'],
      ['/v1/transactions/never-sent', ''],
    ])
    expect(fake.transactions.get('X/1')?.deleted_at).not.toBeNull()
    expect(fake.transactions.get('X-2')?.deleted_at).not.toBeNull()
  })

  it('downloads the promotion codes 250 a page with partner, expiry, minimum order and redemption limits', async () => {
    await fake.close()
    fake = await new FakePartnero({
      token: 'tok-123',
      promotionCodeCount: 520,
      promotionCodeAt: (index) =>
        index === 0
          ? { code: 'ANNA10', partnerKey: 'anna', partnerName: 'Anna Schmidt', expires: '2026-12-31', minimumOrder: 22.5, maxRedemptions: 100, timesRedeemed: 7 }
          : { code: `CODE${index}` },
    }).start()
    connector = configure()

    const pages = await collect(connector.pullCatalogue())

    expect(pages.map((page) => page.coupons.length)).toEqual([250, 250, 20])
    expect(fake.requests.map((request) => request.query)).toEqual([
      { limit: '250', page: '1' },
      { limit: '250', page: '2' },
      { limit: '250', page: '3' },
    ])
    expect(pages[0]?.coupons[0]).toEqual({ code: 'ANNA10', affiliate_id: 'anna', affiliate_name: 'Anna Schmidt', valid_to: '2026-12-31', max_uses: '100', min_order: '22.5', times_used: '7' })
    expect(pages[2]?.coupons[19]).toEqual({ code: 'CODE519', times_used: '0' })
  })

  it('stops a download on a refused token with a clear error', async () => {
    await expect(collect(configure({ apiToken: 'nope' }).pullCatalogue())).rejects.toMatchObject({ code: 'PLATFORM_REFUSED', message: expect.stringMatching(/HTTP 401/) as string })
  })

  it('tests the connection: ok with a good token, a configuration error with a bad one, unreachable when down', async () => {
    expect(await connector.testConnection()).toMatchObject({ ok: true, verdict: 'ok', message: 'Connected to Partnero: the API token works.' })
    expect(await configure({ apiToken: 'nope' }).testConnection()).toMatchObject({ ok: false, verdict: 'config_error' })
    expect(await configure({ apiToken: '' }).testConnection()).toMatchObject({ ok: false, verdict: 'config_error', message: 'Enter the Partnero API token.' })
    await fake.down()
    expect(await connector.testConnection()).toMatchObject({ ok: false, verdict: 'unreachable' })
    expect(await connector.probe()).toMatchObject({ reachable: false })
    await fake.up()
    expect(await connector.probe()).toEqual({ reachable: true, detail: 'answered HTTP 200' })
  })
})
