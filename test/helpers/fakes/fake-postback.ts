import type { FakeOptions, FakeRequest, FakeResponse } from './fake-server'
import { FakePlatform } from './fake-server'

/**
 * A network's postback receiver (TUNE, Everflow, Swaarm...): takes GET or form POST anywhere,
 * reads the order id, coupon and amount from the parameter names it is told, and answers 200.
 * By default it creates a conversion for every hit (de-duplication is opt-in at networks);
 * `dedupe` makes it drop a repeated order id with the duplicate answer. `answers` shapes the body
 * (TUNE: `success=true;` / `success=false; err_msg=...`).
 */

export interface FakePostbackConversion {
  orderId: string
  coupon: string | null
  amount: string | null
  params: Record<string, string>
}

export interface FakePostbackOptions extends FakeOptions {
  orderParam: string
  couponParam: string
  amountParam: string
  tokenParam?: string
  token?: string
  dedupe?: boolean
  answers?: { success: string; duplicate: string; rejected: string }
  /** Coupons the network refuses (answered with `answers.rejected`). */
  rejectCoupons?: readonly string[]
}

export class FakePostback extends FakePlatform {
  readonly received: FakePostbackConversion[] = []
  private readonly options: FakePostbackOptions
  private readonly seen = new Set<string>()

  constructor(options: FakePostbackOptions) {
    super(options)
    this.options = options
  }

  protected route(request: FakeRequest): FakeResponse {
    const params = request.method === 'POST' ? request.form : request.query
    const orderId = params.get(this.options.orderParam)
    const answers = this.options.answers ?? { success: 'OK', duplicate: 'DUPLICATE', rejected: 'REJECTED' }
    const text = (body: string): FakeResponse => ({ status: 200, headers: { 'content-type': 'text/plain' }, body })
    if (orderId === null) return text('OK')
    if (this.options.tokenParam !== undefined && params.get(this.options.tokenParam) !== this.options.token) return { status: 403, headers: { 'content-type': 'text/plain' }, body: 'invalid security token' }
    const coupon = params.get(this.options.couponParam)
    if (coupon !== null && (this.options.rejectCoupons ?? []).includes(coupon)) return text(answers.rejected)
    if (this.options.dedupe === true && this.seen.has(orderId)) return text(answers.duplicate)
    this.seen.add(orderId)
    this.received.push({ orderId, coupon, amount: params.get(this.options.amountParam), params: Object.fromEntries(params) })
    this.countConversion(orderId)
    return text(answers.success)
  }
}
