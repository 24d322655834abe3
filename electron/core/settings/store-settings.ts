import { randomBytes } from 'node:crypto'
import type { Settings, SettingsPatch } from '../../shared/settings'
import { SETTING_KEYS, SettingsSchema, defaultSettings } from '../../shared/settings'
import type { Db } from '../db/connection'
import { appendAudit } from '../db/audit-repo'
import { dataVersion, insertSettingIfMissing, readSettingRows, upsertSetting } from '../db/settings-repo'
import { createLogger } from '../logger'

const log = createLogger('settings')

/**
 * Settings are read on every scan and sale, so they are kept per connection and read again only
 * when this connection changed them or another one (the CLI, another till process) committed
 * something since: `PRAGMA data_version` tells that for the price of a few microseconds.
 */
const settingsCache = new WeakMap<Db, { version: number; settings: Readonly<Settings> }>()

/**
 * Store settings live in the database so the app and the CLI agree. Defaults are written once,
 * on first start: the terminal id gets a random suffix so two new tills in one store never
 * hand out the same order ids before someone names them.
 */
export function seedSettings(db: Db): void {
  const systemZone = Intl.DateTimeFormat().resolvedOptions().timeZone
  const suffix = randomBytes(3).toString('hex').toUpperCase().slice(0, 4)
  const defaults = defaultSettings(systemZone, suffix)
  db.transaction(() => {
    for (const key of SETTING_KEYS) insertSettingIfMissing(db, key, JSON.stringify(defaults[key]))
  }).immediate()
  settingsCache.delete(db)
}

export function loadSettings(db: Db): Settings {
  const version = dataVersion(db)
  const hit = settingsCache.get(db)
  if (hit !== undefined && hit.version === version) return hit.settings
  const settings = Object.freeze(readSettings(db))
  settingsCache.set(db, { version, settings })
  return settings
}

function readSettings(db: Db): Settings {
  const rows = readSettingRows(db)
  const fallback = defaultSettings('UTC', '0000')
  const candidate: Record<string, unknown> = {}
  for (const key of SETTING_KEYS) {
    const text = rows.get(key)
    candidate[key] = text === undefined ? fallback[key] : safeJson(text)
  }
  const parsed = SettingsSchema.safeParse(candidate)
  if (parsed.success) return parsed.data
  // A value someone wrote by hand that no longer parses: use the default for that key only.
  const repaired: Record<string, unknown> = { ...candidate }
  for (const issue of parsed.error.issues) {
    const key = issue.path[0] as keyof Settings
    log.warn('stored setting is invalid; using the default', { key, problem: issue.message })
    repaired[key] = fallback[key]
  }
  return SettingsSchema.parse(repaired)
}

export function updateSettings(db: Db, patch: SettingsPatch, actor: string, atMs: number): Settings {
  // This connection's own writes do not move data_version: forget the cached copy afterwards.
  try {
    return writeSettings(db, patch, actor, atMs)
  } finally {
    settingsCache.delete(db)
  }
}

function writeSettings(db: Db, patch: SettingsPatch, actor: string, atMs: number): Settings {
  return db
    .transaction(() => {
      const before = readSettings(db)
      const merged = SettingsSchema.parse({ ...before, ...patch })
      const changed: Record<string, { from: unknown; to: unknown }> = {}
      for (const key of SETTING_KEYS) {
        if (JSON.stringify(before[key]) !== JSON.stringify(merged[key])) {
          upsertSetting(db, key, JSON.stringify(merged[key]))
          changed[key] = { from: before[key], to: merged[key] }
        }
      }
      if (Object.keys(changed).length > 0) {
        appendAudit(db, { atMs, actor, action: 'settings.update', subject: 'settings', details: changed })
      }
      return merged
    })
    .immediate()
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}
