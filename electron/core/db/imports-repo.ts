import type { ImportKind, ImportOptions, PreviousImport } from '../../shared/import-contract'
import { AppError } from '../../shared/errors'
import type { Db } from './connection'
import { cached } from './statements'

/** Import batches (see migration 0050 for the life of a batch) and remembered layouts. */

export type ImportStatus = 'reading' | 'publishing' | 'committed' | 'cancelled' | 'failed' | 'refused' | 'dry_run' | 'voided'

export interface ImportBatchRow {
  id: number
  file_name: string
  file_sha256: string
  file_bytes: number
  status: ImportStatus
  actor: string
  started_at_ms: number
  finished_at_ms: number | null
  settings_json: string
  scratch_path: string | null
  rows_read: number
  imported: number
  refused: number
  duplicates: number
  staged: number
  published_through: number
  refused_rows_path: string | null
  /** The process running the import (null on batches from before migration 80). */
  owner_pid: number | null
}

export function createImportBatch(
  db: Db,
  batch: Pick<ImportBatchRow, 'file_name' | 'file_sha256' | 'file_bytes' | 'actor' | 'started_at_ms' | 'settings_json' | 'scratch_path' | 'refused_rows_path'>,
): number {
  const result = cached(
    db,
    `INSERT INTO sales_imports (file_name, file_sha256, file_bytes, status, actor, started_at_ms, settings_json, scratch_path, refused_rows_path, owner_pid)
     VALUES (@file_name, @file_sha256, @file_bytes, 'reading', @actor, @started_at_ms, @settings_json, @scratch_path, @refused_rows_path, @owner_pid)`,
  ).run({ ...batch, owner_pid: process.pid })
  return Number(result.lastInsertRowid)
}

/** Where the batch writes its refused rows. */
export function setRefusedRowsPath(db: Db, id: number, refusedPath: string): void {
  cached(db, 'UPDATE sales_imports SET refused_rows_path = ? WHERE id = ?').run(refusedPath, id)
}

export function findImportBatch(db: Db, id: number): ImportBatchRow | undefined {
  return cached(db, 'SELECT * FROM sales_imports WHERE id = ?').get(id) as ImportBatchRow | undefined
}

export function batchesInStatus(db: Db, status: ImportStatus): ImportBatchRow[] {
  return cached(db, 'SELECT * FROM sales_imports WHERE status = ? ORDER BY id').all(status) as ImportBatchRow[]
}

/** Batches still being read: their sales are written but not yet shown, counted or sent. */
export function batchesBeingRead(db: Db): number[] {
  return cached(db, "SELECT id FROM sales_imports WHERE status = 'reading'").pluck().all() as number[]
}

export function recentImportBatches(db: Db, limit: number): ImportBatchRow[] {
  return cached(db, 'SELECT * FROM sales_imports ORDER BY id DESC LIMIT ?').all(limit) as ImportBatchRow[]
}

export interface BatchCounts {
  rows_read: number
  refused: number
  duplicates: number
  /** Rows that passed the checks. */
  staged: number
  /** Sales the batch added (0 when it ends without adding any). */
  imported: number
}

/**
 * Ends the reading of a batch. Only a batch still being read changes: if start-up recovery in
 * another process closed it meanwhile, this throws and nothing is overwritten.
 */
export function finishReading(db: Db, id: number, status: ImportStatus, counts: BatchCounts, nowMs: number): void {
  const changed = cached(
    db,
    `UPDATE sales_imports SET status = @status, rows_read = @rows_read, refused = @refused, duplicates = @duplicates,
       staged = @staged, imported = @imported, finished_at_ms = CASE WHEN @status = 'publishing' THEN NULL ELSE @now END
     WHERE id = @id AND status = 'reading'`,
  ).run({ ...counts, status, id, now: nowMs }).changes
  if (changed === 0) {
    throw new AppError('IMPORT_FAILED', `Import #${id} was closed by another CouponDesk process meanwhile; nothing more was added`)
  }
}

export function setBatchStatus(db: Db, id: number, status: ImportStatus, nowMs: number): void {
  cached(db, 'UPDATE sales_imports SET status = ?, finished_at_ms = ? WHERE id = ?').run(status, nowMs, id)
}

/** The earliest import of the same bytes that added sales and was not voided. */
export function previousImportOf(db: Db, sha256: string): PreviousImport | null {
  const row = cached(
    db,
    `SELECT id, file_name, started_at_ms, imported, status FROM sales_imports
     WHERE file_sha256 = ? AND status IN ('publishing', 'committed', 'voided') AND imported + staged > 0
     ORDER BY id LIMIT 1`,
  ).get(sha256) as { id: number; file_name: string; started_at_ms: number; imported: number; status: string } | undefined
  return row === undefined
    ? null
    : { batchId: row.id, fileName: row.file_name, at: row.started_at_ms, imported: row.imported, status: row.status }
}

/** Sales of a batch that a platform has or is receiving (voiding them needs reversals). */
export function countSentInBatch(db: Db, id: number): number {
  const row = cached(
    db,
    `SELECT count(*) AS n FROM sales WHERE import_batch_id = ? AND state NOT IN ('saved', 'needs_attention', 'voided')`,
  ).get(id) as { n: number }
  return row.n
}

export function rememberLayout(db: Db, kind: ImportKind, signature: string, options: ImportOptions, nowMs: number): void {
  cached(
    db,
    `INSERT INTO import_layouts (kind, signature, settings_json, updated_at_ms) VALUES (?, ?, ?, ?)
     ON CONFLICT (kind, signature) DO UPDATE SET settings_json = excluded.settings_json, updated_at_ms = excluded.updated_at_ms`,
  ).run(kind, signature, JSON.stringify(options), nowMs)
}

export function rememberedLayout(db: Db, kind: ImportKind, signature: string): unknown {
  const row = cached(db, 'SELECT settings_json FROM import_layouts WHERE kind = ? AND signature = ?').get(kind, signature) as
    | { settings_json: string }
    | undefined
  if (row === undefined) return null
  try {
    return JSON.parse(row.settings_json) as unknown
  } catch {
    return null
  }
}
