import { randomBytes } from 'node:crypto'
import type { FakeOptions, FakeRequest, FakeResponse } from './fake-server'
import { FakePlatform, json } from './fake-server'

/**
 * Post Affiliate Pro as its tracking docs and API client code show it: `scripts/sale.php`
 * (no auth, `TotalCost` with a dot, `OrderID`, `Coupon`, `Currency`; the answer says nothing
 * and every hit is a transaction: PAP does not de-duplicate order ids by default), and API v1:
 * `POST scripts/server.php` with form field `D` holding `{"C":"Gpf_Rpc_Server","M":"run",
 * "requests":[...],"S":"<session>"}`, login by `Gpf_Api_AuthService.authenticate` (a form
 * answer whose field `S` is the session), grids answered as `{ rows: [[header...], [values]...],
 * count }`, errors as `{ "e": "..." }` and `session_closed` for a session that expired.
 */

export interface FakePapTransaction {
  id: string
  orderid: string
  totalcost: string
  coupon: string
  currency: string | null
  rstatus: 'A' | 'P' | 'D' | 'R'
  data1: string | null
  data2: string | null
}

export interface FakePapCoupon {
  code: string
  userid: string
  firstname?: string
  lastname?: string
  status?: 'A' | 'D'
  validFrom?: string
  validTo?: string
  limitUse?: number
  useCount?: number
}

export interface FakePapBanner {
  id: string
  name: string
  campaignid: string
  campaignname: string
  coupons: FakePapCoupon[]
}

export interface FakePapOptions extends FakeOptions {
  username?: string
  password?: string
  banners?: FakePapBanner[]
  /** Currencies set up in PAP; a sale in another stops processing (no transaction). */
  currencies?: readonly string[]
}

export class FakePap extends FakePlatform {
  readonly transactions: FakePapTransaction[] = []
  readonly sessions = new Set<string>()
  username: string
  password: string
  readonly banners: FakePapBanner[]
  private readonly currencies: Set<string>
  private nextId = 1

  constructor(options: FakePapOptions = {}) {
    super(options)
    this.username = options.username ?? 'merchant@example.com'
    this.password = options.password ?? 'secret'
    this.banners = options.banners ?? []
    this.currencies = new Set(options.currencies ?? ['EUR', 'USD'])
  }

  /** Every session ends (PAP's session timeout): the next API call answers `session_closed`. */
  expireSessions(): void {
    this.sessions.clear()
  }

  transactionsOf(orderId: string): FakePapTransaction[] {
    return this.transactions.filter((transaction) => transaction.orderid === orderId)
  }

  protected route(request: FakeRequest): FakeResponse {
    if (request.path === '/scripts/sale.php' && request.method === 'GET') return this.sale(request)
    if (request.path === '/scripts/server.php') {
      if (request.method !== 'POST') return json(200, { e: 'No request' })
      const payload = safeJson(request.form.get('D') ?? '')
      if (payload === null || typeof payload !== 'object') return json(200, { e: 'Invalid request' })
      return this.rpc(payload)
    }
    if (request.path === '/' || request.path === '/affiliates/login.php') return { status: 200, headers: { 'content-type': 'text/html' }, body: '<html>Post Affiliate Pro</html>' }
    return { status: 404, headers: { 'content-type': 'text/html' }, body: 'Not found' }
  }

  private sale(request: FakeRequest): FakeResponse {
    const query = request.query
    const orderId = query.get('OrderID') ?? ''
    const currency = query.get('Currency')
    const totalCost = query.get('TotalCost') ?? ''
    const answer: FakeResponse = { status: 200, headers: { 'content-type': 'text/javascript' }, body: '' }
    // An unknown currency stops processing; so does a missing or comma-decimal amount.
    if (currency !== null && !this.currencies.has(currency)) return answer
    if (!/^\d+(\.\d+)?$/.test(totalCost)) return answer
    const status = query.get('PStatus')
    this.transactions.push({
      id: String(this.nextId++),
      orderid: orderId,
      totalcost: totalCost,
      coupon: query.get('Coupon') ?? '',
      currency,
      rstatus: status === 'P' ? 'P' : status === 'D' ? 'D' : 'A',
      data1: query.get('data1'),
      data2: query.get('data2'),
    })
    this.countConversion(orderId)
    return answer
  }

  private rpc(payload: { C?: string; M?: string; requests?: unknown[]; S?: string }): FakeResponse {
    if (payload.C !== 'Gpf_Rpc_Server' || payload.M !== 'run' || !Array.isArray(payload.requests)) return json(200, { e: 'Unknown request' })
    const answers = payload.requests.map((inner) => this.answer(inner as Record<string, unknown>, payload.S))
    return json(200, answers)
  }

  private answer(request: Record<string, unknown>, session: string | undefined): unknown {
    if (request.C === 'Gpf_Api_AuthService' && request.M === 'authenticate') return this.login(request)
    if (session === undefined || !this.sessions.has(session)) return { e: 'session_closed' }
    const filters = (Array.isArray(request.filters) ? request.filters : []) as unknown[][]
    const filter = (name: string): string | undefined => filters.find((entry) => entry[0] === name)?.[2] as string | undefined
    const offset = Number(request.offset ?? 0)
    const limit = Number(request.limit ?? 100)
    switch (`${String(request.C)}.${String(request.M)}`) {
      case 'Pap_Merchants_Transaction_TransactionsGrid.getRows': {
        const orderId = filter('orderid')
        const rows = this.transactions.filter((transaction) => orderId === undefined || transaction.orderid === orderId)
        return grid(['id', 'orderid', 'rstatus', 'totalcost'], rows.slice(offset, offset + limit).map((row) => [row.id, row.orderid, row.rstatus, row.totalcost]), rows.length)
      }
      case 'Pap_Merchants_Banner_BannersGrid.getRows':
        return grid(['id', 'name', 'campaignid', 'campaignname'], this.banners.map((banner) => [banner.id, banner.name, banner.campaignid, banner.campaignname]), this.banners.length)
      case 'Pap_Features_Coupon_CouponsGrid.getRows': {
        const bannerId = filter('bannerid')
        if (bannerId === undefined) return { e: 'Filter bannerid is mandatory' }
        const coupons = this.banners.find((banner) => banner.id === bannerId)?.coupons ?? []
        return grid(
          ['id', 'couponcode', 'userid', 'username', 'firstname', 'lastname', 'rstatus', 'valid_from', 'valid_to', 'limit_use', 'usecount'],
          coupons.slice(offset, offset + limit).map((coupon, index) => [
            String(offset + index + 1),
            coupon.code,
            coupon.userid,
            `${coupon.userid}@example.com`,
            coupon.firstname ?? '',
            coupon.lastname ?? '',
            coupon.status ?? 'A',
            coupon.validFrom ?? '0000-00-00 00:00:00',
            coupon.validTo ?? '0000-00-00 00:00:00',
            String(coupon.limitUse ?? 0),
            String(coupon.useCount ?? 0),
          ]),
          coupons.length,
        )
      }
      case 'Pap_Merchants_Transaction_TransactionsForm.declineByOrderId':
      case 'Pap_Merchants_Transaction_TransactionsForm.refundByOrderId': {
        const orderId = formValue(request.fields, 'orderid')
        const matching = this.transactions.filter((transaction) => transaction.orderid === orderId)
        if (matching.length === 0) return { success: 'N', message: `No transaction with order ID ${orderId ?? ''}` }
        for (const transaction of matching) transaction.rstatus = request.M === 'refundByOrderId' ? 'R' : 'D'
        return { success: 'Y', message: `${matching.length} transaction(s) changed` }
      }
      default:
        return { e: `Unknown method ${String(request.C)}.${String(request.M)}` }
    }
  }

  private login(request: Record<string, unknown>): unknown {
    const username = formValue(request.fields, 'username')
    const password = formValue(request.fields, 'password')
    const roleType = formValue(request.fields, 'roleType')
    if (username !== this.username || password !== this.password || roleType !== 'M') {
      return { fields: [['name', 'value', 'values', 'error']], success: 'N', message: 'Your username or password is incorrect' }
    }
    const session = randomBytes(16).toString('hex')
    this.sessions.add(session)
    return { fields: [['name', 'value', 'values', 'error'], ['S', session, null, ''], ['username', username, null, '']], success: 'Y', message: 'Logged in' }
  }
}

function grid(header: string[], rows: unknown[][], count: number): unknown {
  return { rows: [header, ...rows], count }
}

function formValue(fields: unknown, name: string): string | undefined {
  if (!Array.isArray(fields)) return undefined
  const row = (fields as unknown[][]).find((entry) => entry[0] === name)
  return typeof row?.[1] === 'string' ? row[1] : undefined
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return null
  }
}
