import { z } from 'zod'
import type { PartneroConfig } from '../../../shared/platform-config'
import { minorToDecimalString } from '../../../shared/money'
import { parseJson } from '../http-client'
import type { PushOutcome, RetryOutcome, VerifyOutcome } from '../outcome'
import { retry } from '../outcome'
import type { CataloguePage, Connector, ConnectorDeps, PulledCoupon, RequestOptions, SaleForPlatform } from './connector'
import { catalogueFailure, connectionVerdict, mapUnsuccessful, probeAddress, request, withQuery } from './common'

/**
 * Partnero (REST, bearer token). A sale is `POST /v1/transactions` keyed by our order id, with
 * the sale time as `created_at` and the partner who owns the code; then the promotion code is
 * redeemed for that transaction. Partnero refuses a repeated key (422), so a resend can never
 * create a second commission: a 422 is checked with `GET /v1/transactions?key=` and, when the
 * transaction is there, the sale counts as delivered. Reversal deletes the transaction.
 */

const PLATFORM = 'Partnero'
const PAGE_SIZE = 250

const TransactionSchema = z.object({ key: z.string(), deleted_at: z.string().nullable().optional() }).loose()
const TransactionListSchema = z.object({ data: z.array(TransactionSchema) }).loose()

const PartnerRef = z.union([z.string(), z.number(), z.object({ key: z.string().nullish(), id: z.union([z.string(), z.number()]).nullish(), name: z.string().nullish() }).loose()])
const PromotionCodeSchema = z
  .object({
    code: z.string(),
    minimum_order_status: z.boolean().nullish(),
    minimum_order_value: z.union([z.number(), z.string()]).nullish(),
    expiration_date_status: z.boolean().nullish(),
    expiration_date_value: z.string().nullish(),
    redemption_times_status: z.boolean().nullish(),
    redemption_times_value: z.union([z.number(), z.string()]).nullish(),
    times_redeemed: z.union([z.number(), z.string()]).nullish(),
    limit_to_specific_partner: z.boolean().nullish(),
    coupon_specific_partners: z.union([z.array(PartnerRef), z.record(z.string(), PartnerRef)]).nullish(),
    partner: PartnerRef.nullish(),
    status: z.union([z.string(), z.boolean(), z.number()]).nullish(),
  })
  .loose()
const PromotionCodePageSchema = z.object({
  data: z.array(z.unknown()),
  links: z.object({ next: z.string().nullish() }).loose().nullish(),
  meta: z.object({ total: z.number().nullish(), last_page: z.number().nullish() }).loose().nullish(),
}).loose()

export function createPartneroConnector(config: PartneroConfig, deps: ConnectorDeps): Connector {
  const base = config.baseUrl
  const headers = (withBody: boolean): Record<string, string> => ({
    authorization: `Bearer ${config.apiToken}`,
    accept: 'application/json',
    ...(withBody ? { 'content-type': 'application/json' } : {}),
  })

  const findTransaction = async (orderId: string, options?: RequestOptions): Promise<VerifyOutcome> => {
    const result = await request(deps, { method: 'GET', url: withQuery(`${base}/v1/transactions`, { key: orderId }), headers: headers(false) }, options)
    const problem = mapUnsuccessful(result, deps, { onOwnAddress: true, platform: PLATFORM })
    if (problem !== null) return problem.kind === 'rejected' ? retry(problem.reason, 'bad_answer') : problem
    if (result.kind !== 'answer') return retry('no answer', 'network')
    const parsed = TransactionListSchema.safeParse(parseJson(result.body))
    if (!parsed.success) return retry(`${PLATFORM} answered the lookup with something unreadable`, 'bad_answer')
    const match = parsed.data.data.find((transaction) => transaction.key === orderId)
    if (match === undefined) return { kind: 'not_found' }
    if (match.deleted_at !== undefined && match.deleted_at !== null) return { kind: 'declined', reason: `the transaction was deleted at ${PLATFORM} (${match.deleted_at})` }
    return { kind: 'found' }
  }

  const redeem = async (sale: SaleForPlatform, options?: RequestOptions): Promise<RetryOutcome | { kind: 'done' } | { kind: 'refused'; reason: string }> => {
    const result = await request(
      deps,
      { method: 'PUT', url: `${base}/v1/promotion-codes`, headers: headers(true), body: JSON.stringify({ code: sale.code, redeem: true, transaction_key: sale.orderId }) },
      options,
    )
    const problem = mapUnsuccessful(result, deps, { onOwnAddress: true, platform: PLATFORM })
    if (problem === null) return { kind: 'done' }
    // Redemption is idempotent per transaction key, so an unknown outcome is simply tried again.
    if (problem.kind === 'retry') return problem
    return { kind: 'refused', reason: `the promotion code redemption was refused: ${problem.reason}` }
  }

  const finishWithRedemption = async (kind: 'accepted' | 'duplicate', sale: SaleForPlatform, options?: RequestOptions): Promise<PushOutcome> => {
    if (!config.redeemCode) return { kind }
    const redemption = await redeem(sale, options)
    if (redemption.kind === 'done') return { kind }
    if (redemption.kind === 'refused') return { kind, note: redemption.reason }
    return { kind, followUp: { step: 'redeem', reason: redemption.reason, cause: redemption.cause, notBeforeMs: redemption.notBeforeMs } }
  }

  const transactionBody = (sale: SaleForPlatform): Record<string, unknown> => {
    const customer: Record<string, unknown> = { key: `${config.customerKeyPrefix}${sale.orderId}` }
    const body: Record<string, unknown> = {
      key: sale.orderId,
      amount: Number(minorToDecimalString(sale.amountMinor, sale.currency)),
      amount_units: sale.currency,
      action: 'sale',
      created_at: Math.floor(sale.occurredAtMs / 1000),
      customer,
      options: { create_customer: true },
    }
    if (sale.affiliateId !== null) {
      if (config.partnerField === 'customer.partner.key') customer.partner = { key: sale.affiliateId }
      else if (config.partnerField === 'customer.partner.id') customer.partner = { id: sale.affiliateId }
      else body.partner = { key: sale.affiliateId }
    }
    return body
  }

  return {
    platform: 'partnero',
    capabilities: { canVerify: true, dedupesOrderId: true, canReverse: true, canPullCatalogue: true, verifySettleMs: 0 },

    async pushSale(sale, step, options) {
      if (step === 'redeem') return finishWithRedemption('accepted', sale, options)
      const result = await request(deps, { method: 'POST', url: `${base}/v1/transactions`, headers: headers(true), body: JSON.stringify(transactionBody(sale)), freshConnection: true }, options)
      if (result.kind === 'answer' && result.status === 422) {
        // Most likely the key exists already: ask before calling it a refusal.
        const lookup = await findTransaction(sale.orderId, options)
        switch (lookup.kind) {
          case 'found':
            return finishWithRedemption('duplicate', sale, options)
          case 'declined':
            return { kind: 'rejected', reason: `${PLATFORM} already had this order id, and ${lookup.reason}` }
          case 'not_found':
            return { kind: 'rejected', reason: `${PLATFORM} refused the sale (HTTP 422): ${validationMessage(result.body)}` }
          case 'retry':
            return { ...lookup, maybeDelivered: false }
          case 'config_error':
            return lookup
          default:
            return lookup satisfies never
        }
      }
      const problem = mapUnsuccessful(result, deps, { onOwnAddress: true, platform: PLATFORM })
      if (problem !== null) return problem
      if (result.kind === 'answer' && result.status === 202) return { kind: 'submitted', note: `${PLATFORM} will process it later (HTTP 202)` }
      return finishWithRedemption('accepted', sale, options)
    },

    async pushReversal(sale, options) {
      const result =
        config.reversalStyle === 'path'
          ? await request(deps, { method: 'DELETE', url: `${base}/v1/transactions/${encodeURIComponent(sale.orderId)}`, headers: headers(false) }, options)
          : await request(deps, { method: 'DELETE', url: `${base}/v1/transactions`, headers: headers(true), body: JSON.stringify({ key: sale.orderId }) }, options)
      // Deleting what is not there leaves the platform as wanted.
      if (result.kind === 'answer' && result.status === 404 && config.reversalStyle === 'path') return { kind: 'accepted', note: 'the transaction was not at Partnero' }
      const problem = mapUnsuccessful(result, deps, { onOwnAddress: true, platform: PLATFORM })
      return problem ?? { kind: 'accepted' }
    },

    verifySale: (sale, options) => findTransaction(sale.orderId, options),

    async *pullCatalogue(options) {
      for (let page = 1; page < 100_000; page++) {
        const result = await request(deps, { method: 'GET', url: withQuery(`${base}/v1/promotion-codes`, { limit: String(PAGE_SIZE), page: String(page) }), headers: headers(false) }, options)
        const problem = mapUnsuccessful(result, deps, { onOwnAddress: true, platform: PLATFORM })
        if (problem !== null) throw catalogueFailure(problem)
        if (result.kind !== 'answer') return
        const parsed = PromotionCodePageSchema.safeParse(parseJson(result.body))
        if (!parsed.success) throw catalogueFailure(retry(`${PLATFORM} sent a promotion-code page (${page}) CouponDesk cannot read`, 'bad_answer'))
        const coupons = parsed.data.data.map(toPulledCoupon)
        const out: CataloguePage = { coupons, total: parsed.data.meta?.total ?? null }
        yield out
        const next = parsed.data.links?.next
        if (coupons.length === 0 || next === null || (next === undefined && coupons.length < PAGE_SIZE)) return
      }
    },

    async testConnection(options) {
      const checks: string[] = []
      if (config.apiToken === '') return { ok: false, verdict: 'config_error', message: 'Enter the Partnero API token.', checks }
      const result = await request(deps, { method: 'GET', url: withQuery(`${base}/v1/transactions`, { limit: '1' }), headers: headers(false) }, options)
      const problem = mapUnsuccessful(result, deps, { onOwnAddress: true, platform: PLATFORM })
      if (problem === null) checks.push(`${base} answered and accepted the API token`)
      return connectionVerdict(problem ?? { kind: 'ok' }, checks, 'Connected to Partnero: the API token works.')
    },

    probe: (options) => probeAddress(deps, `${base}/v1/`, options),
  }
}

function validationMessage(body: string): string {
  const json = parseJson(body)
  if (json !== null && typeof json === 'object') {
    const record = json as { message?: unknown; errors?: unknown }
    const parts: string[] = []
    if (typeof record.message === 'string') parts.push(record.message)
    if (record.errors !== null && typeof record.errors === 'object') {
      for (const [field, messages] of Object.entries(record.errors as Record<string, unknown>)) {
        const text = Array.isArray(messages) ? messages.filter((m): m is string => typeof m === 'string').join(' ') : String(messages)
        parts.push(`${field}: ${text}`)
      }
    }
    if (parts.length > 0) return parts.join('; ').slice(0, 300)
  }
  return body.replace(/\s+/g, ' ').trim().slice(0, 300) || 'no reason given'
}

function toPulledCoupon(raw: unknown): PulledCoupon {
  const parsed = PromotionCodeSchema.safeParse(raw)
  if (!parsed.success) {
    const code = raw !== null && typeof raw === 'object' && typeof (raw as { code?: unknown }).code === 'string' ? (raw as { code: string }).code : ''
    return { code }
  }
  const item = parsed.data
  const partner = item.partner ?? firstPartner(item.coupon_specific_partners)
  const coupon: PulledCoupon = { code: item.code, times_used: numberText(item.times_redeemed) }
  if (partner !== null && partner !== undefined) {
    if (typeof partner === 'string' || typeof partner === 'number') coupon.affiliate_id = String(partner)
    else {
      coupon.affiliate_id = partner.key ?? (partner.id === undefined || partner.id === null ? undefined : String(partner.id))
      coupon.affiliate_name = partner.name ?? undefined
    }
  }
  if (item.expiration_date_status !== false && typeof item.expiration_date_value === 'string' && item.expiration_date_value !== '') {
    coupon.valid_to = item.expiration_date_value.slice(0, 10)
  }
  if (item.redemption_times_status !== false) coupon.max_uses = numberText(item.redemption_times_value)
  if (item.minimum_order_status !== false) coupon.min_order = numberText(item.minimum_order_value)
  if (item.status === false || item.status === 0 || item.status === 'inactive') coupon.status = 'inactive'
  return coupon
}

function firstPartner(partners: unknown): z.infer<typeof PartnerRef> | null {
  const list = Array.isArray(partners) ? partners : partners !== null && typeof partners === 'object' ? Object.values(partners) : []
  const parsed = PartnerRef.safeParse(list[0])
  return parsed.success ? parsed.data : null
}

function numberText(value: number | string | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined
  return String(value).trim()
}
