import type { FakeOptions, FakeRequest, FakeResponse } from './fake-server'
import { FakePlatform, json } from './fake-server'

/**
 * Partnero as its API reference describes it: bearer token, JSON in and out
 * (`{ data, status: 1 }`), `POST /v1/transactions` refusing a repeated key with 422,
 * `GET /v1/transactions?key=`, promotion-code redemption (idempotent per transaction key),
 * `GET /v1/promotion-codes` paged by `limit` (at most 250) and `page` with `links.next`, and
 * `DELETE /v1/transactions/{key}`. A partner key it does not know is refused with 422, which is
 * how the tests produce a rejected sale.
 */

export interface FakeTransaction {
  key: string
  amount: number
  amount_units: string | null
  action: string
  created_at: number | null
  customer: { key: string; partner?: { key?: string; id?: string } } | null
  partner: string | null
  deleted_at: string | null
}

export interface FakePromotionCode {
  code: string
  partnerKey?: string
  partnerName?: string
  expires?: string
  minimumOrder?: number
  maxRedemptions?: number
  timesRedeemed?: number
}

export interface FakePartneroOptions extends FakeOptions {
  token?: string
  /** Partner keys the program has; a transaction naming another is refused (422). */
  partners?: readonly string[]
  promotionCodes?: readonly FakePromotionCode[]
  /** Generates the catalogue lazily (100,000 codes for the benchmark). */
  promotionCodeAt?: (index: number) => FakePromotionCode
  promotionCodeCount?: number
  /** Answer new transactions with 202 (processed later) instead of 201. */
  processLater?: boolean
}

export class FakePartnero extends FakePlatform {
  readonly transactions = new Map<string, FakeTransaction>()
  /** Redemptions by transaction key. */
  readonly redemptions = new Map<string, string>()
  token: string
  processLater: boolean
  readonly partners: Set<string> | null
  private readonly codes: readonly FakePromotionCode[]
  private readonly codeAt: ((index: number) => FakePromotionCode) | null
  private readonly codeCount: number

  constructor(options: FakePartneroOptions = {}) {
    super(options)
    this.token = options.token ?? 'test-token'
    this.processLater = options.processLater ?? false
    this.partners = options.partners === undefined ? null : new Set(options.partners)
    this.codes = options.promotionCodes ?? []
    this.codeAt = options.promotionCodeAt ?? null
    this.codeCount = options.promotionCodeCount ?? this.codes.length
  }

  protected route(request: FakeRequest): FakeResponse {
    if (request.path === '/v1/' || request.path === '/v1') return json(200, { message: 'Partnero API v1', status: 1 })
    if (request.headers.authorization !== `Bearer ${this.token}`) return json(401, { message: 'Unauthenticated.' })
    if (request.path === '/v1/transactions' && request.method === 'POST') return this.createTransaction(request)
    if (request.path === '/v1/transactions' && request.method === 'GET') return this.listTransactions(request)
    if (request.path === '/v1/transactions' && request.method === 'DELETE') {
      const key = (request.json as { key?: unknown } | undefined)?.key
      return typeof key === 'string' ? this.deleteTransaction(key) : json(422, { message: 'The key field is required.' })
    }
    if (request.path.startsWith('/v1/transactions/') && request.method === 'DELETE') return this.deleteTransaction(decodeURIComponent(request.path.slice('/v1/transactions/'.length)))
    if (request.path === '/v1/promotion-codes' && request.method === 'PUT') return this.redeem(request)
    if (request.path === '/v1/promotion-codes' && request.method === 'GET') return this.listCodes(request)
    return json(404, { message: 'Not Found' })
  }

  private createTransaction(request: FakeRequest): FakeResponse {
    const body = request.json as Record<string, unknown> | undefined
    if (body === undefined || typeof body !== 'object') return json(400, { message: 'Malformed JSON' })
    const errors: Record<string, string[]> = {}
    const key = body.key
    if (typeof key !== 'string' || key === '') errors.key = ['The key field is required.']
    if (typeof body.amount !== 'number' || body.amount <= 0) errors.amount = ['The amount must be a positive number.']
    if (typeof body.action !== 'string') errors.action = ['The action field is required.']
    const customer = body.customer as FakeTransaction['customer'] | undefined
    if (customer === undefined || customer === null || typeof customer.key !== 'string') errors['customer.key'] = ['The customer.key field is required.']
    const partner = customer?.partner?.key ?? customer?.partner?.id ?? (body.partner as { key?: string } | undefined)?.key ?? null
    if (partner !== null && this.partners !== null && !this.partners.has(partner)) errors['customer.partner.key'] = ['The selected partner is invalid.']
    if (typeof key === 'string' && this.transactions.has(key)) errors.key = ['The key has already been taken.']
    if (Object.keys(errors).length > 0) return json(422, { message: 'The given data was invalid.', errors })
    const transaction: FakeTransaction = {
      key: key as string,
      amount: body.amount as number,
      amount_units: typeof body.amount_units === 'string' ? body.amount_units : null,
      action: body.action as string,
      created_at: typeof body.created_at === 'number' ? body.created_at : null,
      customer: customer ?? null,
      partner,
      deleted_at: null,
    }
    this.transactions.set(transaction.key, transaction)
    this.countConversion(transaction.key)
    return json(this.processLater ? 202 : 201, { data: this.present(transaction), status: 1 })
  }

  private present(transaction: FakeTransaction): Record<string, unknown> {
    return {
      key: transaction.key,
      action: transaction.action,
      amount: transaction.amount,
      amount_units: transaction.amount_units,
      partner: transaction.partner,
      customer: transaction.customer?.key ?? null,
      created_at: transaction.created_at === null ? null : new Date(transaction.created_at * 1000).toISOString(),
      deleted_at: transaction.deleted_at,
    }
  }

  private listTransactions(request: FakeRequest): FakeResponse {
    const key = request.query.get('key')
    const all = [...this.transactions.values()]
    const matching = key === null ? all : all.filter((transaction) => transaction.key === key)
    const limit = Math.min(250, Number(request.query.get('limit') ?? 15))
    return json(200, { data: matching.slice(0, limit).map((transaction) => this.present(transaction)), links: { next: null }, meta: { current_page: 1 }, status: 1 })
  }

  private deleteTransaction(key: string): FakeResponse {
    const transaction = this.transactions.get(key)
    if (transaction === undefined) return json(404, { message: 'Transaction not found.' })
    transaction.deleted_at = new Date().toISOString()
    return json(200, { data: this.present(transaction), status: 1 })
  }

  private redeem(request: FakeRequest): FakeResponse {
    const body = request.json as { code?: unknown; redeem?: unknown; transaction_key?: unknown } | undefined
    if (body === undefined || typeof body.code !== 'string' || typeof body.transaction_key !== 'string') return json(422, { message: 'The code and transaction_key fields are required.' })
    if (!this.transactions.has(body.transaction_key)) return json(422, { message: 'Unknown transaction.' })
    // Repeat calls with the same transaction key are ignored.
    if (!this.redemptions.has(body.transaction_key)) this.redemptions.set(body.transaction_key, body.code)
    return json(200, { data: { code: body.code, redeemed: true }, status: 1 })
  }

  private listCodes(request: FakeRequest): FakeResponse {
    const limit = Math.max(1, Math.min(250, Number(request.query.get('limit') ?? 15)))
    const page = Math.max(1, Number(request.query.get('page') ?? 1))
    const from = (page - 1) * limit
    const to = Math.min(this.codeCount, from + limit)
    const data: unknown[] = []
    for (let index = from; index < to; index++) {
      const code = this.codeAt === null ? this.codes[index] : this.codeAt(index)
      if (code !== undefined) data.push(presentCode(code))
    }
    const next = to < this.codeCount ? `${this.url}/v1/promotion-codes?page=${page + 1}` : null
    return json(200, { data, links: { first: `${this.url}/v1/promotion-codes?page=1`, last: null, prev: null, next }, meta: { current_page: page, from: from + 1, per_page: limit, to }, status: 1 })
  }
}

function presentCode(code: FakePromotionCode): Record<string, unknown> {
  return {
    code: code.code,
    first_time_order: false,
    limit_to_specific_partner: code.partnerKey !== undefined,
    coupon_specific_partners: code.partnerKey === undefined ? [] : [{ key: code.partnerKey, name: code.partnerName ?? null }],
    limit_to_specific_customer: false,
    coupon_specific_customers: [],
    minimum_order_status: code.minimumOrder !== undefined,
    minimum_order_value: code.minimumOrder ?? null,
    expiration_date_status: code.expires !== undefined,
    expiration_date_value: code.expires ?? null,
    redemption_times_status: code.maxRedemptions !== undefined,
    redemption_times_value: code.maxRedemptions ?? null,
    times_redeemed: code.timesRedeemed ?? 0,
    metadata: [],
  }
}
