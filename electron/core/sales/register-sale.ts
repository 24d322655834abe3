import type { SaleView } from '../../shared/contract'
import { AppError } from '../../shared/errors'
import { parseScannedCode } from '../../shared/coupon-code'
import { majorToMinor, parseAmount } from '../../shared/money'
import { businessDate, formatDateTime, parseInstant } from '../../shared/dates'
import type { Settings } from '../../shared/settings'
import type { Db } from '../db/connection'
import type { SaleSource } from '../db/sales-repo'
import { findSaleByOrderId, findSaleById, insertSale } from '../db/sales-repo'
import { enqueueOutbox } from '../db/outbox-repo'
import { appendAudit } from '../db/audit-repo'
import { findCoupon } from '../db/coupons-repo'
import { checkCode } from '../catalog/check-code'
import { cleanTypedOrderId, generateOrderId } from './order-id'
import { toSaleView } from './sale-view'

/**
 * Registering a sale. Everything that can be refused is checked first; then the sale, its
 * outbox entry and its audit line are written in one IMMEDIATE transaction, and only after that
 * commit returns does the caller hear "saved". Times more than 5 minutes ahead are kept but
 * flagged; more than a week ahead is a typo and refused.
 */

export const FUTURE_FLAG_MS = 5 * 60_000
export const FUTURE_LIMIT_MS = 7 * 24 * 60 * 60_000

export interface RegisterSaleInput {
  code: string
  amount: string
  orderId?: string | undefined
  occurredAt?: string | undefined
  allowUnverified?: boolean | undefined
}

export interface RegisterContext {
  db: Db
  settings: Settings
  nowMs: number
  actor: string
  source: SaleSource
}

export function registerSale(context: RegisterContext, input: RegisterSaleInput): { sale: SaleView; warnings: string[] } {
  const { db, settings, nowMs } = context
  const scanned = parseScannedCode(input.code)
  if (!scanned.ok) throw new AppError('INVALID_CODE', scanned.reason, { field: 'code' })

  const amount = parseAmount(input.amount, {
    format: settings.amountFormat,
    currency: settings.currency,
    maxMinor: majorToMinor(settings.maxSaleAmount, settings.currency),
  })
  if (!amount.ok) throw new AppError('INVALID_AMOUNT', amount.reason, { field: 'amount' })

  const warnings: string[] = []
  let occurredAtMs = nowMs
  if (input.occurredAt !== undefined && input.occurredAt.trim() !== '') {
    const parsed = parseInstant(input.occurredAt, settings.timeZone)
    if (!parsed.ok) throw new AppError('INVALID_INPUT', parsed.reason, { field: 'occurredAt' })
    occurredAtMs = parsed.atMs
  }
  if (occurredAtMs > nowMs + FUTURE_LIMIT_MS) {
    throw new AppError('INVALID_INPUT', `The sale time ${formatDateTime(occurredAtMs, settings.timeZone)} is more than a week ahead`, { field: 'occurredAt' })
  }
  const isFutureDated = occurredAtMs > nowMs + FUTURE_FLAG_MS
  if (isFutureDated) {
    warnings.push(`The sale time ${formatDateTime(occurredAtMs, settings.timeZone)} is in the future; the sale is flagged.`)
  }
  const typedOrderId =
    input.orderId === undefined || input.orderId.trim() === '' ? null : cleanTypedOrderId(input.orderId)

  const saleId = db
    .transaction(() => {
      const check = checkCode(db, scanned, amount.amountMinor, settings, nowMs)
      if (check.status === 'unknown' && input.allowUnverified !== true) {
        throw new AppError('COUPON_UNKNOWN', check.message, { field: 'code', status: check.status })
      }
      if (check.status !== 'unknown' && !check.canSell) {
        throw new AppError('COUPON_REFUSED', check.message, { field: 'code', status: check.status })
      }
      const day = businessDate(occurredAtMs, settings.timeZone)
      let orderId: string
      if (typedOrderId === null) {
        orderId = generateOrderId(db, settings.terminalId, day)
      } else {
        const existing = findSaleByOrderId(db, typedOrderId)
        if (existing !== undefined) {
          throw new AppError(
            'DUPLICATE_ORDER_ID',
            `Order ID ${typedOrderId} is already used by a sale of ${formatDateTime(existing.created_at_ms, settings.timeZone)} (coupon ${existing.coupon_code})`,
            { field: 'orderId', saleId: existing.id },
          )
        }
        orderId = typedOrderId
      }
      const coupon = check.status === 'unknown' ? undefined : findCoupon(db, scanned.key)
      const id = insertSale(db, {
        order_id: orderId,
        coupon_code: check.code,
        coupon_key: scanned.key,
        amount_minor: amount.amountMinor,
        currency: settings.currency,
        occurred_at_ms: occurredAtMs,
        business_date: day,
        created_at_ms: nowMs,
        terminal_id: settings.terminalId,
        source: context.source,
        state: 'saved',
        state_changed_at_ms: nowMs,
        is_unverified: check.status === 'unknown' ? 1 : 0,
        is_future_dated: isFutureDated ? 1 : 0,
        affiliate_id: coupon?.affiliate_id ?? null,
        affiliate_name: coupon?.affiliate_name ?? null,
        campaign_id: coupon?.campaign_id ?? null,
        campaign_name: coupon?.campaign_name ?? null,
      })
      enqueueOutbox(db, id, 'sale', nowMs)
      appendAudit(db, {
        atMs: nowMs,
        actor: context.actor,
        action: check.status === 'unknown' ? 'sale.register-unverified' : 'sale.register',
        subject: `sale:${id}`,
        details: { orderId, code: check.code, amountMinor: amount.amountMinor, currency: settings.currency },
      })
      return id
    })
    .immediate()

  const row = findSaleById(db, saleId)
  if (row === undefined) throw new AppError('INTERNAL', 'The sale was saved but cannot be read back')
  if (row.is_unverified === 1) warnings.push('Saved as unverified: the code is not in the coupon list.')
  return { sale: toSaleView(row), warnings }
}
