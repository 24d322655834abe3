import type { SaleView } from '../../shared/contract'
import { AppError } from '../../shared/errors'
import { SALE_STATE_LABELS, canVoidLocally, canVoidWithReversal } from '../../shared/sale-state'
import type { Db } from '../db/connection'
import { findSaleById, markVoided, setReversalState } from '../db/sales-repo'
import { cancelPendingOutbox, enqueueOutbox } from '../db/outbox-repo'
import { appendAudit } from '../db/audit-repo'
import { toSaleView } from './sale-view'

/**
 * Voiding a sale. One the platform has not seen: its delivery is withdrawn and the sale kept,
 * marked voided, with an audit line. One the platform has (or is being sent right now): a
 * reversal is queued, which the engine sends only after the sale's own delivery finished
 * (`reversal: 'api'`); where the platform has no reversal API the manager reverses it there and
 * confirms (`alreadyReversedAtPlatform`), otherwise the void is refused with what to do.
 */

export interface VoidOptions {
  /** What the active platform can do: reverse through its API, or not at all. */
  reversal: 'api' | 'none'
  platformLabel: string | null
  alreadyReversedAtPlatform: boolean
}

export function voidSale(db: Db, saleId: number, reason: string | null, actor: string, nowMs: number, options: VoidOptions = { reversal: 'none', platformLabel: null, alreadyReversedAtPlatform: false }): SaleView {
  db.transaction(() => {
    const sale = findSaleById(db, saleId)
    if (sale === undefined) throw new AppError('NOT_FOUND', `No sale with id ${saleId}`, { field: 'saleId' })
    const cleanReason = reason === null || reason.trim() === '' ? null : reason.trim()
    if (canVoidLocally(sale.state)) {
      if (sale.state === 'saved' && !cancelPendingOutbox(db, saleId, 'sale')) {
        throw new AppError('NOT_ALLOWED', `Sale ${sale.order_id} is being sent right now; try again in a moment`)
      }
      markVoided(db, saleId, nowMs, cleanReason)
      appendAudit(db, {
        atMs: nowMs,
        actor,
        action: 'sale.void',
        subject: `sale:${saleId}`,
        details: { orderId: sale.order_id, previousState: sale.state, reason: cleanReason },
      })
      return
    }
    if (!canVoidWithReversal(sale.state)) {
      throw new AppError('NOT_ALLOWED', `Sale ${sale.order_id} cannot be voided here: it is "${SALE_STATE_LABELS[sale.state]}"`, { state: sale.state })
    }
    if (options.alreadyReversedAtPlatform) {
      markVoided(db, saleId, nowMs, cleanReason)
      setReversalState(db, saleId, 'manual')
    } else if (options.reversal === 'api') {
      markVoided(db, saleId, nowMs, cleanReason)
      enqueueOutbox(db, saleId, 'reversal', nowMs)
      setReversalState(db, saleId, 'pending')
    } else {
      const where = options.platformLabel ?? 'the platform'
      throw new AppError(
        'NOT_ALLOWED',
        `Sale ${sale.order_id} is already at ${where}, which CouponDesk cannot reverse through its API. Reverse it in ${where}, then void it here as "already reversed at the platform".`,
        { state: sale.state, needsManualReversal: true },
      )
    }
    appendAudit(db, {
      atMs: nowMs,
      actor,
      action: options.alreadyReversedAtPlatform ? 'sale.void-reversed-manually' : 'sale.void-with-reversal',
      subject: `sale:${saleId}`,
      details: { orderId: sale.order_id, previousState: sale.state, reason: cleanReason },
    })
  }).immediate()
  const row = findSaleById(db, saleId)
  if (row === undefined) throw new AppError('INTERNAL', 'The sale disappeared after voiding')
  return toSaleView(row)
}
