import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createPapConnector } from '../../../../electron/core/sync/connectors/pap'
import type { Connector } from '../../../../electron/core/sync/connectors/connector'
import type { PapConfig } from '../../../../electron/shared/platform-config'
import { PapConfigSchema } from '../../../../electron/shared/platform-config'
import type { FakePapBanner } from '../../../helpers/fakes'
import { FakePap } from '../../../helpers/fakes'
import type { TestDeps } from '../../../helpers/sync-fixtures'
import { collect, connectorDeps, saleFor } from '../../../helpers/sync-fixtures'

const BANNERS: FakePapBanner[] = [
  {
    id: 'b1',
    name: 'Spring coupons',
    campaignid: 'c1',
    campaignname: 'Spring',
    coupons: Array.from({ length: 130 }, (_, index) =>
      index === 0
        ? { code: 'ANNA10', userid: 'u7', firstname: 'Anna', lastname: 'Schmidt', validFrom: '2026-01-01 00:00:00', validTo: '2026-12-31 23:59:59', limitUse: 50, useCount: 3 }
        : { code: `SPRING${index}`, userid: `u${index}`, status: index === 1 ? ('D' as const) : ('A' as const) },
    ),
  },
  { id: 'b2', name: 'Event', campaignid: 'c2', campaignname: 'Fair', coupons: [{ code: 'FAIR1', userid: 'u9' }] },
]

describe('the Post Affiliate Pro connector against a fake PAP', () => {
  let fake: FakePap
  let deps: TestDeps
  let connector: Connector
  const configure = (overrides: Partial<PapConfig> = {}): Connector =>
    createPapConnector(PapConfigSchema.parse({ baseUrl: fake.url, username: 'merchant@example.com', password: 'secret', ...overrides }), deps)

  beforeEach(async () => {
    fake = await new FakePap({ username: 'merchant@example.com', password: 'secret', banners: BANNERS }).start()
    deps = connectorDeps(1_000)
    connector = configure()
  })
  afterEach(async () => {
    deps.client.close()
    await fake.close()
  })

  it('sends the sale to scripts/sale.php with a dot-decimal TotalCost, the order id, the URL-encoded coupon, the currency, the account and the sale time', async () => {
    const outcome = await configure({ saleStatus: 'P', campaignId: 'c1' }).pushSale(saleFor({ code: 'A&B+C ü' }), 'send')

    expect(outcome).toEqual({ kind: 'submitted' })
    const [sale] = fake.requests
    expect(sale?.method).toBe('GET')
    expect(sale?.path).toBe('/scripts/sale.php')
    expect(sale?.query).toEqual({
      AccountId: 'default1',
      TotalCost: '1234.50',
      OrderID: 'T1-20261120-0007',
      Coupon: 'A&B+C ü',
      Currency: 'EUR',
      PStatus: 'P',
      CampaignID: 'c1',
      data1: 'T1',
      data2: '2026-11-20T15:04:05.000Z',
    })
    expect(sale?.rawUrl).toBe(
      '/scripts/sale.php?AccountId=default1&TotalCost=1234.50&OrderID=T1-20261120-0007&Coupon=A%26B%2BC+%C3%BC&Currency=EUR&PStatus=P&CampaignID=c1&data1=T1&data2=2026-11-20T15%3A04%3A05.000Z',
    )
    expect(fake.transactionsOf('T1-20261120-0007')).toMatchObject([{ totalcost: '1234.50', coupon: 'A&B+C ü', rstatus: 'P' }])
  })

  it('URL-encodes the coupon and order id so nothing leaks into other parameters', async () => {
    await connector.pushSale(saleFor({ code: 'X&OrderID=evil', orderId: 'T1 #1' }), 'send')
    const raw = fake.requests[0]
    expect(raw?.rawUrl).toContain('OrderID=T1+%231&Coupon=X%26OrderID%3Devil&')
    expect(raw?.query.OrderID).toBe('T1 #1')
    expect(raw?.query.Coupon).toBe('X&OrderID=evil')
  })

  it('leaves the currency out when told to, for a currency PAP does not know', async () => {
    await configure({ sendCurrency: false }).pushSale(saleFor({ currency: 'CHF' }), 'send')
    expect(fake.requests[0]?.query.Currency).toBeUndefined()
    expect(fake.transactions).toHaveLength(1)
  })

  it('maps the tracking answers: 2xx submitted, 404 a wrong address, 5xx retried, other 4xx refused', async () => {
    fake.respondNext({ status: 500, body: 'oops' })
    const failed = await connector.pushSale(saleFor(), 'send')
    fake.respondNext({ status: 400, body: 'bad request' })
    const refused = await connector.pushSale(saleFor(), 'send')
    const wrongAddress = await configure({ baseUrl: `${fake.url}/pap` }).pushSale(saleFor(), 'send')

    expect(failed).toMatchObject({ kind: 'retry', cause: 'server', maybeDelivered: false })
    expect(refused).toEqual({ kind: 'rejected', reason: 'Post Affiliate Pro refused it (HTTP 400): bad request' })
    expect(wrongAddress).toMatchObject({ kind: 'config_error', reason: expect.stringMatching(/HTTP 404/) as string })
    expect(fake.transactions).toHaveLength(0)
  })

  it('can verify, reverse and download only with the merchant login', () => {
    expect(connector.capabilities).toMatchObject({ canVerify: true, canReverse: true, canPullCatalogue: true, dedupesOrderId: false, verifySettleMs: 15 * 60_000 })
    expect(configure({ username: '', password: '' }).capabilities).toMatchObject({ canVerify: false, canReverse: false, canPullCatalogue: false })
  })

  it('logs in as a merchant over JSON-RPC and verifies a sale by order id: found, not found, declined', async () => {
    await connector.pushSale(saleFor(), 'send')

    expect(await connector.verifySale(saleFor())).toEqual({ kind: 'found' })
    expect(await connector.verifySale(saleFor({ orderId: 'NOPE' }))).toEqual({ kind: 'not_found' })
    const login = fake.requests.find((request) => request.path === '/scripts/server.php')
    const payload = JSON.parse(new URLSearchParams(login?.body).get('D') ?? '') as { C: string; M: string; requests: { C: string; M: string; fields: string[][] }[] }
    expect(payload).toMatchObject({ C: 'Gpf_Rpc_Server', M: 'run', requests: [{ C: 'Gpf_Api_AuthService', M: 'authenticate' }] })
    expect(payload.requests[0]?.fields).toContainEqual(['roleType', 'M'])
    expect(fake.requests.filter((request) => request.path === '/scripts/server.php')).toHaveLength(3)

    expect(await connector.pushReversal(saleFor())).toEqual({ kind: 'accepted' })
    expect(await connector.verifySale(saleFor())).toEqual({ kind: 'declined', reason: 'Post Affiliate Pro declined the commission' })
  })

  it('logs in again once when the session closed, and goes on', async () => {
    await connector.pushSale(saleFor(), 'send')
    expect(await connector.verifySale(saleFor())).toEqual({ kind: 'found' })
    fake.expireSessions()
    expect(await connector.verifySale(saleFor())).toEqual({ kind: 'found' })
    const logins = fake.requests.filter((request) => request.body.includes('Gpf_Api_AuthService'))
    expect(logins).toHaveLength(2)
  })

  it('reports a refused merchant login as a configuration error', async () => {
    const outcome = await configure({ password: 'wrong' }).verifySale(saleFor())
    expect(outcome).toEqual({ kind: 'config_error', reason: 'Post Affiliate Pro refused the merchant login: Your username or password is incorrect' })
  })

  it('refunds or declines by order id as configured, and says when PAP did not', async () => {
    await connector.pushSale(saleFor(), 'send')
    expect(await configure({ reversal: 'refund' }).pushReversal(saleFor())).toEqual({ kind: 'accepted' })
    expect(fake.transactionsOf('T1-20261120-0007')[0]?.rstatus).toBe('R')
    expect(await connector.pushReversal(saleFor({ orderId: 'NOPE' }))).toEqual({ kind: 'rejected', reason: 'Post Affiliate Pro did not reverse it: No transaction with order ID NOPE' })
  })

  it('downloads coupons banner by banner and 100 at a time, with affiliate, campaign, validity and usage', async () => {
    const pages = await collect(connector.pullCatalogue())

    expect(pages.map((page) => page.coupons.length)).toEqual([100, 30, 1])
    expect(pages[0]?.coupons[0]).toEqual({
      code: 'ANNA10',
      affiliate_id: 'u7',
      affiliate_name: 'Anna Schmidt',
      campaign_id: 'c1',
      campaign_name: 'Spring',
      valid_from: '2026-01-01 00:00:00',
      valid_to: '2026-12-31 23:59:59',
      status: 'active',
      max_uses: '50',
      times_used: '3',
    })
    expect(pages[0]?.coupons[1]).toMatchObject({ code: 'SPRING1', status: 'inactive', valid_from: undefined, valid_to: undefined, affiliate_name: 'u1@example.com' })
    expect(pages[2]?.coupons[0]).toMatchObject({ code: 'FAIR1', campaign_name: 'Fair' })
    const gridCalls = fake.requests.map((request) => new URLSearchParams(request.body).get('D') ?? '').filter((d) => d.includes('CouponsGrid'))
    expect(gridCalls.map((d) => (JSON.parse(d) as { requests: { offset: number; filters: unknown }[] }).requests[0])).toMatchObject([
      { offset: 0, filters: [['bannerid', 'E', 'b1']] },
      { offset: 100, filters: [['bannerid', 'E', 'b1']] },
      { offset: 0, filters: [['bannerid', 'E', 'b2']] },
    ])
  })

  it('tests the connection: logged in, or what is wrong', async () => {
    expect(await connector.testConnection()).toMatchObject({ ok: true, message: 'Connected to Post Affiliate Pro as merchant@example.com.' })
    expect(await configure({ username: '', password: '' }).testConnection()).toMatchObject({ ok: true, message: expect.stringMatching(/Without the merchant login/) as string })
    expect(await configure({ password: 'wrong' }).testConnection()).toMatchObject({ ok: false, verdict: 'config_error' })
    expect(await configure({ baseUrl: `${fake.url}/elsewhere` }).testConnection()).toMatchObject({ ok: false, verdict: 'config_error' })
    await fake.down()
    expect(await connector.testConnection()).toMatchObject({ ok: false, verdict: 'unreachable' })
  })
})
