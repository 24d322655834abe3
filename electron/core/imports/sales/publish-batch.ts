import { appendAudit } from '../../db/audit-repo'
import { withDeferredFsync } from '../../db/deferred-fsync'
import type { Db } from '../../db/connection'
import type { ImportBatchRow } from '../../db/imports-repo'
import { findImportBatch, setBatchStatus } from '../../db/imports-repo'
import { cached } from '../../db/statements'
import { ScratchStore } from './scratch-store'

/**
 * Moving a decided batch (status 'publishing') from its scratch file into `sales` and `outbox`
 * (affiliate and campaign from the coupon list, as the till's sales get them),
 * a slice per short IMMEDIATE transaction: a sale rung up meanwhile waits for one slice at most.
 * Each slice records how far it got in the same transaction, so after a crash the move goes on
 * from exactly there: every staged sale lands once, with its outbox row, and none twice.
 */

export const PUBLISH_SLICE = 2000

export interface BatchStamp {
  currency: string
  terminalId: string
}

export function batchStamp(batch: ImportBatchRow): BatchStamp {
  const parsed = JSON.parse(batch.settings_json) as Partial<BatchStamp>
  return { currency: parsed.currency ?? 'EUR', terminalId: parsed.terminalId ?? 'IMPORT' }
}

export interface SliceResult {
  through: number
  inserted: number
  /** Rows of the slice whose order id was taken meanwhile (a till sale with the same id). */
  lateDuplicates: number
}

export function publishSlice(db: Db, batchId: number, stamp: BatchStamp, afterId: number, limit: number, nowMs: number, scratch: ScratchStore): SliceResult {
  const schema = ScratchStore.schema
  // No fsync per slice: the batch's final commit (FULL) makes them all durable, and a slice lost
  // to a power cut loses its progress mark with it, so the move redoes it (deferred-fsync.ts).
  return withDeferredFsync(db, () => db.transaction((): SliceResult => {
    const through = scratch.sliceEnd(afterId, limit)
    if (through === afterId) return { through, inserted: 0, lateDuplicates: 0 }
    const before = (cached(db, 'SELECT coalesce(max(id), 0) FROM sales').pluck().get() as number)
    const inserted = db
      .prepare(
        `INSERT INTO main.sales (order_id, coupon_code, coupon_key, amount_minor, currency, occurred_at_ms, business_date,
           created_at_ms, terminal_id, source, state, state_changed_at_ms, is_unverified, is_future_dated,
           affiliate_id, affiliate_name, campaign_id, campaign_name, import_batch_id, import_line)
         SELECT st.order_id, st.coupon_code, st.coupon_key, st.amount_minor, @currency, st.occurred_at_ms, st.business_date,
           @now, @terminal, 'import', 'saved', @now, st.is_unverified, st.is_future_dated,
           c.affiliate_id, c.affiliate_name, c.campaign_id, c.campaign_name, @batch, st.line
         FROM ${schema}.staged st LEFT JOIN main.coupons c ON c.key = st.coupon_key
         WHERE st.id > @after AND st.id <= @through
           AND NOT EXISTS (SELECT 1 FROM main.sales s WHERE s.order_id = st.order_id)
         ORDER BY st.id`,
      )
      .run({ currency: stamp.currency, now: nowMs, terminal: stamp.terminalId, batch: batchId, after: afterId, through }).changes
    cached(
      db,
      `INSERT INTO outbox (sale_id, kind, status, attempts, next_attempt_at_ms, created_at_ms)
       SELECT id, 'sale', 'pending', 0, @now, @now FROM sales WHERE import_batch_id = @batch AND id > @before`,
    ).run({ now: nowMs, batch: batchId, before })
    const staged = db.prepare(`SELECT count(*) FROM ${schema}.staged WHERE id > ? AND id <= ?`).pluck().get(afterId, through) as number
    const lateDuplicates = staged - inserted
    cached(
      db,
      `UPDATE sales_imports SET published_through = ?, imported = imported + ?, duplicates = duplicates + ? WHERE id = ?`,
    ).run(through, inserted, lateDuplicates, batchId)
    return { through, inserted, lateDuplicates }
  }).immediate())
}

/** Marks a fully moved batch committed (with its audit line) and removes its scratch file. */
export function completeBatch(db: Db, batchId: number, actor: string, nowMs: number, scratch: ScratchStore): void {
  db.transaction(() => {
    setBatchStatus(db, batchId, 'committed', nowMs)
    const batch = findImportBatch(db, batchId)
    appendAudit(db, {
      atMs: nowMs,
      actor,
      action: 'sales.import',
      subject: `import:${batchId}`,
      details: {
        file: batch?.file_name ?? null,
        rowsRead: batch?.rows_read ?? 0,
        imported: batch?.imported ?? 0,
        refused: batch?.refused ?? 0,
        duplicates: batch?.duplicates ?? 0,
      },
    })
  }).immediate()
  scratch.close({ remove: true })
}
