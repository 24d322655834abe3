import type { Db } from './connection'
import { cached } from './statements'

export interface CouponRow {
  key: string
  code: string
  affiliate_id: string | null
  affiliate_name: string | null
  campaign_id: string | null
  campaign_name: string | null
  valid_from_ms: number | null
  valid_to_ms: number | null
  is_active: 0 | 1
  max_uses: number | null
  times_used: number
  min_order_minor: number | null
  seen_at_ms: number
}

export const COUPON_COLUMNS = [
  'key',
  'code',
  'affiliate_id',
  'affiliate_name',
  'campaign_id',
  'campaign_name',
  'valid_from_ms',
  'valid_to_ms',
  'is_active',
  'max_uses',
  'times_used',
  'min_order_minor',
  'seen_at_ms',
] as const satisfies readonly (keyof CouponRow)[]

export function findCoupon(db: Db, key: string): CouponRow | undefined {
  return cached(db, 'SELECT * FROM coupons WHERE key = ?').get(key) as CouponRow | undefined
}

export interface CatalogMeta {
  coupons: number
  importedAt: number | null
  lastImportFile: string | null
}

export function catalogMeta(db: Db): CatalogMeta {
  const row = cached(
    db,
    'SELECT finished_at_ms, file_name, coupons_after FROM catalog_imports ORDER BY id DESC LIMIT 1',
  ).get() as { finished_at_ms: number; file_name: string; coupons_after: number } | undefined
  return row === undefined
    ? { coupons: 0, importedAt: null, lastImportFile: null }
    : { coupons: row.coupons_after, importedAt: row.finished_at_ms, lastImportFile: row.file_name }
}

export type CouponListRow = CouponRow & { local_uses: number }

// Uses recorded on this device since the catalogue counted, per listed coupon.
const WITH_LOCAL_USES = `*, (SELECT count(*) FROM sales s WHERE s.coupon_key = coupons.key
  AND s.created_at_ms >= coupons.seen_at_ms AND s.counts_toward_limit = 1 AND s.state != 'voided') AS local_uses`

export function listCoupons(db: Db, search: string | undefined, offset: number, limit: number): { rows: CouponListRow[]; total: number } {
  if (search === undefined || search.trim() === '') {
    const rows = cached(db, `SELECT ${WITH_LOCAL_USES} FROM coupons ORDER BY key LIMIT ? OFFSET ?`).all(limit, offset) as CouponListRow[]
    return { rows, total: catalogMeta(db).coupons }
  }
  const pattern = `%${escapeLike(search.trim().toUpperCase())}%`
  const namePattern = `%${escapeLike(search.trim())}%`
  const where = `key LIKE ? ESCAPE '\\' OR affiliate_name LIKE ? ESCAPE '\\' OR campaign_name LIKE ? ESCAPE '\\'`
  const rows = cached(db, `SELECT ${WITH_LOCAL_USES} FROM coupons WHERE ${where} ORDER BY key LIMIT ? OFFSET ?`)
    .all(pattern, namePattern, namePattern, limit, offset) as CouponListRow[]
  const total = (cached(db, `SELECT count(*) AS n FROM coupons WHERE ${where}`).get(pattern, namePattern, namePattern) as { n: number }).n
  return { rows, total }
}

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`)
}

// ---------------------------------------------------------------------------------------------
// Catalogue import: rows go to a staging table built from the live table's own DDL; the swap is
// one short transaction (drop + rename), so the till keeps checking codes against the old
// catalogue until the new one is complete, and a cancel or a crash leaves the old one intact.

export const STAGING_TABLE = 'coupons_import'

export function createStagingTable(db: Db): void {
  const row = db
    .prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'coupons'")
    .get() as { sql: string } | undefined
  if (row === undefined) throw new Error('coupons table is missing')
  const ddl = row.sql.replace(/^CREATE TABLE\s+"?coupons"?/i, `CREATE TABLE ${STAGING_TABLE}`)
  db.exec(`DROP TABLE IF EXISTS ${STAGING_TABLE}`)
  db.exec(ddl)
}

export function dropStagingTable(db: Db): void {
  db.exec(`DROP TABLE IF EXISTS ${STAGING_TABLE}`)
}

/** Inserts one batch into staging; returns the keys that were already there (in-file duplicates). */
export function insertStagingBatch(db: Db, rows: readonly CouponRow[]): Set<number> {
  const insert = db.prepare(
    `INSERT OR IGNORE INTO ${STAGING_TABLE} (${COUPON_COLUMNS.join(', ')})
     VALUES (${COUPON_COLUMNS.map((column) => `@${column}`).join(', ')})`,
  )
  const duplicates = new Set<number>()
  db.transaction(() => {
    rows.forEach((row, index) => {
      if (insert.run(row).changes === 0) duplicates.add(index)
    })
  }).immediate()
  return duplicates
}

/** Merge mode: copies live rows the file did not mention, a slice at a time. Returns the last key copied. */
export function copyLiveSliceToStaging(db: Db, afterKey: string, limit: number): { lastKey: string | null; copied: number } {
  const keys = db
    .prepare('SELECT key FROM coupons WHERE key > ? ORDER BY key LIMIT ?')
    .pluck()
    .all(afterKey, limit) as string[]
  const lastKey = keys[keys.length - 1]
  if (lastKey === undefined) return { lastKey: null, copied: 0 }
  const copied = db
    .prepare(
      `INSERT OR IGNORE INTO ${STAGING_TABLE} SELECT * FROM coupons WHERE key > ? AND key <= ?`,
    )
    .run(afterKey, lastKey).changes
  return { lastKey, copied }
}

export function countStaging(db: Db): number {
  return (db.prepare(`SELECT count(*) AS n FROM ${STAGING_TABLE}`).get() as { n: number }).n
}

export interface CatalogImportRecord {
  startedAtMs: number
  finishedAtMs: number
  fileName: string
  mode: 'merge' | 'replace'
  rowsRead: number
  imported: number
  refused: number
  couponsAfter: number
}

/** Replaces the live catalogue with staging. Call inside a transaction. */
export function swapStagingIntoLive(db: Db, record: CatalogImportRecord): void {
  db.exec('DROP TABLE coupons')
  db.exec(`ALTER TABLE ${STAGING_TABLE} RENAME TO coupons`)
  db.prepare(
    `INSERT INTO catalog_imports
       (started_at_ms, finished_at_ms, file_name, mode, rows_read, imported, refused, coupons_after)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    record.startedAtMs,
    record.finishedAtMs,
    record.fileName,
    record.mode,
    record.rowsRead,
    record.imported,
    record.refused,
    record.couponsAfter,
  )
}
