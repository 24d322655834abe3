import type { Db } from './connection'

/** Settings are stored as key -> JSON text, one row per key. */
export function readSettingRows(db: Db): Map<string, string> {
  const rows = db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[]
  return new Map(rows.map((row) => [row.key, row.value]))
}

export function upsertSetting(db: Db, key: string, jsonValue: string): void {
  db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(key, jsonValue)
}

export function insertSettingIfMissing(db: Db, key: string, jsonValue: string): void {
  db.prepare('INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)').run(key, jsonValue)
}
