import type { Db } from './connection'
import { cached } from './statements'

/**
 * The platform configuration (without secrets) is one JSON document in the settings table,
 * under its own key, so the store settings (`SETTING_KEYS`) never see it.
 */
const KEY = 'platform.config'

export function readPlatformConfigText(db: Db): string | null {
  const row = cached(db, 'SELECT value FROM settings WHERE key = ?').get(KEY) as { value: string } | undefined
  return row?.value ?? null
}

export function writePlatformConfigText(db: Db, json: string): void {
  cached(db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(KEY, json)
}
