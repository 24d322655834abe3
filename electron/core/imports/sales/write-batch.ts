import { appendAudit } from '../../db/audit-repo'
import { withDeferredFsync } from '../../db/deferred-fsync'
import type { Db } from '../../db/connection'
import type { ImportBatchRow } from '../../db/imports-repo'
import { findImportBatch, setBatchStatus } from '../../db/imports-repo'
import { forgetLocalUses } from '../../db/local-uses'
import { cached } from '../../db/statements'
import type { CheckedRows } from './read-sales-file'
import { CHECKED_COLUMNS, READ_BATCH } from './read-sales-file'

/**
 * The writing side of a sales import, in short IMMEDIATE transactions so a sale rung up meanwhile
 * waits for one of them at most:
 *
 * - while the file is read (batch status 'reading'), the checked rows go straight into `sales`,
 *   marked with the batch and without outbox rows: the lists do not show them and the sync
 *   engine does not see them (`sales-repo.ts` hides batches still being read);
 * - if the import ends without adding anything (cancel, all-or-nothing with a refused row, a
 *   crash while reading), they are removed again;
 * - once it is decided (status 'publishing', one FULL commit), every sale gets its outbox row,
 *   a slice at a time, each slice recording the last sale id it covered
 *   (`published_through`), so a restart finishes from exactly there.
 *
 * The slices skip the fsync (deferred-fsync.ts): the decision and the final commit are FULL,
 * and a slice lost to a power cut loses its progress mark with it, so it is simply done again.
 */

export const QUEUE_SLICE = 5000
export const REMOVE_SLICE = 5000

export interface BatchStamp {
  currency: string
  terminalId: string
}

export function batchStamp(batch: ImportBatchRow): BatchStamp {
  const parsed = JSON.parse(batch.settings_json) as Partial<BatchStamp>
  return { currency: parsed.currency ?? 'EUR', terminalId: parsed.terminalId ?? 'IMPORT' }
}

export interface LateDuplicate {
  line: number
  orderId: string
}

export interface WriteResult {
  inserted: number
  /** Rows whose order id was taken after the reader checked it (a till sale with the same id). */
  lateDuplicates: LateDuplicate[]
}

const WIDTH = CHECKED_COLUMNS.length
const LINE = CHECKED_COLUMNS.indexOf('line')
const ORDER_ID = CHECKED_COLUMNS.indexOf('order_id')

// Parameters per row, bound as a VALUES list: cheaper than handing SQLite JSON to take apart.
const ROW_PARAMS = `(${CHECKED_COLUMNS.map(() => '?').join(', ')})`
// v.column1.. follow CHECKED_COLUMNS: line, order_id, coupon_code, coupon_key, amount_minor,
// occurred_at_ms, business_date, is_unverified, is_future_dated. Affiliate and campaign come from
// the coupon list, as the till's sales get them.
// The statement's text per run size, built once (it is also the statement cache's key).
const insertSqlBySize = new Map<number, string>()
const insertSql = (rows: number): string => {
  let sql = insertSqlBySize.get(rows)
  if (sql === undefined) {
    sql = buildInsertSql(rows)
    insertSqlBySize.set(rows, sql)
  }
  return sql
}

const buildInsertSql = (rows: number): string =>
  `INSERT INTO sales (order_id, coupon_code, coupon_key, amount_minor, currency, occurred_at_ms, business_date,
     created_at_ms, terminal_id, source, state, state_changed_at_ms, is_unverified, is_future_dated,
     affiliate_id, affiliate_name, campaign_id, campaign_name, import_batch_id, import_line, counts_toward_limit)
   SELECT v.column2, v.column3, v.column4, v.column5, ?, v.column6, v.column7, ?, ?, 'import', 'saved', ?,
     v.column8, v.column9, c.affiliate_id, c.affiliate_name, c.campaign_id, c.campaign_name, ?, v.column1,
     CASE WHEN c.max_uses > 0 THEN 1 ELSE 0 END
   FROM (VALUES ${Array.from({ length: rows }, () => ROW_PARAMS).join(', ')}) v
   LEFT JOIN coupons c ON c.key = v.column4
   WHERE true
   ON CONFLICT (order_id) DO NOTHING`

/** Writes a batch of checked rows into `sales` (no outbox rows yet: the batch is not decided). */
export function insertCheckedRows(db: Db, batchId: number, stamp: BatchStamp, rows: Readonly<CheckedRows>, nowMs: number): WriteResult {
  const count = rows.length / WIDTH
  if (count === 0) return { inserted: 0, lateDuplicates: [] }
  return withDeferredFsync(db, () =>
    db.transaction((): WriteResult => {
      // VALUES yields its rows in order, so sales get their ids in the file's order. A full
      // batch (2,048 rows) is one run; one thinned by refusals goes in power-of-two runs
      // (1,024 + 512 + ...): a statement per batch size would keep a large prepared statement
      // for every size a file's refusals make. The values are bound straight from the array
      // (better-sqlite3 binds an array's elements).
      let inserted = 0
      for (let at = 0; at < count; ) {
        const size = runSize(count - at)
        const values = size === count ? rows : rows.slice(at * WIDTH, (at + size) * WIDTH)
        inserted += cached(db, insertSql(size)).run(stamp.currency, nowMs, stamp.terminalId, nowMs, batchId, values).changes
        at += size
      }
      return { inserted, lateDuplicates: inserted === count ? [] : skippedRows(db, batchId, rows) }
    }).immediate(),
  )
}

const MAX_RUN = READ_BATCH

/** The largest power of two up to `remaining` (and MAX_RUN): at most 12 statement sizes in all. */
function runSize(remaining: number): number {
  let size = MAX_RUN
  while (size > remaining) size >>= 1
  return size
}

/** The rows of a batch that ON CONFLICT skipped: their lines are not in `sales` (rare, so plain). */
function skippedRows(db: Db, batchId: number, rows: Readonly<CheckedRows>): LateDuplicate[] {
  const lines = rows.filter((_, index) => index % WIDTH === LINE) as number[]
  const written = new Set(
    cached(db, 'SELECT import_line FROM sales WHERE import_batch_id = ? AND import_line BETWEEN ? AND ?')
      .pluck()
      .all(batchId, Math.min(...lines), Math.max(...lines)) as number[],
  )
  const skipped: LateDuplicate[] = []
  for (let at = 0; at < rows.length; at += WIDTH) {
    const line = rows[at + LINE] as number
    if (!written.has(line)) skipped.push({ line, orderId: rows[at + ORDER_ID] as string })
  }
  return skipped
}

/** Removes up to `limit` sales of an undecided batch; returns how many went (0: none left). */
export function removeSomeBatchSales(db: Db, batchId: number, limit = REMOVE_SLICE): number {
  const removed = withDeferredFsync(db, () =>
    db.transaction(
      () =>
        cached(db, 'DELETE FROM sales WHERE id IN (SELECT id FROM sales WHERE import_batch_id = ? ORDER BY id LIMIT ?)').run(batchId, limit)
          .changes,
    ).immediate(),
  )
  if (removed > 0) forgetLocalUses(db)
  return removed
}

/** Removes every sale of an undecided batch, all at once (start-up recovery, before the till opens). */
export function removeBatchSales(db: Db, batchId: number): number {
  let total = 0
  for (let removed = removeSomeBatchSales(db, batchId); removed > 0; removed = removeSomeBatchSales(db, batchId)) total += removed
  return total
}

/** Gives the next slice of a decided batch's sales their outbox rows; returns how many (0: done). */
export function queueSomeForSync(db: Db, batchId: number, nowMs: number, limit = QUEUE_SLICE): number {
  return withDeferredFsync(db, () =>
    db.transaction((): number => {
      const after = (cached(db, 'SELECT published_through FROM sales_imports WHERE id = ?').pluck().get(batchId) as number | undefined) ?? 0
      const through = cached(
        db,
        'SELECT max(id) FROM (SELECT id FROM sales WHERE import_batch_id = ? AND id > ? ORDER BY id LIMIT ?)',
      )
        .pluck()
        .get(batchId, after, limit) as number | null
      if (through === null) return 0
      const queued = cached(
        db,
        `INSERT INTO outbox (sale_id, kind, status, attempts, next_attempt_at_ms, created_at_ms)
         SELECT id, 'sale', 'pending', 0, ?, ? FROM sales WHERE import_batch_id = ? AND id > ? AND id <= ?`,
      ).run(nowMs, nowMs, batchId, after, through).changes
      cached(db, 'UPDATE sales_imports SET published_through = ? WHERE id = ?').run(through, batchId)
      return queued
    }).immediate(),
  )
}

/** Queues every remaining sale of a decided batch at once (start-up recovery). */
export function queueRestForSync(db: Db, batchId: number, nowMs: number): number {
  let total = 0
  for (let queued = queueSomeForSync(db, batchId, nowMs); queued > 0; queued = queueSomeForSync(db, batchId, nowMs)) total += queued
  return total
}

/** Marks a fully queued batch committed, with its audit line (FULL commit). */
export function completeBatch(db: Db, batchId: number, actor: string, nowMs: number): void {
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
}
