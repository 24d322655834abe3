import type { FakeOptions, FakeRequest, FakeResponse } from './fake-server'
import { FakePlatform, json } from './fake-server'

/**
 * AffiliationSoftware as its documentation shows it: the conversion pixel (newer
 * `/tracking?v=&o=&cc=`, older `/script/track.php?cid=&cost=&orderid=`; the coupon under `cc` or
 * `d`) answering a 1x1 GIF whatever happens, and the API `POST /script/api?key=<key>` with form
 * fields (`action=transaction_read|transaction_status`, `transaction`, `status`) answering JSON.
 * The older API style sends `afs_apikey`, `afs_action`, `afs_transaction` instead. The pixel
 * does not de-duplicate order ids: every hit is a conversion.
 */

export interface FakeAffiliationTransaction {
  orderid: string
  amount: string
  coupon: string | null
  campaign: string | null
  /** 0 pending, 1 approved, 2 declined. */
  status: '0' | '1' | '2'
}

export interface FakeAffiliationSoftwareOptions extends FakeOptions {
  apiKey?: string
  couponParam?: 'cc' | 'd'
}

const GIF = 'GIF89a\u0001\u0000\u0001\u0000\u0000\u0000\u0000;'

export class FakeAffiliationSoftware extends FakePlatform {
  readonly transactions: FakeAffiliationTransaction[] = []
  apiKey: string
  readonly couponParam: 'cc' | 'd'

  constructor(options: FakeAffiliationSoftwareOptions = {}) {
    super(options)
    this.apiKey = options.apiKey ?? 'afs-key'
    this.couponParam = options.couponParam ?? 'cc'
  }

  transactionsOf(orderId: string): FakeAffiliationTransaction[] {
    return this.transactions.filter((transaction) => transaction.orderid === orderId)
  }

  protected route(request: FakeRequest): FakeResponse {
    if (request.path === '/tracking') return this.pixel(request.query.get('o'), request.query.get('v'), request.query.get(this.couponParam), request.query.get('cid'))
    if (request.path === '/script/track.php') return this.pixel(request.query.get('orderid'), request.query.get('cost'), request.query.get(this.couponParam), request.query.get('cid'))
    if (request.path === '/script/api' && request.method === 'POST') return this.api(request)
    if (request.path === '/') return { status: 200, headers: { 'content-type': 'text/html' }, body: '<html>AffiliationSoftware</html>' }
    return { status: 404, headers: { 'content-type': 'text/html' }, body: 'Not found' }
  }

  private pixel(orderId: string | null, amount: string | null, coupon: string | null, campaign: string | null): FakeResponse {
    const gif: FakeResponse = { status: 200, headers: { 'content-type': 'image/gif' }, body: GIF }
    if (orderId === null || amount === null || !/^\d+(\.\d+)?$/.test(amount)) return gif
    this.transactions.push({ orderid: orderId, amount, coupon, campaign, status: '0' })
    this.countConversion(orderId)
    return gif
  }

  private api(request: FakeRequest): FakeResponse {
    const form = request.form
    const isOld = form.has('afs_apikey')
    const key = isOld ? form.get('afs_apikey') : request.query.get('key')
    const field = (name: string): string | null => form.get(isOld ? `afs_${name}` : name)
    if (key !== this.apiKey) return json(200, { error: 'Invalid API key' })
    const orderId = field('transaction') ?? ''
    const matching = this.transactionsOf(orderId)
    switch (field('action')) {
      case 'transaction_read': {
        const found = matching[0]
        return found === undefined ? json(200, { error: 'Transaction not found' }) : json(200, { transaction: { id: orderId, orderid: found.orderid, amount: found.amount, status: found.status } })
      }
      case 'transaction_status': {
        const status = field('status')
        if (status !== '1' && status !== '2') return json(200, { error: 'Invalid status' })
        if (matching.length === 0) return json(200, { error: 'Transaction not found' })
        for (const transaction of matching) transaction.status = status
        return json(200, { success: 'Transaction updated' })
      }
      default:
        return json(200, { error: 'Unknown action' })
    }
  }
}
