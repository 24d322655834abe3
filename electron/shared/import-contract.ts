import { z } from 'zod'

/**
 * The schemas of the import wizard's channels (contract.ts lists the channels): how a file was
 * read, the mapping the manager confirms, the checked first rows, and the outcome of a sales
 * import. A file reaches the core once (`import:open`) and is named by its token afterwards.
 */

const Millis = z.number().int()

export const IMPORT_KINDS = ['sales', 'catalog'] as const
export const ImportKindSchema = z.enum(IMPORT_KINDS)
export type ImportKind = z.infer<typeof ImportKindSchema>

export const SALES_FIELDS = ['coupon', 'amount', 'orderId', 'date'] as const
export type SalesField = (typeof SALES_FIELDS)[number]

export const CATALOG_FIELDS = [
  'code',
  'affiliate_id',
  'affiliate_name',
  'campaign_id',
  'campaign_name',
  'valid_from',
  'valid_to',
  'status',
  'max_uses',
  'times_used',
  'min_order',
] as const
export type CatalogFieldName = (typeof CATALOG_FIELDS)[number]

export const FIELD_LABELS: Record<SalesField | CatalogFieldName, string> = {
  coupon: 'Coupon',
  amount: 'Sales amount',
  orderId: 'Order ID',
  date: 'Date',
  code: 'Code',
  affiliate_id: 'Affiliate ID',
  affiliate_name: 'Affiliate name',
  campaign_id: 'Campaign ID',
  campaign_name: 'Campaign name',
  valid_from: 'Valid from',
  valid_to: 'Valid to',
  status: 'Status',
  max_uses: 'Max uses',
  times_used: 'Times used',
  min_order: 'Minimum order',
}

/** Column index per field (0-based), or null when the file has no such column. */
const ColumnIndex = z.number().int().min(0).max(999).nullable()

export const ImportOptionsSchema = z
  .object({
    hasHeader: z.boolean(),
    columns: z.record(z.string().max(40), ColumnIndex),
    decimal: z.enum(['point', 'comma']).nullable(),
    dateOrder: z.enum(['ymd', 'dmy', 'mdy']).nullable(),
    /** Sales: refuse the whole file when any row is refused. */
    allOrNothing: z.boolean(),
    /** Sales: codes missing from the coupon list become unverified sales instead of refusals. */
    allowUnverified: z.boolean(),
    /** Catalogue: keep codes the file does not mention (merge) or replace the list. */
    catalogMode: z.enum(['merge', 'replace']),
  })
  .strict()
export type ImportOptions = z.infer<typeof ImportOptionsSchema>

export const ROW_STATUSES = ['ok', 'refused', 'duplicate', 'skipped'] as const
export type RowStatus = (typeof ROW_STATUSES)[number]

export const PreviewRowSchema = z.object({
  line: z.number().int(),
  cells: z.array(z.string()),
  status: z.enum(ROW_STATUSES),
  field: z.string().nullable(),
  message: z.string().nullable(),
})
export type PreviewRow = z.infer<typeof PreviewRowSchema>

export const PreviousImportSchema = z.object({
  batchId: z.number().int(),
  fileName: z.string(),
  at: Millis,
  imported: z.number().int(),
  status: z.string(),
})
export type PreviousImport = z.infer<typeof PreviousImportSchema>

export const IMPORT_QUESTIONS = ['decimal', 'dateOrder', 'columns'] as const
export type ImportQuestion = (typeof IMPORT_QUESTIONS)[number]

export const ImportPreviewSchema = z.object({
  token: z.string(),
  kind: ImportKindSchema,
  fileName: z.string(),
  fileBytes: z.number().int(),
  encoding: z.string(),
  delimiter: z.string(),
  notices: z.array(z.string()),
  /** The first record's cells (the header when there is one). */
  firstRecord: z.array(z.string()),
  columnCount: z.number().int(),
  /** Fields this kind of import knows, in display order; required ones first. */
  fields: z.array(z.string()),
  requiredFields: z.array(z.string()),
  options: ImportOptionsSchema,
  /** What the manager must answer before importing (empty when the file reads unambiguously). */
  questions: z.array(z.enum(IMPORT_QUESTIONS)),
  /** The mapping came from an earlier import of a file with this layout. */
  rememberedLayout: z.boolean(),
  rows: z.array(PreviewRowSchema),
  /** The same bytes were imported before (sales only). */
  previousImport: PreviousImportSchema.nullable(),
})
export type ImportPreview = z.infer<typeof ImportPreviewSchema>

export const SalesImportResultSchema = z.object({
  batchId: z.number().int().nullable(),
  fileName: z.string(),
  status: z.enum(['committed', 'refused', 'dry_run', 'cancelled']),
  rowsRead: z.number().int(),
  imported: z.number().int(),
  refused: z.number().int(),
  duplicates: z.number().int(),
  skipped: z.number().int(),
  futureDated: z.number().int(),
  unverified: z.number().int(),
  /** The first problems; every one is in the refused-rows file. */
  problems: z.array(PreviewRowSchema),
  refusedRowsFile: z.string().nullable(),
  previousImport: PreviousImportSchema.nullable(),
  notices: z.array(z.string()),
  durationMs: z.number(),
})
export type SalesImportResult = z.infer<typeof SalesImportResultSchema>

export const ImportBatchViewSchema = z.object({
  id: z.number().int(),
  fileName: z.string(),
  status: z.string(),
  startedAt: Millis,
  finishedAt: Millis.nullable(),
  actor: z.string(),
  rowsRead: z.number().int(),
  imported: z.number().int(),
  refused: z.number().int(),
  duplicates: z.number().int(),
  /** Sales of the batch the platform has or is receiving: then voiding sends reversals. */
  sent: z.number().int(),
  canVoid: z.boolean(),
})
export type ImportBatchView = z.infer<typeof ImportBatchViewSchema>
