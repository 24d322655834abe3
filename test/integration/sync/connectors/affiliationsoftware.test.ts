import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createAffiliationSoftwareConnector } from '../../../../electron/core/sync/connectors/affiliationsoftware'
import type { Connector } from '../../../../electron/core/sync/connectors/connector'
import type { AffiliationSoftwareConfig } from '../../../../electron/shared/platform-config'
import { AffiliationSoftwareConfigSchema } from '../../../../electron/shared/platform-config'
import { FakeAffiliationSoftware } from '../../../helpers/fakes'
import type { TestDeps } from '../../../helpers/sync-fixtures'
import { collect, connectorDeps, saleFor } from '../../../helpers/sync-fixtures'

describe('the AffiliationSoftware connector against a fake AffiliationSoftware', () => {
  let fake: FakeAffiliationSoftware
  let deps: TestDeps
  let connector: Connector
  const configure = (overrides: Partial<AffiliationSoftwareConfig> = {}): Connector =>
    createAffiliationSoftwareConnector(AffiliationSoftwareConfigSchema.parse({ baseUrl: fake.url, apiKey: 'afs-key', ...overrides }), deps)

  beforeEach(async () => {
    fake = await new FakeAffiliationSoftware({ apiKey: 'afs-key' }).start()
    deps = connectorDeps(1_000)
    connector = configure()
  })
  afterEach(async () => {
    deps.client.close()
    await fake.close()
  })

  it('sends the newer tracking pixel with the amount as a dot decimal, the order id and the coupon under cc', async () => {
    expect(await connector.pushSale(saleFor({ code: 'Anna 10/ü' }), 'send')).toEqual({ kind: 'submitted' })
    expect(fake.requests[0]?.rawUrl).toBe('/tracking?v=1234.50&o=T1-20261120-0007&cc=Anna+10%2F%C3%BC')
    expect(fake.transactionsOf('T1-20261120-0007')).toMatchObject([{ amount: '1234.50', coupon: 'Anna 10/ü' }])
  })

  it('sends the older track.php shape with the campaign and the coupon under d when configured so', async () => {
    await fake.close()
    fake = await new FakeAffiliationSoftware({ apiKey: 'afs-key', couponParam: 'd' }).start()
    await configure({ trackingStyle: 'track.php', couponParam: 'd', campaignId: 'afsr' }).pushSale(saleFor(), 'send')
    expect(fake.requests[0]?.rawUrl).toBe('/script/track.php?cid=afsr&cost=1234.50&orderid=T1-20261120-0007&d=ANNA10')
    expect(fake.transactionsOf('T1-20261120-0007')).toMatchObject([{ coupon: 'ANNA10', campaign: 'afsr' }])
  })

  it('verifies through the API by order id: not found before, found after, declined after the reversal', async () => {
    expect(await connector.verifySale(saleFor())).toEqual({ kind: 'not_found' })
    await connector.pushSale(saleFor(), 'send')
    expect(await connector.verifySale(saleFor())).toEqual({ kind: 'found' })
    expect(await connector.pushReversal(saleFor())).toEqual({ kind: 'accepted' })
    expect(await connector.verifySale(saleFor())).toEqual({ kind: 'declined', reason: 'AffiliationSoftware declined the transaction' })

    const api = fake.requests.filter((request) => request.path === '/script/api')
    expect(api[0]?.rawUrl).toBe('/script/api?key=afs-key')
    expect(new URLSearchParams(api[0]?.body)).toEqual(new URLSearchParams({ action: 'transaction_read', transaction: 'T1-20261120-0007' }))
    expect(new URLSearchParams(api[2]?.body)).toEqual(new URLSearchParams({ action: 'transaction_status', transaction: 'T1-20261120-0007', status: '2' }))
  })

  it('speaks the older afs_ field API when configured so', async () => {
    const old = configure({ apiStyle: 'afs-fields' })
    await old.pushSale(saleFor(), 'send')
    expect(await old.verifySale(saleFor())).toEqual({ kind: 'found' })
    const api = fake.requests.find((request) => request.path === '/script/api')
    expect(api?.rawUrl).toBe('/script/api')
    expect(Object.fromEntries(new URLSearchParams(api?.body))).toEqual({ afs_apikey: 'afs-key', afs_action: 'transaction_read', afs_transaction: 'T1-20261120-0007' })
  })

  it('reports a wrong API key as a configuration error and an unreadable answer as a retry, never a guess', async () => {
    expect(await configure({ apiKey: 'wrong' }).verifySale(saleFor())).toEqual({ kind: 'config_error', reason: 'AffiliationSoftware refused the API key: Invalid API key' })
    fake.respondNext({ status: 200, body: '{"something":"else"}' })
    expect(await connector.verifySale(saleFor())).toMatchObject({ kind: 'retry', cause: 'bad_answer' })
    fake.failNext('malformed')
    expect(await connector.verifySale(saleFor())).toMatchObject({ kind: 'retry', cause: 'bad_answer' })
  })

  it('without an API key it cannot verify, reverse or download, and says what to do instead', async () => {
    const pixelOnly = configure({ apiKey: '' })
    expect(pixelOnly.capabilities).toMatchObject({ canVerify: false, canReverse: false, canPullCatalogue: false, dedupesOrderId: false })
    expect(await pixelOnly.testConnection()).toMatchObject({ ok: true, message: expect.stringMatching(/Without the API key/) as string })
    await expect(collect(pixelOnly.pullCatalogue())).rejects.toMatchObject({ code: 'PLATFORM_REFUSED', message: expect.stringMatching(/load the file on the Coupons screen/) as string })
  })

  it('tests the connection with the API key', async () => {
    expect(await connector.testConnection()).toMatchObject({ ok: true, message: 'Connected to AffiliationSoftware: the API key works.' })
    expect(await configure({ apiKey: 'wrong' }).testConnection()).toMatchObject({ ok: false, verdict: 'config_error' })
  })
})
