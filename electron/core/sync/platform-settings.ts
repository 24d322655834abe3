import { z } from 'zod'
import type { PlatformConfig, PlatformId, SyncTuning } from '../../shared/platform-config'
import {
  PLATFORM_FIELDS,
  PLATFORM_IDS,
  PLATFORM_LABELS,
  PLATFORM_SCHEMAS,
  PlatformIdSchema,
  SyncTuningSchema,
  defaultSyncTuning,
  fieldSpec,
  isSecretField,
  platformFieldSchema,
  secretFields,
} from '../../shared/platform-config'
import type { PlatformConfigPatch, PlatformConfigView } from '../../shared/sync-contract'
import { AppError } from '../../shared/errors'
import type { Db } from '../db/connection'
import { readPlatformConfigText, writePlatformConfigText } from '../db/platform-config-repo'
import { appendAudit } from '../db/audit-repo'
import type { SecretStore } from '../secrets/secret-store'
import { createLogger } from '../logger'

const log = createLogger('platform-settings')

/**
 * The platform settings: which platform is active, each platform's fields as the manager left
 * them (kept per platform, so switching back finds them again), and the sync tuning. Fields are
 * checked one by one when set (the CLI sets them one at a time) and as a whole when used: an
 * incomplete configuration is reported as what is missing, never guessed at. Secret values go to
 * the secret store; the document in the database only knows whether one is set.
 */

export interface StoredPlatformConfig {
  active: PlatformId | null
  fields: Partial<Record<PlatformId, Record<string, unknown>>>
  sync: Partial<SyncTuning>
}

const StoredSchema = z.object({
  active: PlatformIdSchema.nullable().catch(null),
  fields: z.record(z.string(), z.record(z.string(), z.unknown())).catch({}),
  sync: z.record(z.string(), z.unknown()).catch({}),
})

export function readStoredPlatformConfig(db: Db): StoredPlatformConfig {
  const text = readPlatformConfigText(db)
  if (text === null) return { active: null, fields: {}, sync: {} }
  let json: unknown = null
  try {
    json = JSON.parse(text)
  } catch {
    log.warn('stored platform configuration is not JSON; starting from none')
  }
  const parsed = StoredSchema.safeParse(json)
  if (!parsed.success) return { active: null, fields: {}, sync: {} }
  const fields: Partial<Record<PlatformId, Record<string, unknown>>> = {}
  for (const id of PLATFORM_IDS) {
    const stored = parsed.data.fields[id]
    if (stored !== undefined) fields[id] = stored
  }
  return { active: parsed.data.active, fields, sync: parsed.data.sync }
}

/** The tuning in force: stored values that still parse, defaults for the rest. */
export function syncTuning(stored: StoredPlatformConfig): SyncTuning {
  const tuning = defaultSyncTuning()
  const shape = SyncTuningSchema.shape
  for (const key of Object.keys(shape) as (keyof SyncTuning)[]) {
    const value = stored.sync[key]
    if (value === undefined) continue
    const parsed = shape[key].safeParse(value)
    if (parsed.success) tuning[key] = parsed.data
  }
  if (tuning.backoffCapMs < tuning.backoffBaseMs) tuning.backoffCapMs = tuning.backoffBaseMs
  return tuning
}

export type ResolvedPlatform = { ok: true; resolved: PlatformConfig } | { ok: false; platform: PlatformId; problems: string[] }

/** The active platform's complete configuration with its secrets, or what keeps it from working. */
export function resolvePlatform(stored: StoredPlatformConfig, secrets: SecretStore, platform: PlatformId | null = stored.active): ResolvedPlatform | null {
  if (platform === null) return null
  const candidate: Record<string, unknown> = { ...stored.fields[platform] }
  for (const name of secretFields(platform)) {
    const value = secrets.get(`${platform}.${name}`)
    if (value !== null) candidate[name] = value
  }
  const parsed = PLATFORM_SCHEMAS[platform].safeParse(candidate)
  if (!parsed.success) {
    return {
      ok: false,
      platform,
      problems: parsed.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? '')
        const label = fieldSpec(platform, name)?.label ?? name
        return `${PLATFORM_LABELS[platform]}: ${label}: ${candidate[name] === undefined ? 'not set' : issue.message}`
      }),
    }
  }
  const resolved = { platform, config: parsed.data } as PlatformConfig
  const missing = missingCredentials(resolved)
  return missing.length > 0 ? { ok: false, platform, problems: missing } : { ok: true, resolved }
}

function missingCredentials(resolved: PlatformConfig): string[] {
  const label = PLATFORM_LABELS[resolved.platform]
  switch (resolved.platform) {
    case 'partnero':
      return resolved.config.apiToken === '' ? [`${label}: API token: not set`] : []
    case 'pap':
      return resolved.config.username !== '' && resolved.config.password === '' ? [`${label}: Merchant password: not set (or clear the merchant login)`] : []
    case 'affiliationsoftware':
    case 'swaarm':
    case 'postback':
      return []
    default:
      return resolved satisfies never
  }
}

export function platformConfigView(stored: StoredPlatformConfig, secrets: SecretStore): PlatformConfigView {
  const platforms = Object.fromEntries(
    PLATFORM_IDS.map((id) => {
      const fields: Record<string, string | number | boolean> = {}
      const defaults = defaultsOf(id)
      for (const spec of PLATFORM_FIELDS[id]) {
        if (spec.kind === 'secret') continue
        const value = stored.fields[id]?.[spec.name] ?? defaults[spec.name]
        if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') fields[spec.name] = value
      }
      const secretsSet = Object.fromEntries(secretFields(id).map((name) => [name, secrets.get(`${id}.${name}`) !== null]))
      const resolved = resolvePlatform(stored, secrets, id)
      return [id, { fields, secretsSet, problems: resolved === null || resolved.ok ? [] : resolved.problems }]
    }),
  ) as PlatformConfigView['platforms']
  return { active: stored.active, platforms, sync: syncTuning(stored), secretStorage: secrets.description }
}

function defaultsOf(platform: PlatformId): Record<string, unknown> {
  const shape = PLATFORM_SCHEMAS[platform].shape as Record<string, z.ZodType>
  const defaults: Record<string, unknown> = {}
  for (const [name, schema] of Object.entries(shape)) {
    if (schema instanceof z.ZodDefault) defaults[name] = (schema.def.defaultValue)
  }
  return defaults
}

/** A patch merged into the stored document, every value checked; secrets returned apart. */
export function mergePatch(stored: StoredPlatformConfig, patch: PlatformConfigPatch): { next: StoredPlatformConfig; secretChanges: Record<string, string | null>; changed: string[] } {
  const next: StoredPlatformConfig = { active: stored.active, fields: { ...stored.fields }, sync: { ...stored.sync } }
  const secretChanges: Record<string, string | null> = {}
  const changed: string[] = []
  if (patch.active !== undefined && patch.active !== stored.active) {
    next.active = patch.active
    changed.push('platform')
  }
  const platform = patch.platform
  if (platform !== undefined) {
    const fields = { ...next.fields[platform] }
    for (const [name, value] of Object.entries(patch.fields ?? {})) {
      const schema = platformFieldSchema(platform, name)
      if (schema === undefined) throw unknownField(platform, name)
      if (isSecretField(platform, name)) throw new AppError('INVALID_INPUT', `${platform}.${name} is a secret: send it with the secrets`, { field: `${platform}.${name}` })
      const parsed = schema.safeParse(value)
      if (!parsed.success) {
        throw new AppError('INVALID_INPUT', `${fieldSpec(platform, name)?.label ?? name}: ${parsed.error.issues[0]?.message ?? 'invalid value'}`, { field: `${platform}.${name}` })
      }
      if (JSON.stringify(fields[name]) !== JSON.stringify(parsed.data)) {
        fields[name] = parsed.data
        changed.push(`${platform}.${name}`)
      }
    }
    next.fields[platform] = fields
    for (const [name, value] of Object.entries(patch.secrets ?? {})) {
      if (!isSecretField(platform, name)) {
        throw platformFieldSchema(platform, name) === undefined
          ? unknownField(platform, name)
          : new AppError('INVALID_INPUT', `${platform}.${name} is not a secret: send it with the fields`, { field: `${platform}.${name}` })
      }
      secretChanges[`${platform}.${name}`] = value === null || value === '' ? null : value
      changed.push(`${platform}.${name}`)
    }
  }
  for (const [name, value] of Object.entries(patch.sync ?? {})) {
    if (next.sync[name as keyof SyncTuning] !== value) {
      next.sync = { ...next.sync, [name]: value }
      changed.push(`sync.${name}`)
    }
  }
  return { next, secretChanges, changed }
}

function unknownField(platform: PlatformId, name: string): AppError {
  const known = PLATFORM_FIELDS[platform].map((spec) => spec.name).join(', ')
  return new AppError('INVALID_INPUT', `${PLATFORM_LABELS[platform]} has no field "${name}" (fields: ${known})`, { field: `${platform}.${name}` })
}

/**
 * Saves a patch: secrets first (so a failing secret store changes nothing else), then the
 * document and one audit line naming the changed fields; a secret's value never reaches the
 * audit log.
 */
export async function savePlatformConfig(db: Db, secrets: SecretStore, patch: PlatformConfigPatch, actor: string, nowMs: number): Promise<{ view: PlatformConfigView; changed: string[] }> {
  const stored = readStoredPlatformConfig(db)
  const { next, secretChanges, changed } = mergePatch(stored, patch)
  if (Object.keys(secretChanges).length > 0) await secrets.set(secretChanges)
  if (changed.length > 0) {
    db.transaction(() => {
      writePlatformConfigText(db, JSON.stringify(next))
      appendAudit(db, { atMs: nowMs, actor, action: 'platform.configure', subject: 'platform', details: { changed, active: next.active } })
    }).immediate()
  }
  return { view: platformConfigView(next, secrets), changed }
}

/** A configuration as it would be after `patch`, without saving it (for "Test connection"). */
export function previewPlatform(db: Db, secrets: SecretStore, patch: PlatformConfigPatch | undefined): ResolvedPlatform | null {
  const stored = readStoredPlatformConfig(db)
  if (patch === undefined) return resolvePlatform(stored, secrets)
  const { next, secretChanges } = mergePatch(stored, patch)
  const overlay: SecretStore = {
    description: secrets.description,
    get: (name) => (name in secretChanges ? (secretChanges[name] ?? null) : secrets.get(name)),
    set: () => Promise.reject(new Error('preview only')),
  }
  return resolvePlatform(next, overlay, patch.platform ?? next.active)
}
