import type { SaleView } from '../../shared/contract'
import { AppError } from '../../shared/errors'
import { parseScannedCode } from '../../shared/coupon-code'
import { majorToMinor, parseAmount } from '../../shared/money'
import { SALE_STATE_LABELS } from '../../shared/sale-state'
import type { Settings } from '../../shared/settings'
import type { Db } from '../db/connection'
import type { SaleRow } from '../db/sales-repo'
import { correctSale, findSaleById, updateSaleSync } from '../db/sales-repo'
import { findOutboxRow, finishOutboxRow, restartOutboxRow } from '../db/outbox-repo'
import { findCoupon } from '../db/coupons-repo'
import { appendAudit } from '../db/audit-repo'
import { checkCode } from '../catalog/check-code'
import { toSaleView } from './sale-view'

/**
 * The manager's two answers to a sale the platform did not take cleanly:
 * - fix and resend: a new coupon and/or amount (checked like a sale at the till, with the
 *   coupon's validity taken at the sale's own time), then the same order id goes out again;
 * - mark as sent: the manager saw the sale in the platform, so it is done here too.
 * Both are audit-logged with what changed. A sale being sent right now is left alone.
 */

export interface FixSaleInput {
  saleId: number
  code?: string | undefined
  amount?: string | undefined
  allowUnverified?: boolean | undefined
  reason?: string | undefined
}

export interface ResolveContext {
  db: Db
  settings: Settings
  nowMs: number
  actor: string
}

/** States a sale may be fixed and resent from: refused or unconfirmed, or not sent yet. */
const FIXABLE = new Set(['needs_attention', 'saved'])

export function fixAndResend(context: ResolveContext, input: FixSaleInput): SaleView {
  const { db, settings, nowMs } = context
  db.transaction(() => {
    const sale = requireSale(db, input.saleId)
    if (!FIXABLE.has(sale.state)) {
      throw new AppError('NOT_ALLOWED', `Sale ${sale.order_id} is "${SALE_STATE_LABELS[sale.state]}": only a sale that needs attention or waits to be sent can be fixed and resent`, { state: sale.state })
    }
    const outbox = findOutboxRow(db, sale.id, 'sale')
    if (outbox === undefined) throw new AppError('INTERNAL', `Sale ${sale.order_id} has no delivery record`)
    if (outbox.status === 'in_flight') throw new AppError('NOT_ALLOWED', `Sale ${sale.order_id} is being sent right now; try again in a moment`)

    const changes: Record<string, { from: unknown; to: unknown }> = {}
    let correction = {
      coupon_code: sale.coupon_code,
      coupon_key: sale.coupon_key,
      amount_minor: sale.amount_minor,
      is_unverified: sale.is_unverified,
      affiliate_id: sale.affiliate_id,
      affiliate_name: sale.affiliate_name,
      campaign_id: sale.campaign_id,
      campaign_name: sale.campaign_name,
    }
    if (input.amount !== undefined && input.amount.trim() !== '') {
      const amount = parseAmount(input.amount, { format: settings.amountFormat, currency: sale.currency, maxMinor: majorToMinor(settings.maxSaleAmount, sale.currency) })
      if (!amount.ok) throw new AppError('INVALID_AMOUNT', amount.reason, { field: 'amount' })
      if (amount.amountMinor !== sale.amount_minor) {
        changes.amountMinor = { from: sale.amount_minor, to: amount.amountMinor }
        correction = { ...correction, amount_minor: amount.amountMinor }
      }
    }
    if (input.code !== undefined && input.code.trim() !== '') {
      const scanned = parseScannedCode(input.code)
      if (!scanned.ok) throw new AppError('INVALID_CODE', scanned.reason, { field: 'code' })
      // Validity as of the sale's own time: a coupon that expired since is still the right one.
      const check = checkCode(db, scanned, correction.amount_minor, settings, sale.occurred_at_ms)
      if (check.status === 'unknown' && input.allowUnverified !== true) throw new AppError('COUPON_UNKNOWN', check.message, { field: 'code', status: check.status })
      if (check.status !== 'unknown' && !check.canSell && check.status !== 'used_up') throw new AppError('COUPON_REFUSED', check.message, { field: 'code', status: check.status })
      if (scanned.key !== sale.coupon_key || check.code !== sale.coupon_code) {
        const coupon = check.status === 'unknown' ? undefined : findCoupon(db, scanned.key)
        changes.code = { from: sale.coupon_code, to: check.code }
        correction = {
          ...correction,
          coupon_code: check.code,
          coupon_key: scanned.key,
          is_unverified: check.status === 'unknown' ? 1 : 0,
          affiliate_id: coupon?.affiliate_id ?? null,
          affiliate_name: coupon?.affiliate_name ?? null,
          campaign_id: coupon?.campaign_id ?? null,
          campaign_name: coupon?.campaign_name ?? null,
        }
      }
    }
    correctSale(db, sale.id, correction)
    restartOutboxRow(db, outbox.id, nowMs)
    updateSaleSync(db, sale.id, nowMs, { state: 'saved', attention: null, last_error: null, sync_attempts: sale.sync_attempts, last_attempt_at_ms: sale.last_attempt_at_ms, next_attempt_at_ms: nowMs, reversal_state: sale.reversal_state })
    const reason = input.reason?.trim() ?? ''
    appendAudit(db, {
      atMs: nowMs,
      actor: context.actor,
      action: Object.keys(changes).length > 0 ? 'sale.fix-and-resend' : 'sale.resend',
      subject: `sale:${sale.id}`,
      details: { orderId: sale.order_id, previousState: sale.state, attention: sale.attention, changes, reason: reason === '' ? null : reason },
    })
  }).immediate()
  return readBack(db, input.saleId)
}

export function markSent(context: ResolveContext, saleId: number, note: string | undefined): SaleView {
  const { db, nowMs } = context
  db.transaction(() => {
    const sale = requireSale(db, saleId)
    if (sale.state !== 'needs_attention') {
      throw new AppError('NOT_ALLOWED', `Sale ${sale.order_id} is "${SALE_STATE_LABELS[sale.state]}": only a sale that needs attention can be marked as sent`, { state: sale.state })
    }
    const outbox = findOutboxRow(db, sale.id, 'sale')
    if (outbox?.status === 'in_flight') throw new AppError('NOT_ALLOWED', `Sale ${sale.order_id} is being sent right now; try again in a moment`)
    if (outbox !== undefined && outbox.status !== 'done') finishOutboxRow(db, outbox.id, nowMs, 'done')
    updateSaleSync(db, sale.id, nowMs, { state: 'accepted', attention: null, last_error: null, sync_attempts: sale.sync_attempts, last_attempt_at_ms: sale.last_attempt_at_ms, next_attempt_at_ms: null, reversal_state: sale.reversal_state })
    const cleanNote = note?.trim() ?? ''
    appendAudit(db, {
      atMs: nowMs,
      actor: context.actor,
      action: 'sale.mark-sent',
      subject: `sale:${sale.id}`,
      details: { orderId: sale.order_id, attention: sale.attention, lastError: sale.last_error, note: cleanNote === '' ? null : cleanNote },
    })
  }).immediate()
  return readBack(db, saleId)
}

function requireSale(db: Db, saleId: number): SaleRow {
  const sale = findSaleById(db, saleId)
  if (sale === undefined) throw new AppError('NOT_FOUND', `No sale with id ${saleId}`, { field: 'saleId' })
  return sale
}

function readBack(db: Db, saleId: number): SaleView {
  const row = findSaleById(db, saleId)
  if (row === undefined) throw new AppError('INTERNAL', 'The sale disappeared')
  return toSaleView(row)
}
