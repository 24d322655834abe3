import { z } from 'zod'
import type { ChannelName, EventName } from './channels'
import type { Result } from './result'
import { SALE_STATES } from './sale-state'
import { SettingsPatchSchema, SettingsSchema } from './settings'
import {
  CatalogPullResultSchema,
  ConnectionTestSchema,
  PlatformConfigPatchSchema,
  PlatformConfigViewSchema,
  SaleSyncViewSchema,
  SyncStatusSchema,
} from './sync-contract'
import {
  ImportBatchViewSchema,
  ImportKindSchema,
  ImportOptionsSchema,
  ImportPreviewSchema,
  SalesImportResultSchema,
} from './import-contract'

/**
 * The one contract between the window and the core. Every channel has a schema for its
 * input and its output; main (and the test host) parse every input before the core sees it.
 * Timestamps are epoch milliseconds; money is integer minor units with its currency.
 */

const NoInput = z.object({}).strict().optional()
const Millis = z.number().int()
const Text = (max: number) => z.string().max(max)

export const SaleStateSchema = z.enum(SALE_STATES)

export const CODE_STATUSES = [
  'valid',
  'unknown',
  'expired',
  'not_yet_valid',
  'inactive',
  'used_up',
  'below_minimum',
] as const
export type CodeStatus = (typeof CODE_STATUSES)[number]

export const CouponViewSchema = z.object({
  code: z.string(),
  affiliateId: z.string().nullable(),
  affiliateName: z.string().nullable(),
  campaignId: z.string().nullable(),
  campaignName: z.string().nullable(),
  validFrom: Millis.nullable(),
  validTo: Millis.nullable(),
  isActive: z.boolean(),
  maxUses: z.number().int().nullable(),
  timesUsed: z.number().int(),
  minOrderMinor: z.number().int().nullable(),
})
export type CouponView = z.infer<typeof CouponViewSchema>

export const CodeCheckSchema = z.object({
  status: z.enum(CODE_STATUSES),
  /** Catalogue spelling when known, else the code as scanned. */
  code: z.string(),
  fromUrl: z.boolean(),
  /** In words a cashier understands. */
  message: z.string(),
  canSell: z.boolean(),
  /** Unknown codes may be sold only as "unverified", after the cashier confirms. */
  needsConfirmation: z.boolean(),
  coupon: CouponViewSchema.nullable(),
  catalogueImportedAt: Millis.nullable(),
})
export type CodeCheck = z.infer<typeof CodeCheckSchema>

export const SaleViewSchema = z.object({
  id: z.number().int(),
  orderId: z.string(),
  code: z.string(),
  amountMinor: z.number().int(),
  currency: z.string(),
  occurredAt: Millis,
  businessDate: z.string(),
  createdAt: Millis,
  state: SaleStateSchema,
  stateChangedAt: Millis,
  isUnverified: z.boolean(),
  isFutureDated: z.boolean(),
  affiliateName: z.string().nullable(),
  campaignName: z.string().nullable(),
  terminalId: z.string(),
  source: z.enum(['till', 'cli', 'import']),
  voidedAt: Millis.nullable(),
  voidReason: z.string().nullable(),
  lastError: z.string().nullable(),
  sync: SaleSyncViewSchema,
})
export type SaleView = z.infer<typeof SaleViewSchema>

export const SaleFilterSchema = z.object({
  states: z.array(SaleStateSchema).max(SALE_STATES.length).optional(),
  search: Text(200).optional(),
  unverifiedOnly: z.boolean().optional(),
})
export type SaleFilter = z.infer<typeof SaleFilterSchema>

export const SaleSummarySchema = z.object({
  total: z.number().int(),
  byState: z.record(SaleStateSchema, z.number().int()),
  oldestUnsentAt: Millis.nullable(),
  unverified: z.number().int(),
  futureDated: z.number().int(),
})
export type SaleSummary = z.infer<typeof SaleSummarySchema>

export const CatalogStatusSchema = z.object({
  coupons: z.number().int(),
  importedAt: Millis.nullable(),
  lastImportFile: z.string().nullable(),
})
export type CatalogStatus = z.infer<typeof CatalogStatusSchema>

export const RowProblemSchema = z.object({
  line: z.number().int(),
  field: z.string().nullable(),
  message: z.string(),
})
export type RowProblem = z.infer<typeof RowProblemSchema>

export const CatalogImportResultSchema = z.object({
  fileName: z.string(),
  layout: z.enum(['codes-only', 'code-affiliate', 'header']),
  encoding: z.string(),
  delimiter: z.string(),
  mode: z.enum(['merge', 'replace']),
  rowsRead: z.number().int(),
  imported: z.number().int(),
  refused: z.number().int(),
  duplicatesInFile: z.number().int(),
  /** The first problems, each naming its line; the full count is `refused`. */
  problems: z.array(RowProblemSchema),
  notices: z.array(z.string()),
  couponsInCatalogue: z.number().int(),
  durationMs: z.number(),
})
export type CatalogImportResult = z.infer<typeof CatalogImportResultSchema>

export const JOB_KINDS = ['catalog-import', 'catalog-download', 'sales-import'] as const
export const JobKindSchema = z.enum(JOB_KINDS)
export type JobKind = z.infer<typeof JobKindSchema>

export const JobProgressSchema = z.object({
  kind: JobKindSchema,
  phase: z.enum(['reading', 'merging', 'saving', 'done', 'cancelled', 'failed', 'downloading']),
  processed: z.number().int(),
  bytesRead: z.number().int(),
  bytesTotal: z.number().int().nullable(),
  /** Rows to save, in the 'saving' phase of a sales import (progress is processed / total). */
  total: z.number().int().nullable().optional(),
})
export type JobProgress = z.infer<typeof JobProgressSchema>

/** Largest file the window may hand over in one message (the CLI reads files from disk). */
export const MAX_UPLOAD_BYTES = 512 * 1024 * 1024

const Page = { offset: z.number().int().min(0).max(100_000_000), limit: z.number().int().min(1).max(1000) }

export const channels = {
  'app:get-info': {
    input: NoInput,
    output: z.object({
      version: z.string(),
      dataDir: z.string(),
      schemaVersion: z.number().int(),
      terminalId: z.string(),
    }),
  },
  'settings:get': { input: NoInput, output: SettingsSchema },
  'settings:update': { input: SettingsPatchSchema, output: SettingsSchema },
  'catalog:status': { input: NoInput, output: CatalogStatusSchema },
  'catalog:check-code': {
    input: z.object({ code: Text(4096), amount: Text(64).optional() }).strict(),
    output: CodeCheckSchema,
  },
  'catalog:import': {
    input: z
      .object({
        fileName: Text(260),
        bytes: z.instanceof(Uint8Array).refine((b) => b.byteLength <= MAX_UPLOAD_BYTES, 'file too large'),
        mode: z.enum(['merge', 'replace']),
      })
      .strict(),
    output: CatalogImportResultSchema,
  },
  'catalog:list': {
    input: z.object({ search: Text(200).optional(), ...Page }).strict(),
    output: z.object({ rows: z.array(CouponViewSchema), total: z.number().int() }),
  },
  'job:cancel': {
    input: z.object({ kind: JobKindSchema }).strict(),
    output: z.object({ cancelled: z.boolean() }),
  },
  'sale:register': {
    input: z
      .object({
        code: Text(4096),
        amount: Text(64),
        orderId: Text(200).optional(),
        occurredAt: Text(64).optional(),
        allowUnverified: z.boolean().optional(),
      })
      .strict(),
    output: z.object({ sale: SaleViewSchema, warnings: z.array(z.string()) }),
  },
  'sale:list': {
    input: z.object({ filter: SaleFilterSchema.optional(), ...Page }).strict(),
    output: z.object({ rows: z.array(SaleViewSchema), total: z.number().int() }),
  },
  'sale:summary': { input: NoInput, output: SaleSummarySchema },
  'sale:void': {
    input: z
      .object({
        saleId: z.number().int().positive(),
        reason: Text(500).optional(),
        /** The manager already reversed the sale in the platform's panel: only void it here. */
        alreadyReversedAtPlatform: z.boolean().optional(),
      })
      .strict(),
    output: SaleViewSchema,
  },
  'sale:export': {
    input: z
      .object({ layout: z.enum(['affiliationsoftware', 'full']), filter: SaleFilterSchema.optional() })
      .strict(),
    output: z.object({ fileName: z.string(), csv: z.string(), rows: z.number().int() }),
  },
  'sync:status': { input: NoInput, output: SyncStatusSchema },
  'sync:now': { input: NoInput, output: SyncStatusSchema },
  'sync:pause': { input: NoInput, output: SyncStatusSchema },
  'sync:resume': { input: NoInput, output: SyncStatusSchema },
  'platform:get-config': { input: NoInput, output: PlatformConfigViewSchema },
  'platform:save-config': { input: PlatformConfigPatchSchema, output: PlatformConfigViewSchema },
  'platform:test-connection': {
    input: z.object({ draft: PlatformConfigPatchSchema.optional() }).strict().optional(),
    output: ConnectionTestSchema,
  },
  'catalog:pull': { input: NoInput, output: CatalogPullResultSchema },
  'sale:fix-and-resend': {
    input: z
      .object({
        saleId: z.number().int().positive(),
        code: Text(4096).optional(),
        amount: Text(64).optional(),
        allowUnverified: z.boolean().optional(),
        reason: Text(500).optional(),
      })
      .strict(),
    output: SaleViewSchema,
  },
  'sale:mark-sent': {
    input: z.object({ saleId: z.number().int().positive(), note: Text(500).optional() }).strict(),
    output: SaleViewSchema,
  },
  'import:open': {
    input: z
      .object({
        kind: ImportKindSchema,
        fileName: Text(260),
        bytes: z.instanceof(Uint8Array).refine((b) => b.byteLength <= MAX_UPLOAD_BYTES, 'file too large'),
      })
      .strict(),
    output: ImportPreviewSchema,
  },
  'import:preview': {
    input: z.object({ token: Text(100), options: ImportOptionsSchema }).strict(),
    output: ImportPreviewSchema,
  },
  'import:run': {
    input: z.object({ token: Text(100), options: ImportOptionsSchema, dryRun: z.boolean().optional() }).strict(),
    output: z.object({
      kind: ImportKindSchema,
      sales: SalesImportResultSchema.nullable(),
      catalog: CatalogImportResultSchema.nullable(),
    }),
  },
  'import:close': { input: z.object({ token: Text(100) }).strict(), output: z.object({}) },
  'import:refused-rows': {
    input: z.object({ batchId: z.number().int().positive() }).strict(),
    output: z.object({ fileName: z.string(), csv: z.string(), rows: z.number().int() }),
  },
  'import:list': { input: NoInput, output: z.array(ImportBatchViewSchema) },
  'import:void': {
    input: z.object({ batchId: z.number().int().positive(), reason: Text(500).optional() }).strict(),
    output: ImportBatchViewSchema,
  },
} as const satisfies Record<ChannelName, { input: z.ZodType; output: z.ZodType }>

export const events = {
  'sales:changed': z.object({ saleIds: z.array(z.number().int()) }),
  'catalog:changed': CatalogStatusSchema,
  'settings:changed': SettingsSchema,
  'job:progress': JobProgressSchema,
  'sync:status-changed': SyncStatusSchema,
} as const satisfies Record<EventName, z.ZodType>

export type Channels = typeof channels
export type ChannelInput<C extends ChannelName> = z.input<Channels[C]['input']>
export type ParsedInput<C extends ChannelName> = z.output<Channels[C]['input']>
export type ChannelOutput<C extends ChannelName> = z.output<Channels[C]['output']>
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>

/** What the core must implement: one handler per channel, checked at compile time. */
export type Handlers = {
  [C in ChannelName]: (input: ParsedInput<C>) => Promise<ChannelOutput<C>> | ChannelOutput<C>
}

/** The object the preload (and the test host's bridge) put on `window.pos`. */
export interface PosApi {
  invoke<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>>
  on<E extends EventName>(event: E, callback: (payload: EventPayload<E>) => void): () => void
}

/** Names the first problem of a failed parse as "field: message" for error data. */
export function describeIssues(error: z.ZodError): { message: string; details: Record<string, unknown> } {
  const issues = error.issues.slice(0, 5).map((issue) => ({
    field: issue.path.join('.') || '(input)',
    message: issue.message,
  }))
  const first = issues[0]
  return {
    message: first === undefined ? 'Invalid input' : `${first.field}: ${first.message}`,
    details: { issues },
  }
}
