import { appendFileSync, copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { ImportOptions, PreviewRow, SalesImportResult } from '../../../shared/import-contract'
import { SALES_FIELDS } from '../../../shared/import-contract'
import { AppError, isAppError } from '../../../shared/errors'
import { formatDateTime } from '../../../shared/dates'
import type { Settings } from '../../../shared/settings'
import type { Clock } from '../../clock'
import type { Db } from '../../db/connection'
import { createImportBatch, finishReading, previousImportOf, setBatchFiles } from '../../db/imports-repo'
import type { JobContext } from '../../jobs/job-runner'
import type { ByteSource } from '../read/byte-source'
import { isBlankRecord, readCsvBatches } from '../read/csv-records'
import type { FileShape } from '../read/file-shape'
import { toSafeCsv } from '../write/safe-csv'
import { columnsOf } from '../preview-import'
import type { StagedSale } from './check-sales-row'
import { ImportLookups, checkSalesRow, orderIdOf, salesRowPlan } from './check-sales-row'
import { PUBLISH_SLICE, completeBatch, publishSlice } from './publish-batch'
import { StagedRowsReader, StagedRowsWriter } from './staged-rows'
import { OrderIdSet } from './order-id-set'

/**
 * Importing a till's sales export. Three steps, each safe to cut short:
 * 1. read and check every row into a staged-rows file (status 'reading'); the refused rows go to a
 *    CSV beside it with their line and reason. Cancel or crash: the batch ends with nothing added.
 * 2. decide: all-or-nothing with a refused row, a dry run, or a cancel end here. Otherwise the
 *    staged rows are flushed to disk and the batch becomes 'publishing' in one short commit.
 * 3. move the rows into `sales` and `outbox` slice by slice (publish-batch); a restart finishes.
 * Reading runs on the core's event loop in batches of rows with a turn for other requests in
 * between, so a sale rung up meanwhile waits for one batch at most.
 */

export const MAX_PROBLEMS_RETURNED = 200
const READ_BATCH = 1000

export interface SalesImportRequest {
  db: Db
  source: ByteSource
  shape: FileShape
  sha256: string
  options: ImportOptions
  dryRun: boolean
  settings: Settings
  clock: Clock
  actor: string
  job: JobContext
  /** Where batches keep their staged-rows and refused-rows files. */
  workDir: string
  /** Also write the refused rows here (the CLI puts them next to the imported file). */
  refusedRowsCopy?: string | undefined
  /** Called after each published slice (the window's lists refresh, the sync engine wakes). */
  onPublished?: (() => void) | undefined
}

interface Tally {
  rowsRead: number
  refused: number
  duplicates: number
  skipped: number
  futureDated: number
  unverified: number
  problems: PreviewRow[]
}

export async function importSales(request: SalesImportRequest): Promise<SalesImportResult> {
  const { db, source, shape, options, settings, clock, job } = request
  const startedAt = clock.now()
  const columns = columnsOf(SALES_FIELDS, options)
  for (const field of ['coupon', 'amount', 'orderId'] as const) {
    if (columns[field] === null) throw new AppError('IMPORT_FAILED', `Map a column to ${field === 'orderId' ? 'order ID' : field} before importing`, { field })
  }
  const previousImport = previousImportOf(db, request.sha256)

  mkdirSync(request.workDir, { recursive: true })
  const batchId = createImportBatch(db, {
    file_name: source.name,
    file_sha256: request.sha256,
    file_bytes: source.size,
    actor: request.actor,
    started_at_ms: startedAt,
    settings_json: JSON.stringify({ ...options, currency: settings.currency, terminalId: settings.terminalId, dryRun: request.dryRun }),
    scratch_path: null,
    refused_rows_path: null,
  })
  const stagedPath = path.join(request.workDir, `import-${batchId}.staged.jsonl`)
  const refusedPath = path.join(request.workDir, `import-${batchId}-refused.csv`)
  setBatchFiles(db, batchId, stagedPath, refusedPath)

  const tally: Tally = { rowsRead: 0, refused: 0, duplicates: 0, skipped: 0, futureDated: 0, unverified: 0, problems: [] }
  let headerCells: string[] | null = null
  let refusedWritten = false
  const writeRefused = (rows: PreviewRow[]): void => {
    if (rows.length === 0) return
    for (const row of rows) if (tally.problems.length < MAX_PROBLEMS_RETURNED) tally.problems.push(row)
    const width = Math.max(headerCells?.length ?? 0, shape.layout.columns, ...rows.map((row) => row.cells.length))
    const header = refusedWritten
      ? undefined
      : ['line', 'problem', 'reason', ...Array.from({ length: width }, (_, index) => headerCells?.[index] ?? `column_${index + 1}`)]
    const pad = (cells: string[]): string[] => [...cells, ...Array<string>(Math.max(0, width - cells.length)).fill('')]
    const csv = toSafeCsv(rows.map((row) => [String(row.line), row.status, row.message ?? '', ...pad(row.cells)]), header)
    if (refusedWritten) appendFileSync(refusedPath, csv)
    else writeFileSync(refusedPath, `\ufeff${csv}`)
    refusedWritten = true
  }

  const stagedRows = new StagedRowsWriter(stagedPath)
  // Order ids already taken by earlier rows of this file, with their line.
  const seenOrders = new OrderIdSet()
  let decided = false
  try {
    const lookups = new ImportLookups(db)
    const plan = salesRowPlan(columns, options, settings, startedAt)
    let first = true
    job.report({ phase: 'reading', processed: 0, bytesRead: 0, bytesTotal: source.size }, true)
    for await (const batch of readCsvBatches(source, shape.encoding, shape.layout, { batchSize: READ_BATCH, signal: job.signal })) {
      const staged: StagedSale[] = []
      const releases: (() => void)[] = []
      const refusedRows: PreviewRow[] = []
      lookups.prefetchStored(batch.records.map((record) => orderIdOf(record.fields, columns)).filter((id) => id !== ''))
      for (const record of batch.records) {
        if (isBlankRecord(record)) continue
        if (first) {
          first = false
          if (options.hasHeader) {
            headerCells = record.fields
            continue
          }
        }
        tally.rowsRead++
        const verdict = checkSalesRow(record.fields, record.line, plan, lookups)
        if (verdict.status === 'ok') {
          staged.push(verdict.sale)
          releases.push(verdict.releaseUse)
        } else if (verdict.status === 'skipped') {
          tally.skipped++
        } else if (verdict.status === 'duplicate') {
          tally.duplicates++
          refusedRows.push({ line: record.line, cells: record.fields, status: 'duplicate', field: 'orderId', message: verdict.message })
        } else {
          tally.refused++
          refusedRows.push({ line: record.line, cells: record.fields, status: 'refused', field: verdict.field, message: verdict.message })
        }
      }
      const fresh: StagedSale[] = []
      staged.forEach((sale, index) => {
        const earlier = seenOrders.firstLineOf(sale.order_id, sale.line)
        if (earlier !== null) {
          tally.duplicates++
          releases[index]?.()
          refusedRows.push({
            line: sale.line,
            cells: lineCells(batch.records, sale.line),
            status: 'duplicate',
            field: 'orderId',
            message: `order ID ${sale.order_id} is already on line ${earlier} of this file`,
          })
          return
        }
        fresh.push(sale)
        if (sale.is_future_dated === 1) tally.futureDated++
        if (sale.is_unverified === 1) tally.unverified++
      })
      stagedRows.append(fresh)
      writeRefused(refusedRows.sort((a, b) => a.line - b.line))
      job.report({ phase: 'reading', processed: tally.rowsRead, bytesRead: batch.bytesRead, bytesTotal: source.size })
      await job.checkpoint()
    }
    await job.checkpoint()

    if (tally.rowsRead === 0) throw new AppError('IMPORT_FAILED', `${source.name} holds no sales rows`)

    const stagedCount = stagedRows.count
    seenOrders.clear()
    const counts = { rows_read: tally.rowsRead, refused: tally.refused, duplicates: tally.duplicates, staged: stagedCount }
    const status = request.dryRun ? 'dry_run' : options.allOrNothing && tally.refused > 0 ? 'refused' : 'publishing'
    if (status !== 'publishing') {
      finishReading(db, batchId, status, counts, clock.now())
      stagedRows.close({ remove: true })
      decided = true
      // A dry run says how many would go in.
      return result(request, batchId, status === 'dry_run' ? 'dry_run' : 'refused', status === 'dry_run' ? stagedCount : 0, tally, refusedWritten ? refusedPath : null, previousImport, startedAt)
    }

    stagedRows.flush()
    stagedRows.close({ remove: false })
    finishReading(db, batchId, 'publishing', counts, clock.now())
    decided = true
    job.commit()
    job.report({ phase: 'saving', processed: 0, bytesRead: source.size, bytesTotal: source.size, total: stagedCount }, true)
    const imported = await publishAll(db, batchId, stagedPath, request, stagedCount)
    completeBatch(db, batchId, request.actor, clock.now(), stagedPath)
    job.report({ phase: 'done', processed: tally.rowsRead, bytesRead: source.size, bytesTotal: source.size }, true)
    return result(request, batchId, 'committed', imported, tally, refusedWritten ? refusedPath : null, previousImport, startedAt)
  } catch (error) {
    if (!decided) {
      const cancelled = isAppError(error) && error.code === 'CANCELLED'
      finishReading(db, batchId, cancelled ? 'cancelled' : 'failed', { rows_read: tally.rowsRead, refused: tally.refused, duplicates: tally.duplicates, staged: 0 }, clock.now())
      stagedRows.close({ remove: true })
      rmSync(refusedPath, { force: true })
      job.report({ phase: cancelled ? 'cancelled' : 'failed', processed: tally.rowsRead, bytesRead: 0, bytesTotal: source.size }, true)
      if (cancelled) throw new AppError('CANCELLED', 'The import was cancelled; no sale was added')
    }
    throw error
  }
}

/** Moves the staged rows in slices; cancelling is no longer possible (the batch is decided). */
async function publishAll(db: Db, batchId: number, stagedPath: string, request: SalesImportRequest, total: number): Promise<number> {
  const { clock, job, settings } = request
  const stamp = { currency: settings.currency, terminalId: settings.terminalId }
  const reader = new StagedRowsReader(stagedPath, 0)
  let through = 0
  let imported = 0
  try {
    for (let slice = reader.next(PUBLISH_SLICE); slice !== null; slice = reader.next(PUBLISH_SLICE)) {
      const result = publishSlice(db, batchId, stamp, slice, through, clock.now())
      through = result.through
      imported += result.inserted
      job.report({ phase: 'saving', processed: through, bytesRead: request.source.size, bytesTotal: request.source.size, total })
      request.onPublished?.()
      // A turn for the till between slices; a cancel now would leave half a batch, so it waits.
      await new Promise<void>((resolve) => setImmediate(resolve))
    }
  } finally {
    reader.close()
  }
  return imported
}

function lineCells(records: readonly { line: number; fields: string[] }[], line: number): string[] {
  return records.find((record) => record.line === line)?.fields ?? []
}

function result(
  request: SalesImportRequest,
  batchId: number,
  status: SalesImportResult['status'],
  imported: number,
  tally: Tally,
  refusedFile: string | null,
  previousImport: SalesImportResult['previousImport'],
  startedAt: number,
): SalesImportResult {
  if (refusedFile !== null && request.refusedRowsCopy !== undefined) copyFileSync(refusedFile, request.refusedRowsCopy)
  const notices: string[] = [...request.shape.notices]
  if (tally.skipped > 0) notices.push(`${tally.skipped} totals row${tally.skipped === 1 ? '' : 's'} skipped.`)
  if (previousImport !== null) {
    notices.push(`This file was imported before, on ${formatDateTime(previousImport.at, request.settings.timeZone)} (import #${previousImport.batchId}).`)
  }
  if (status === 'refused') notices.push(`Nothing was imported: ${tally.refused} row${tally.refused === 1 ? ' was' : 's were'} refused and all-or-nothing was chosen.`)
  return {
    batchId,
    fileName: request.source.name,
    status,
    rowsRead: tally.rowsRead,
    imported,
    refused: tally.refused,
    duplicates: tally.duplicates,
    skipped: tally.skipped,
    futureDated: tally.futureDated,
    unverified: tally.unverified,
    problems: tally.problems,
    refusedRowsFile: refusedFile === null ? null : (request.refusedRowsCopy ?? refusedFile),
    previousImport,
    notices,
    durationMs: request.clock.now() - startedAt,
  }
}
