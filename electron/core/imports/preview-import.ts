import type { ImportKind, ImportOptions, ImportPreview, ImportQuestion, PreviewRow, SalesField } from '../../shared/import-contract'
import { CATALOG_FIELDS, ImportOptionsSchema, SALES_FIELDS } from '../../shared/import-contract'
import type { Settings } from '../../shared/settings'
import type { Db } from '../db/connection'
import { previousImportOf, rememberedLayout } from '../db/imports-repo'
import type { CatalogField, ColumnMap } from '../catalog/catalog-columns'
import { detectCatalogLayout, recordToCoupon } from '../catalog/catalog-columns'
import type { ByteSource } from './read/byte-source'
import type { CsvRecord } from './read/csv-records'
import { isBlankRecord, readCsvBatches } from './read/csv-records'
import type { FileShape } from './read/file-shape'
import { delimiterName, readFileShape, sha256Of } from './read/file-shape'
import { layoutSignature } from './mapping/header-match'
import { ImportLookups, checkSalesRow, orderIdOf, salesRowPlan } from './sales/check-sales-row'
import type { SalesColumns } from './sales/sales-columns'
import { REQUIRED_SALES_FIELDS, guessSalesLayout } from './sales/sales-columns'
import { detectDateOrder, detectDecimalStyle } from './sales/value-formats'

/**
 * What the wizard shows within a second of the drop: how the file was read, the mapping (from
 * the header, from an earlier file of the same layout, or guessed from the values), the
 * formats found across the first rows, the questions left, and the first rows checked exactly
 * as the import will check them. Called again with the manager's corrections.
 */

const SAMPLE_RECORDS = 2000
const PREVIEW_ROWS = 50

export interface PreviewRequest {
  db: Db
  source: ByteSource
  kind: ImportKind
  token: string
  settings: Settings
  nowMs: number
  /** The manager's mapping and answers; without them, the guesses. */
  options?: ImportOptions | undefined
  /** What an earlier preview of the same bytes found: the whole file is not read again for it. */
  known?: { shape: FileShape; sha256: string } | undefined
}

export interface PreviewOutcome {
  preview: ImportPreview
  shape: FileShape
  sha256: string
  signature: string
}

async function sampleRecords(source: ByteSource, shape: FileShape): Promise<CsvRecord[]> {
  const records: CsvRecord[] = []
  for await (const batch of readCsvBatches(source, shape.encoding, shape.layout, { batchSize: 500 })) {
    for (const record of batch.records) if (!isBlankRecord(record)) records.push(record)
    if (records.length >= SAMPLE_RECORDS) break
  }
  return records.slice(0, SAMPLE_RECORDS)
}

export function columnsOf<F extends string>(fields: readonly F[], options: ImportOptions): Record<F, number | null> {
  const columns = {} as Record<F, number | null>
  for (const field of fields) columns[field] = options.columns[field] ?? null
  return columns
}

export function catalogColumnMap(options: ImportOptions): ColumnMap {
  const columns: Partial<Record<CatalogField, number>> = {}
  for (const field of CATALOG_FIELDS) {
    const index = options.columns[field]
    if (index !== undefined && index !== null) columns[field] = index
  }
  return { layout: options.hasHeader ? 'header' : columns.affiliate_name !== undefined ? 'code-affiliate' : 'codes-only', columns }
}

export async function previewImport(request: PreviewRequest): Promise<PreviewOutcome> {
  const { db, source, kind, settings } = request
  const { shape, sha256 } = request.known ?? { shape: await readFileShape(source), sha256: await sha256Of(source) }
  const records = await sampleRecords(source, shape)
  const firstRecord = records[0]?.fields ?? []
  const notices = [...shape.notices]
  if (records.length === 0) notices.push('The file holds no rows.')

  let guessed: ImportOptions
  if (kind === 'sales') {
    const guess = guessSalesLayout(firstRecord, records.slice(0, 20).map((record) => record.fields))
    guessed = baseOptions(guess.hasHeader, guess.columns)
  } else {
    const map = detectCatalogLayout(firstRecord)
    guessed = baseOptions(map.layout === 'header', map.columns)
  }
  const signature = layoutSignature(guessed.hasHeader, firstRecord, shape.layout.delimiter)
  const remembered = ImportOptionsSchema.safeParse(rememberedLayout(db, kind, signature))
  if (remembered.success) guessed = { ...guessed, ...remembered.data, allOrNothing: false, allowUnverified: false }
  const options = request.options ?? guessed

  const dataRecords = options.hasHeader ? records.slice(1) : records
  const questions: ImportQuestion[] = []
  let rows: PreviewRow[]
  if (kind === 'sales') {
    const columns = columnsOf(SALES_FIELDS, options)
    const pick = (field: SalesField): string[] => {
      const index = columns[field]
      return index === null ? [] : dataRecords.map((record) => record.fields[index] ?? '')
    }
    const decimal = detectDecimalStyle(pick('amount'), settings.currency)
    const dateOrder = detectDateOrder(pick('date'))
    if (request.options === undefined && !remembered.success) {
      options.decimal = decimal.ambiguous ? null : (decimal.value ?? settings.amountFormat)
      options.dateOrder = dateOrder.ambiguous ? null : dateOrder.value
    }
    if (options.decimal === null && decimal.ambiguous) questions.push('decimal')
    if (columns.date !== null && options.dateOrder === null && dateOrder.ambiguous) questions.push('dateOrder')
    if (REQUIRED_SALES_FIELDS.some((field) => columns[field] === null)) questions.push('columns')
    if (columns.date === null) notices.push('No date column: the sales are dated now.')
    rows = previewSalesRows(db, dataRecords.slice(0, PREVIEW_ROWS), columns, options, settings, request.nowMs)
  } else {
    if (options.columns.code === null || options.columns.code === undefined) questions.push('columns')
    const map = catalogColumnMap(options)
    rows = dataRecords.slice(0, PREVIEW_ROWS).map((record) => {
      const outcome = recordToCoupon(record.fields, map, {
        line: record.line,
        timeZone: settings.timeZone,
        currency: settings.currency,
        nowMs: request.nowMs,
      })
      return outcome.ok
        ? { line: record.line, cells: record.fields, status: 'ok', field: null, message: null }
        : { line: record.line, cells: record.fields, status: 'refused', field: outcome.problem.field, message: outcome.problem.message }
    })
  }

  const preview: ImportPreview = {
    token: request.token,
    kind,
    fileName: source.name,
    fileBytes: source.size,
    encoding: shape.encoding.encoding,
    delimiter: delimiterName(shape.layout.delimiter),
    notices,
    firstRecord,
    columnCount: Math.max(shape.layout.columns, firstRecord.length),
    fields: kind === 'sales' ? [...SALES_FIELDS] : [...CATALOG_FIELDS],
    requiredFields: kind === 'sales' ? [...REQUIRED_SALES_FIELDS] : ['code'],
    options,
    questions,
    rememberedLayout: remembered.success && request.options === undefined,
    rows,
    previousImport: kind === 'sales' ? previousImportOf(db, sha256) : null,
  }
  return { preview, shape, sha256, signature }
}

function baseOptions(hasHeader: boolean, columns: Partial<Record<string, number | null>>): ImportOptions {
  const clean: Record<string, number | null> = {}
  for (const [field, index] of Object.entries(columns)) clean[field] = index ?? null
  return { hasHeader, columns: clean, decimal: null, dateOrder: null, allOrNothing: false, allowUnverified: false, catalogMode: 'merge' }
}

function previewSalesRows(
  db: Db,
  records: readonly CsvRecord[],
  columns: SalesColumns,
  options: ImportOptions,
  settings: Settings,
  nowMs: number,
): PreviewRow[] {
  const judge = new ImportLookups(db)
  judge.prefetchStored(records.map((record) => orderIdOf(record.fields, columns)).filter((id) => id !== ''))
  const plan = salesRowPlan(columns, options, settings, nowMs)
  const seen = new Map<string, number>()
  return records.map((record): PreviewRow => {
    const base = { line: record.line, cells: record.fields }
    const verdict = checkSalesRow(record.fields, record.line, plan, judge)
    if (verdict.status !== 'ok') return { ...base, status: verdict.status, field: verdict.field, message: verdict.message }
    const orderId = verdict.sale.order_id
    const earlier = seen.get(orderId)
    if (earlier !== undefined) {
      judge.releaseUse(verdict.sale.coupon_key)
      return { ...base, status: 'duplicate', field: 'orderId', message: `order ID ${orderId} is already on line ${earlier}` }
    }
    seen.set(orderId, record.line)
    return { ...base, status: 'ok', field: null, message: verdict.sale.is_unverified === 1 ? 'unverified: not in the coupon list' : verdict.sale.is_future_dated === 1 ? 'dated in the future: flagged' : null }
  })
}
