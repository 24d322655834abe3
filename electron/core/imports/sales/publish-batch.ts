import { appendAudit } from '../../db/audit-repo'
import { withDeferredFsync } from '../../db/deferred-fsync'
import type { Db } from '../../db/connection'
import type { ImportBatchRow } from '../../db/imports-repo'
import { findImportBatch, setBatchStatus } from '../../db/imports-repo'
import { cached } from '../../db/statements'
import type { StagedRowsReader, StagedTuple } from './staged-rows'
import { STAGED_COLUMNS, removeStagedRows } from './staged-rows'

/**
 * Moving a decided batch (status 'publishing') from its staged-rows file into `sales` and `outbox`
 * (affiliate and campaign from the coupon list, as the till's sales get them),
 * a slice per short IMMEDIATE transaction: a sale rung up meanwhile waits for one slice at most.
 * Each slice records how far it got in the same transaction, so after a crash the move goes on
 * from exactly there: every staged sale lands once, with its outbox row, and none twice.
 */

export const PUBLISH_SLICE = 1000

export interface BatchStamp {
  currency: string
  terminalId: string
}

export function batchStamp(batch: ImportBatchRow): BatchStamp {
  const parsed = JSON.parse(batch.settings_json) as Partial<BatchStamp>
  return { currency: parsed.currency ?? 'EUR', terminalId: parsed.terminalId ?? 'IMPORT' }
}

export interface SliceResult {
  /** Staged rows moved so far (the batch's progress mark). */
  through: number
  inserted: number
  /** Rows of the slice whose order id was taken meanwhile (a till sale with the same id). */
  lateDuplicates: number
}

// Parameters per staged row, bound as a VALUES list: cheaper than handing SQLite JSON to take apart.
const ROW_PARAMS = `(${STAGED_COLUMNS.map(() => '?').join(', ')})`
// v.column1.. follow STAGED_COLUMNS: line, order_id, coupon_code, coupon_key, amount_minor,
// occurred_at_ms, business_date, is_unverified, is_future_dated.
const insertSql = (rows: number): string =>
  `INSERT INTO sales (order_id, coupon_code, coupon_key, amount_minor, currency, occurred_at_ms, business_date,
     created_at_ms, terminal_id, source, state, state_changed_at_ms, is_unverified, is_future_dated,
     affiliate_id, affiliate_name, campaign_id, campaign_name, import_batch_id, import_line, counts_toward_limit)
   SELECT v.column2, v.column3, v.column4, v.column5, ?, v.column6, v.column7, ?, ?, 'import', 'saved', ?,
     v.column8, v.column9, c.affiliate_id, c.affiliate_name, c.campaign_id, c.campaign_name, ?, v.column1,
     CASE WHEN c.max_uses > 0 THEN 1 ELSE 0 END
   FROM (VALUES ${Array.from({ length: rows }, () => ROW_PARAMS).join(', ')}) v
   LEFT JOIN coupons c ON c.key = v.column4
   WHERE NOT EXISTS (SELECT 1 FROM sales s WHERE s.order_id = v.column2)`

/** Moves the next slice of staged rows into sales and outbox. */
export function publishSlice(db: Db, batchId: number, stamp: BatchStamp, slice: readonly StagedTuple[], after: number, nowMs: number): SliceResult {
  // No fsync per slice: the batch's final commit (FULL) makes them all durable, and a slice lost
  // to a power cut loses its progress mark with it, so the move redoes it (deferred-fsync.ts).
  return withDeferredFsync(db, () => db.transaction((): SliceResult => {
    const before = cached(db, 'SELECT coalesce(max(id), 0) FROM sales').pluck().get() as number
    // VALUES yields its rows in order, so sales get their ids in the file's order.
    const inserted = cached(db, insertSql(slice.length)).run(stamp.currency, nowMs, stamp.terminalId, nowMs, batchId, ...slice.flat()).changes
    cached(
      db,
      `INSERT INTO outbox (sale_id, kind, status, attempts, next_attempt_at_ms, created_at_ms)
       SELECT id, 'sale', 'pending', 0, @now, @now FROM sales WHERE import_batch_id = @batch AND id > @before`,
    ).run({ now: nowMs, batch: batchId, before })
    const through = after + slice.length
    const lateDuplicates = slice.length - inserted
    cached(
      db,
      `UPDATE sales_imports SET published_through = ?, imported = imported + ?, duplicates = duplicates + ? WHERE id = ?`,
    ).run(through, inserted, lateDuplicates, batchId)
    return { through, inserted, lateDuplicates }
  }).immediate())
}

/** Moves every staged row after `after` (synchronously: at start-up recovery). */
export function publishRest(db: Db, batchId: number, stamp: BatchStamp, reader: StagedRowsReader, after: number, nowMs: number): number {
  let through = after
  for (let slice = reader.next(PUBLISH_SLICE); slice !== null; slice = reader.next(PUBLISH_SLICE)) {
    through = publishSlice(db, batchId, stamp, slice, through, nowMs).through
  }
  return through
}

/** Marks a fully moved batch committed (with its audit line) and removes its staged rows. */
export function completeBatch(db: Db, batchId: number, actor: string, nowMs: number, stagedPath: string): void {
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
  removeStagedRows(stagedPath)
}
