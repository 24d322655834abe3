import { appendAudit } from '../../db/audit-repo'
import { withDeferredFsync } from '../../db/deferred-fsync'
import type { Db } from '../../db/connection'
import type { ImportBatchRow } from '../../db/imports-repo'
import { findImportBatch, setBatchStatus } from '../../db/imports-repo'
import { cached } from '../../db/statements'
import type { StagedRowsReader } from './staged-rows'
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

const COLUMN = Object.fromEntries(STAGED_COLUMNS.map((column, index) => [column, `j.value ->> ${index}`])) as Record<(typeof STAGED_COLUMNS)[number], string>

/** Moves the next slice of staged rows (JSON text from the staged file) into sales and outbox. */
export function publishSlice(db: Db, batchId: number, stamp: BatchStamp, slice: { json: string; rows: number }, after: number, nowMs: number): SliceResult {
  // No fsync per slice: the batch's final commit (FULL) makes them all durable, and a slice lost
  // to a power cut loses its progress mark with it, so the move redoes it (deferred-fsync.ts).
  return withDeferredFsync(db, () => db.transaction((): SliceResult => {
    const before = cached(db, 'SELECT coalesce(max(id), 0) FROM sales').pluck().get() as number
    const inserted = cached(
      db,
      `INSERT INTO sales (order_id, coupon_code, coupon_key, amount_minor, currency, occurred_at_ms, business_date,
         created_at_ms, terminal_id, source, state, state_changed_at_ms, is_unverified, is_future_dated,
         affiliate_id, affiliate_name, campaign_id, campaign_name, import_batch_id, import_line, counts_toward_limit)
       SELECT ${COLUMN.order_id}, ${COLUMN.coupon_code}, ${COLUMN.coupon_key}, ${COLUMN.amount_minor}, @currency,
         ${COLUMN.occurred_at_ms}, ${COLUMN.business_date}, @now, @terminal, 'import', 'saved', @now,
         ${COLUMN.is_unverified}, ${COLUMN.is_future_dated},
         c.affiliate_id, c.affiliate_name, c.campaign_id, c.campaign_name, @batch, ${COLUMN.line},
         CASE WHEN c.max_uses > 0 THEN 1 ELSE 0 END
       FROM json_each(@rows) j LEFT JOIN coupons c ON c.key = ${COLUMN.coupon_key}
       WHERE NOT EXISTS (SELECT 1 FROM sales s WHERE s.order_id = ${COLUMN.order_id})
       ORDER BY j.key`,
    ).run({ rows: slice.json, currency: stamp.currency, now: nowMs, terminal: stamp.terminalId, batch: batchId }).changes
    cached(
      db,
      `INSERT INTO outbox (sale_id, kind, status, attempts, next_attempt_at_ms, created_at_ms)
       SELECT id, 'sale', 'pending', 0, @now, @now FROM sales WHERE import_batch_id = @batch AND id > @before`,
    ).run({ now: nowMs, batch: batchId, before })
    const through = after + slice.rows
    const lateDuplicates = slice.rows - inserted
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
