import type { ImportOptions, SalesField } from '../../../shared/import-contract'
import type { CodeParse } from '../../../shared/coupon-code'
import { cleanCode } from '../../../shared/coupon-code'
import type { AmountFormat } from '../../../shared/money'
import { majorToMinor, parseAmount } from '../../../shared/money'
import { businessDate, formatDateTime } from '../../../shared/dates'
import type { Settings } from '../../../shared/settings'
import { isAppError } from '../../../shared/errors'
import type { Db } from '../../db/connection'
import type { CouponRow } from '../../db/coupons-repo'
import { catalogMeta, findCoupon } from '../../db/coupons-repo'
import { localUses } from '../../db/local-uses'
import { evaluateCode } from '../../catalog/coupon-rules'
import type { CodeCheck } from '../../../shared/contract'
import { cleanTypedOrderId } from '../../sales/order-id'
import { cached } from '../../db/statements'
import { FUTURE_FLAG_MS, FUTURE_LIMIT_MS } from '../../sales/register-sale'
import type { SalesColumns } from './sales-columns'
import type { DateOrder } from './value-formats'
import { parseSaleDate } from './value-formats'

/**
 * One row of a till export, checked the way the till checks a sale: the coupon through the same
 * validity rules (judged at the sale's own time, with the uses earlier rows of the file already
 * took), the amount in the file's format, a required order id, a date in the file's format.
 * Duplicates of order ids are the caller's business (they need the file's other rows and the
 * database).
 */

export interface StagedSale {
  line: number
  order_id: string
  coupon_code: string
  coupon_key: string
  amount_minor: number
  occurred_at_ms: number
  business_date: string
  is_unverified: 0 | 1
  is_future_dated: 0 | 1
}

export interface StoredOrder {
  order_id: string
  import_batch_id: number | null
  created_at_ms: number
}

/** The order id as the row check cleans it (for prefetching what is stored). */
export function orderIdOf(fields: readonly string[], columns: SalesColumns): string {
  const index = columns.orderId
  return index === null ? '' : (fields[index] ?? '').normalize('NFC').trim()
}

export type SalesRowVerdict =
  /** The row's use of its coupon is counted at once (later rows see it); `ImportLookups.releaseUse` if it turns out a duplicate. */
  | { status: 'ok'; sale: StagedSale }
  | { status: 'refused'; field: SalesField | null; message: string }
  | { status: 'skipped'; field: null; message: string }
  | { status: 'duplicate'; field: 'orderId'; message: string }

export interface SalesRowPlan {
  columns: SalesColumns
  decimal: AmountFormat
  /** The store's largest sale, in minor units. */
  maxMinor: number
  /** Fields a row needs to reach every mapped column. */
  fieldsNeeded: number
  dateOrder: DateOrder | null
  allowUnverified: boolean
  settings: Settings
  nowMs: number
}

/** The plan for a file's rows, from the manager's options (an unanswered decimal mark: the store's). */
export function salesRowPlan(columns: SalesColumns, options: ImportOptions, settings: Settings, nowMs: number): SalesRowPlan {
  return {
    columns,
    decimal: options.decimal ?? settings.amountFormat,
    maxMinor: majorToMinor(settings.maxSaleAmount, settings.currency),
    fieldsNeeded: Math.max(...Object.values(columns).map((index) => (index === null ? -1 : index))) + 1,
    dateOrder: options.dateOrder,
    allowUnverified: options.allowUnverified,
    settings,
    nowMs,
  }
}

const TOTALS_WORD = /^(grand\s*)?(total|totals|sum|summe|gesamt|totaal|totale|subtotal)\b/i
const CACHE_LIMIT = 100_000

/**
 * What a row is checked against, for one import: the coupon list (a day's file repeats a few
 * codes thousands of times, so lookups are remembered) and the sales already stored.
 */
export class ImportLookups {
  private readonly coupons = new Map<string, CouponRow | null>()
  private readonly uses = new Map<string, number>()
  private readonly catalogueImportedAt: number | null

  /** `ownBatch`: the import being read, whose sales are written while it is read (not "stored before"). */
  constructor(
    private readonly db: Db,
    private readonly ownBatch: number | null = null,
  ) {
    this.catalogueImportedAt = catalogMeta(db).importedAt
  }

  private readonly codes = new Map<string, CodeParse>()

  /** The coupon cell cleaned as the till cleans a code; a file repeats a few codes, so remembered. */
  cleanCode(text: string): CodeParse {
    let known = this.codes.get(text)
    if (known === undefined) {
      if (this.codes.size >= CACHE_LIMIT) this.codes.clear()
      known = cleanCode(text)
      this.codes.set(text, known)
    }
    return known
  }

  private coupon(key: string): CouponRow | undefined {
    let known = this.coupons.get(key)
    if (known === undefined) {
      if (this.coupons.size >= CACHE_LIMIT) this.coupons.clear()
      known = findCoupon(this.db, key) ?? null
      this.coupons.set(key, known)
    }
    return known ?? undefined
  }

  /** Uses so far: stored sales since the catalogue counted, plus earlier rows of this file. */
  private usesOf(coupon: CouponRow): number {
    let count = this.uses.get(coupon.key)
    if (count === undefined) {
      count = localUses(this.db, coupon.key, coupon.seen_at_ms)
      this.uses.set(coupon.key, count)
    }
    return count
  }

  private stored = new Map<string, StoredOrder>()

  /**
   * Looks up, in one query, which of a batch's order ids are already stored: one call per
   * batch of rows instead of one per row (the per-call cost dominates a million-row file).
   */
  prefetchStored(orderIds: readonly string[]): void {
    this.stored = new Map()
    if (orderIds.length === 0) return
    const rows = cached(
      this.db,
      `SELECT s.order_id, s.import_batch_id, s.created_at_ms FROM json_each(?) j JOIN sales s ON s.order_id = j.value`,
    ).all(JSON.stringify(orderIds)) as StoredOrder[]
    for (const row of rows) if (row.import_batch_id === null || row.import_batch_id !== this.ownBatch) this.stored.set(row.order_id, row)
  }

  /** Only for order ids of the last prefetched batch. */
  storedSale(orderId: string): StoredOrder | undefined {
    return this.stored.get(orderId)
  }

  judge(code: { code: string; key: string }, amountMinor: number, atMs: number, settings: Settings): CodeCheck {
    const coupon = this.coupon(code.key)
    return evaluateCode({ code: code.code, fromUrl: false }, coupon, {
      nowMs: atMs,
      localUses: coupon !== undefined && isLimited(coupon) ? this.usesOf(coupon) : 0,
      amountMinor,
      currency: settings.currency,
      amountFormat: settings.amountFormat,
      timeZone: settings.timeZone,
      catalogueImportedAt: this.catalogueImportedAt,
    })
  }

  /** Counts a passed row's use of its coupon, so later rows of the file see it. */
  takeUse(key: string): void {
    this.changeUses(key, 1)
  }

  /** Gives back the use of a row that turned out a duplicate. */
  releaseUse(key: string): void {
    this.changeUses(key, -1)
  }

  private changeUses(key: string, change: number): void {
    const coupon = this.coupons.get(key)
    if (coupon !== undefined && coupon !== null && isLimited(coupon)) this.uses.set(key, this.usesOf(coupon) + change)
  }
}

function isLimited(coupon: CouponRow): boolean {
  return coupon.max_uses !== null && coupon.max_uses > 0
}

function cellOf(fields: readonly string[], index: number | null): string {
  return index === null ? '' : (fields[index] ?? '').trim()
}

function refused(field: SalesField | null, message: string): SalesRowVerdict {
  return { status: 'refused', field, message }
}

// A million-row file runs this a million times: no closures or arrays made per row.
export function checkSalesRow(fields: readonly string[], line: number, plan: SalesRowPlan, judge: ImportLookups): SalesRowVerdict {
  const { settings, columns } = plan

  const couponText = cellOf(fields, columns.coupon)
  const orderText = cellOf(fields, columns.orderId)
  const amountText = cellOf(fields, columns.amount)
  if (TOTALS_WORD.test(couponText) || TOTALS_WORD.test(orderText) || (couponText === '' && orderText === '' && amountText !== '')) {
    return { status: 'skipped', field: null, message: 'a totals row, not a sale' }
  }
  const needed = plan.fieldsNeeded
  if (fields.length < needed) {
    return refused(null, `the row has ${fields.length} field${fields.length === 1 ? '' : 's'}; the mapping needs ${needed}`)
  }

  if (couponText === '') return refused('coupon', 'coupon is empty')
  const code = judge.cleanCode(couponText)
  if (!code.ok) return refused('coupon', `coupon: ${code.reason}`)

  if (amountText === '') return refused('amount', 'amount is empty')
  const amount = parseAmount(amountText, { format: plan.decimal, currency: settings.currency, maxMinor: plan.maxMinor })
  if (!amount.ok) return refused('amount', `amount "${amountText}": ${amount.reason}`)

  if (orderText === '') return refused('orderId', 'order ID is empty')
  let orderId: string
  try {
    orderId = cleanTypedOrderId(orderText)
  } catch (error) {
    return refused('orderId', isAppError(error) ? error.message : String(error))
  }
  // A row already stored is reported as such, whatever else changed since (a used-up coupon).
  const stored = judge.storedSale(orderId)
  if (stored !== undefined) {
    const origin = stored.import_batch_id === null ? 'a sale' : `imported (import #${stored.import_batch_id})`
    return { status: 'duplicate', field: 'orderId', message: `order ID ${orderId} is already stored: ${origin} of ${formatDateTime(stored.created_at_ms, settings.timeZone)}` }
  }

  let occurredAtMs = plan.nowMs
  let day: string
  if (plan.columns.date === null) {
    day = businessDate(plan.nowMs, settings.timeZone)
  } else {
    const parsed = parseSaleDate(cellOf(fields, columns.date), plan.dateOrder, settings.timeZone)
    if (!parsed.ok) return refused('date', parsed.reason)
    occurredAtMs = parsed.atMs
    day = parsed.businessDate
  }
  if (occurredAtMs > plan.nowMs + FUTURE_LIMIT_MS) {
    return refused('date', `${formatDateTime(occurredAtMs, settings.timeZone)} is more than a week ahead`)
  }

  const check = judge.judge(code, amount.amountMinor, occurredAtMs, settings)
  if (check.status === 'unknown' && !plan.allowUnverified) {
    return refused('coupon', `coupon ${code.code} is not in the coupon list`)
  }
  if (check.status !== 'unknown' && !check.canSell) {
    return refused('coupon', `coupon ${check.code}: ${check.message.replace(/^Refused: /, '')}`)
  }
  judge.takeUse(code.key)
  return {
    status: 'ok',
    sale: {
      line,
      order_id: orderId,
      coupon_code: check.code,
      coupon_key: code.key,
      amount_minor: amount.amountMinor,
      occurred_at_ms: occurredAtMs,
      business_date: day,
      is_unverified: check.status === 'unknown' ? 1 : 0,
      is_future_dated: occurredAtMs > plan.nowMs + FUTURE_FLAG_MS ? 1 : 0,
    },
  }
}
