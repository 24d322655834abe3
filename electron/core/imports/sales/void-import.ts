import type { ImportBatchView } from '../../../shared/import-contract'
import { AppError } from '../../../shared/errors'
import { appendAudit } from '../../db/audit-repo'
import type { Db } from '../../db/connection'
import { forgetLocalUses } from '../../db/local-uses'
import type { ImportBatchRow } from '../../db/imports-repo'
import { countSentInBatch, findImportBatch, recentImportBatches, setBatchStatus } from '../../db/imports-repo'

/**
 * Voiding a whole import batch, allowed while the platform has none of its sales: every sale of
 * the batch is voided and its delivery withdrawn in one transaction, with one audit line. Once a
 * sale went out, the sales screen voids sales one by one (with the reversal the platform needs).
 */
export function voidImportBatch(db: Db, batchId: number, reason: string | null, actor: string, nowMs: number): ImportBatchView {
  const voided = db.transaction(() => {
    const batch = findImportBatch(db, batchId)
    if (batch === undefined) throw new AppError('NOT_FOUND', `No import #${batchId}`)
    if (batch.status !== 'committed') {
      throw new AppError('NOT_ALLOWED', `Import #${batchId} is ${batch.status === 'voided' ? 'already voided' : `not committed (${batch.status})`}`)
    }
    const sent = countSentInBatch(db, batchId)
    if (sent > 0) {
      throw new AppError('NOT_ALLOWED', `${sent} sale${sent === 1 ? ' of this import was' : 's of this import were'} already sent to the platform; void them one by one on the Sales screen`, { sent })
    }
    db.prepare(
      `UPDATE outbox SET status = 'cancelled' WHERE status = 'pending'
         AND sale_id IN (SELECT id FROM sales WHERE import_batch_id = ?)`,
    ).run(batchId)
    const sales = db
      .prepare(
        `UPDATE sales SET state = 'voided', state_changed_at_ms = ?, voided_at_ms = ?, void_reason = ?
         WHERE import_batch_id = ? AND state != 'voided'`,
      )
      .run(nowMs, nowMs, reason ?? `import #${batchId} voided`, batchId).changes
    setBatchStatus(db, batchId, 'voided', nowMs)
    // The batch's sales no longer count toward their coupons' limits.
    forgetLocalUses(db)
    appendAudit(db, { atMs: nowMs, actor, action: 'sales.import-void', subject: `import:${batchId}`, details: { file: batch.file_name, sales, reason } })
    return findImportBatch(db, batchId)
  }).immediate()
  if (voided === undefined) throw new AppError('NOT_FOUND', `No import #${batchId}`)
  return toBatchView(db, voided)
}

export function toBatchView(db: Db, batch: ImportBatchRow): ImportBatchView {
  const sent = batch.status === 'committed' ? countSentInBatch(db, batch.id) : 0
  return {
    id: batch.id,
    fileName: batch.file_name,
    status: batch.status,
    startedAt: batch.started_at_ms,
    finishedAt: batch.finished_at_ms,
    actor: batch.actor,
    rowsRead: batch.rows_read,
    imported: batch.imported,
    refused: batch.refused,
    duplicates: batch.duplicates,
    sent,
    canVoid: batch.status === 'committed' && sent === 0 && batch.imported > 0,
  }
}

export function listImportBatches(db: Db, limit = 50): ImportBatchView[] {
  return recentImportBatches(db, limit).map((batch) => toBatchView(db, batch))
}
