import type { SaleView } from '../../shared/contract'
import { AppError } from '../../shared/errors'
import { SALE_STATE_LABELS, canVoidLocally } from '../../shared/sale-state'
import type { Db } from '../db/connection'
import { findSaleById, markVoided } from '../db/sales-repo'
import { cancelPendingOutbox } from '../db/outbox-repo'
import { appendAudit } from '../db/audit-repo'
import { toSaleView } from './sale-view'

/**
 * Voiding a sale the platform has not seen: its delivery is withdrawn and the sale kept,
 * marked voided, with an audit line. A sale being sent right now, or already at the platform,
 * cannot be voided locally (that needs a reversal at the platform).
 */
export function voidSale(db: Db, saleId: number, reason: string | null, actor: string, nowMs: number): SaleView {
  db.transaction(() => {
    const sale = findSaleById(db, saleId)
    if (sale === undefined) throw new AppError('NOT_FOUND', `No sale with id ${saleId}`, { field: 'saleId' })
    if (!canVoidLocally(sale.state)) {
      throw new AppError(
        'NOT_ALLOWED',
        `Sale ${sale.order_id} cannot be voided here: it is "${SALE_STATE_LABELS[sale.state]}"`,
        { state: sale.state },
      )
    }
    if (sale.state === 'saved' && !cancelPendingOutbox(db, saleId, 'sale')) {
      throw new AppError('NOT_ALLOWED', `Sale ${sale.order_id} is being sent right now; try again in a moment`)
    }
    const cleanReason = reason === null || reason.trim() === '' ? null : reason.trim()
    markVoided(db, saleId, nowMs, cleanReason)
    appendAudit(db, {
      atMs: nowMs,
      actor,
      action: 'sale.void',
      subject: `sale:${saleId}`,
      details: { orderId: sale.order_id, previousState: sale.state, reason: cleanReason },
    })
  }).immediate()
  const row = findSaleById(db, saleId)
  if (row === undefined) throw new AppError('INTERNAL', 'The sale disappeared after voiding')
  return toSaleView(row)
}
