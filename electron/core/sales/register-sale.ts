import type { SaleView } from '../../shared/contract'
import { AppError } from '../../shared/errors'
import type { ScannedCode } from '../../shared/coupon-code'
import { parseScannedCode } from '../../shared/coupon-code'
import { majorToMinor, parseAmount } from '../../shared/money'
import { businessDate, formatDateTime, parseInstant } from '../../shared/dates'
import type { Settings } from '../../shared/settings'
import type { Transaction } from 'better-sqlite3'
import type { Db } from '../db/connection'
import type { NewSale, SaleRow, SaleSource } from '../db/sales-repo'
import { findSaleByOrderId, insertSale } from '../db/sales-repo'
import { enqueueOutbox } from '../db/outbox-repo'
import { forgetLocalUses } from '../db/local-uses'
import { appendAudit } from '../db/audit-repo'
import { lookupCode } from '../catalog/check-code'
import { cleanTypedOrderId, forgetOrderSequences, generateOrderId } from './order-id'
import { toSaleView } from './sale-view'

/**
 * Registering a sale, all in one IMMEDIATE transaction: everything that can be refused is checked
 * first (a refusal rolls back an empty transaction); then the sale and its outbox entry (and,
 * for an unverified sale, an audit line) are written, and only after that commit returns does
 * the caller hear "saved". Times more than
 * 5 minutes ahead are kept but flagged; more than a week ahead is a typo and refused.
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
  /**
   * Read inside the sale's transaction: there the check whether another connection changed them
   * is nearly free, and the sale is made with the settings of the moment it is written.
   */
  settings: () => Settings
  nowMs: number
  actor: () => string
  source: SaleSource
}

export function registerSale(context: RegisterContext, input: RegisterSaleInput): { sale: SaleView; warnings: string[] } {
  let written: { row: SaleRow; warnings: string[] }
  try {
    written = writeSaleTransaction(context.db).immediate(context, input)
  } catch (error) {
    // Refused or failed: nothing was written, so an order number it may have drawn is free again
    // (and a use it may have counted is not taken).
    forgetOrderSequences(context.db)
    forgetLocalUses(context.db)
    throw error
  }
  const { row, warnings } = written
  if (row.is_unverified === 1) warnings.push('Saved as unverified: the code is not in the coupon list.')
  return { sale: toSaleView(row), warnings }
}

/** Everything that can be refused without the database, in the settings read inside the transaction. */
function draftSale(context: RegisterContext, settings: Settings, input: RegisterSaleInput): SaleDraft {
  const { nowMs } = context
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
  return {
    context,
    settings,
    scanned,
    amountMinor: amount.amountMinor,
    occurredAtMs,
    isFutureDated,
    typedOrderId,
    allowUnverified: input.allowUnverified === true,
    warnings,
  }
}

interface SaleDraft {
  context: RegisterContext
  settings: Settings
  scanned: ScannedCode
  amountMinor: number
  occurredAtMs: number
  isFutureDated: boolean
  typedOrderId: string | null
  allowUnverified: boolean
  warnings: string[]
}

// One transaction function per connection: wrapping a new one for every sale costs more than the
// inserts themselves (a sale's CPU time is counted against the bare disk commit, see the bench).
type SaleTransaction = Transaction<(context: RegisterContext, input: RegisterSaleInput) => { row: SaleRow; warnings: string[] }>
const saleTransactions = new WeakMap<Db, SaleTransaction>()

function writeSaleTransaction(db: Db): SaleTransaction {
  let transaction = saleTransactions.get(db)
  if (transaction === undefined) {
    transaction = db.transaction((context: RegisterContext, input: RegisterSaleInput) => {
      const draft = draftSale(context, context.settings(), input)
      return { row: writeSale(db, draft), warnings: draft.warnings }
    })
    saleTransactions.set(db, transaction)
  }
  return transaction
}

/** Runs inside the IMMEDIATE transaction: the checks that depend on the data, then the writes. */
function writeSale(db: Db, draft: SaleDraft): SaleRow {
  const { context, settings, scanned, amountMinor, occurredAtMs } = draft
  const { nowMs } = context
  const { check, coupon } = lookupCode(db, scanned, amountMinor, settings, nowMs)
  if (check.status === 'unknown' && !draft.allowUnverified) {
    throw new AppError('COUPON_UNKNOWN', check.message, { field: 'code', status: check.status })
  }
  if (check.status !== 'unknown' && !check.canSell) {
    throw new AppError('COUPON_REFUSED', check.message, { field: 'code', status: check.status })
  }
  const day = businessDate(occurredAtMs, settings.timeZone)
  let orderId: string
  if (draft.typedOrderId === null) {
    orderId = generateOrderId(db, settings.terminalId, day)
  } else {
    const existing = findSaleByOrderId(db, draft.typedOrderId)
    if (existing !== undefined) {
      throw new AppError(
        'DUPLICATE_ORDER_ID',
        `Order ID ${draft.typedOrderId} is already used by a sale of ${formatDateTime(existing.created_at_ms, settings.timeZone)} (coupon ${existing.coupon_code})`,
        { field: 'orderId', saleId: existing.id },
      )
    }
    orderId = draft.typedOrderId
  }
  // The row as it will read back: written field by field, because spreading one object into
  // another on every sale made V8 build fresh hidden classes each time (9 KB of garbage a sale,
  // promoted to the old generation; see the sale-commit bench).
  const sale: SaleRow & Required<Pick<NewSale, 'counts_toward_limit'>> = {
    id: 0,
    order_id: orderId,
    coupon_code: check.code,
    coupon_key: scanned.key,
    amount_minor: amountMinor,
    currency: settings.currency,
    occurred_at_ms: occurredAtMs,
    business_date: day,
    created_at_ms: nowMs,
    terminal_id: settings.terminalId,
    source: context.source,
    state: 'saved',
    state_changed_at_ms: nowMs,
    is_unverified: check.status === 'unknown' ? 1 : 0,
    is_future_dated: draft.isFutureDated ? 1 : 0,
    affiliate_id: coupon?.affiliate_id ?? null,
    affiliate_name: coupon?.affiliate_name ?? null,
    campaign_id: coupon?.campaign_id ?? null,
    campaign_name: coupon?.campaign_name ?? null,
    voided_at_ms: null,
    void_reason: null,
    last_error: null,
    // The sync engine's columns, at their defaults.
    attention: null,
    sync_attempts: 0,
    last_attempt_at_ms: null,
    next_attempt_at_ms: null,
    reversal_state: null,
    counts_toward_limit: (coupon?.max_uses ?? 0) > 0 ? 1 : 0,
  }
  const id = insertSale(db, sale)
  sale.id = id
  enqueueOutbox(db, id, 'sale', nowMs)
  // The sale row itself records what was sold, where and when; the audit log records decisions
  // and changes. Saving an unknown code is a cashier's decision, so it gets its line.
  if (check.status === 'unknown') {
    appendAudit(db, {
      atMs: nowMs,
      actor: context.actor(),
      action: 'sale.register-unverified',
      subject: `sale:${id}`,
      details: { orderId, code: check.code, amountMinor, currency: settings.currency },
    })
  }
  // What was just written, without reading it back: the row has no defaults beyond these.
  return sale
}
