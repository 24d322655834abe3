import { z } from 'zod'
import { PLATFORM_IDS, PlatformIdSchema, SyncTuningSchema } from './platform-config'

/**
 * The schemas of the sync channels (contract.ts lists the channels themselves): where the
 * queue stands, the platform settings as the window may see them (never a secret's value),
 * and the manager's actions on a sale the platform did not take.
 */

const Millis = z.number().int()

export const SYNC_STATES = ['not_configured', 'online', 'offline', 'paused', 'checking'] as const
export type SyncState = (typeof SYNC_STATES)[number]

export const SyncStatusSchema = z.object({
  platform: PlatformIdSchema.nullable(),
  /** not_configured: no platform chosen; checking: reachability not known yet. */
  state: z.enum(SYNC_STATES),
  /** Who paused the queue: the manager, a configuration error to fix, or another process draining this data folder. */
  pausedBy: z.enum(['manager', 'config', 'other_process']).nullable(),
  /** What to fix, in words (config errors, an incomplete configuration). */
  problem: z.string().nullable(),
  /** Sales not at the platform yet (saved on this device or being sent). */
  waiting: z.number().int(),
  oldestWaitingAt: Millis.nullable(),
  inFlight: z.number().int(),
  /** Submitted sales the engine will look up at the platform. */
  verifying: z.number().int(),
  needsAttention: z.number().int(),
  lastSuccessAt: Millis.nullable(),
  lastAttemptAt: Millis.nullable(),
  lastError: z.string().nullable(),
  lastErrorAt: Millis.nullable(),
  nextAttemptAt: Millis.nullable(),
  /** Reachable, sales waiting, no success for the stuck threshold (2 minutes by default). */
  stuck: z.boolean(),
  /** False when no engine runs in this process (a CLI command other than `sync`). */
  isRunning: z.boolean(),
})
export type SyncStatus = z.infer<typeof SyncStatusSchema>

export const SALE_ATTENTION_KINDS = ['rejected', 'unconfirmed', 'declined', 'not_found'] as const
export type SaleAttention = (typeof SALE_ATTENTION_KINDS)[number]

export const REVERSAL_STATES = ['pending', 'sent', 'failed', 'manual'] as const
export type ReversalState = (typeof REVERSAL_STATES)[number]

export const SaleSyncViewSchema = z.object({
  attempts: z.number().int(),
  lastAttemptAt: Millis.nullable(),
  nextAttemptAt: Millis.nullable(),
  attention: z.enum(SALE_ATTENTION_KINDS).nullable(),
  reversal: z.enum(REVERSAL_STATES).nullable(),
})
export type SaleSyncView = z.infer<typeof SaleSyncViewSchema>

export const ATTENTION_LABELS: Record<SaleAttention, string> = {
  rejected: 'Refused by the platform',
  unconfirmed: 'Delivery unconfirmed: check in the platform, then mark as sent or resend',
  declined: 'Declined at the platform',
  not_found: 'The platform has no record of it: check in the platform, then mark as sent or resend',
}

const FieldValue = z.union([z.string().max(2000), z.number(), z.boolean()])

export const PlatformSettingsViewSchema = z.object({
  fields: z.record(z.string(), FieldValue),
  /** Secret fields: whether a value is saved. The value itself never leaves the core. */
  secretsSet: z.record(z.string(), z.boolean()),
  /** What is missing or wrong before this platform can be used; empty when ready. */
  problems: z.array(z.string()),
})

export const PlatformConfigViewSchema = z.object({
  active: PlatformIdSchema.nullable(),
  platforms: z.object(Object.fromEntries(PLATFORM_IDS.map((id) => [id, PlatformSettingsViewSchema])) as Record<(typeof PLATFORM_IDS)[number], typeof PlatformSettingsViewSchema>),
  sync: SyncTuningSchema,
  /** How secrets are kept on this device, in words. */
  secretStorage: z.string(),
})
export type PlatformConfigView = z.infer<typeof PlatformConfigViewSchema>

export const PlatformConfigPatchSchema = z
  .object({
    /** Which platform sales go to; null stops syncing. */
    active: PlatformIdSchema.nullable().optional(),
    /** The platform `fields` and `secrets` belong to. */
    platform: PlatformIdSchema.optional(),
    fields: z.record(z.string().max(60), FieldValue).optional(),
    /** A secret's new value; null removes it; a field left out stays as it is. */
    secrets: z.record(z.string().max(60), z.string().max(2000).nullable()).optional(),
    sync: SyncTuningSchema.partial().strict().optional(),
  })
  .strict()
  .refine((patch) => (patch.fields === undefined && patch.secrets === undefined) || patch.platform !== undefined, {
    message: 'name the platform the fields belong to',
    path: ['platform'],
  })
export type PlatformConfigPatch = z.infer<typeof PlatformConfigPatchSchema>

export const ConnectionTestSchema = z.object({
  ok: z.boolean(),
  /** reachable: answered; unreachable: no answer; config_error: answered "wrong credentials/address". */
  verdict: z.enum(['ok', 'unreachable', 'config_error', 'error', 'not_configured']),
  message: z.string(),
  /** Steps checked, in words ("Logged in as ...", "Coupon list readable"). */
  checks: z.array(z.string()),
})
export type ConnectionTest = z.infer<typeof ConnectionTestSchema>

export const CatalogPullResultSchema = z.object({
  platform: PlatformIdSchema,
  received: z.number().int(),
  imported: z.number().int(),
  refused: z.number().int(),
  problems: z.array(z.object({ line: z.number().int(), field: z.string().nullable(), message: z.string() })),
  couponsInCatalogue: z.number().int(),
  pages: z.number().int(),
  durationMs: z.number(),
})
export type CatalogPullResult = z.infer<typeof CatalogPullResultSchema>

export const DrainReportSchema = z.object({
  sent: z.number().int(),
  outcomes: z.object({
    accepted: z.number().int(),
    submitted: z.number().int(),
    duplicate: z.number().int(),
    rejected: z.number().int(),
    retry: z.number().int(),
    unconfirmed: z.number().int(),
    verified: z.number().int(),
    config_error: z.number().int(),
    reversed: z.number().int(),
  }),
  remaining: z.number().int(),
})
export type DrainReport = z.infer<typeof DrainReportSchema>
