import type { Db } from './connection'
import { cached } from './statements'

/** Settings are stored as key -> JSON text, one row per key. */
export function readSettingRows(db: Db): Map<string, string> {
  const rows = cached(db, 'SELECT key, value FROM settings').all() as { key: string; value: string }[]
  return new Map(rows.map((row) => [row.key, row.value]))
}

export function upsertSetting(db: Db, key: string, jsonValue: string): void {
  cached(
    db,
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(key, jsonValue)
}

export function insertSettingIfMissing(db: Db, key: string, jsonValue: string): void {
  cached(db, 'INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)').run(key, jsonValue)
}

/**
 * Changes whenever another connection (the CLI, a second till process) committed anything since
 * this connection last asked; never for this connection's own writes.
 */
export function dataVersion(db: Db): number {
  return cached(db, 'PRAGMA data_version').pluck().get() as number
}
