import { copyFileSync, mkdirSync, rmSync } from 'node:fs'
import path from 'node:path'
import type { ImportOptions, PreviewRow, SalesImportResult } from '../../../shared/import-contract'
import { SALES_FIELDS } from '../../../shared/import-contract'
import { AppError, isAppError } from '../../../shared/errors'
import { formatDateTime } from '../../../shared/dates'
import type { Settings } from '../../../shared/settings'
import type { Clock } from '../../clock'
import type { Db } from '../../db/connection'
import { createImportBatch, finishReading, previousImportOf, setRefusedRowsPath } from '../../db/imports-repo'
import type { JobContext } from '../../jobs/job-runner'
import type { ByteSource } from '../read/byte-source'
import type { FileShape } from '../read/file-shape'
import { columnsOf } from '../preview-import'
import type { ReadTally } from './read-sales-file'
import { addRefusedRows } from './read-sales-file'
import { SalesReaderThread } from './reader-thread'
import { finishDecidedImports } from './recover-imports'
import type { LateDuplicate } from './write-batch'
import { completeBatch, insertCheckedRows, queueSomeForSync, removeSomeBatchSales } from './write-batch'
import type { SalesColumns } from './sales-columns'

/**
 * Importing a till's sales export, each step safe to cut short:
 * 1. a reader thread reads and checks every row (`reader-worker.ts`); the core thread writes the
 *    rows that pass into `sales` as they come, marked with the batch (status 'reading'), hidden
 *    and not queued for the platform. Refused rows go to a CSV with their line and reason.
 * 2. decide: a dry run, all-or-nothing with a refused row, a cancel or a failure remove the
 *    batch's sales again; otherwise the batch becomes 'publishing' in one FULL commit, which
 *    also makes every row written before it durable.
 * 3. every sale of the batch gets its outbox row, a slice at a time (write-batch); a restart
 *    finishes (recover-imports).
 * The core thread writes one batch of rows per event-loop turn, so a sale rung up meanwhile
 * waits for one batch at most.
 */

export { MAX_PROBLEMS_RETURNED } from './read-sales-file'

export interface SalesImportRequest {
  db: Db
  /** The better-sqlite3 build the database was opened with (the reader thread opens it too). */
  nativeBinding: string | undefined
  source: ByteSource
  shape: FileShape
  sha256: string
  options: ImportOptions
  dryRun: boolean
  settings: Settings
  clock: Clock
  actor: string
  job: JobContext
  /** Where batches keep their refused-rows files. */
  workDir: string
  /** Also write the refused rows here (the CLI puts them next to the imported file). */
  refusedRowsCopy?: string | undefined
  /** Called as sales become visible (the window's lists refresh, the sync engine wakes). */
  onPublished?: (() => void) | undefined
}

interface Written {
  inserted: number
  lateDuplicates: LateDuplicate[]
}

export async function importSales(request: SalesImportRequest): Promise<SalesImportResult> {
  const { db, source, shape, options, settings, clock, job } = request
  const startedAt = clock.now()
  const columns = columnsOf(SALES_FIELDS, options)
  for (const field of ['coupon', 'amount', 'orderId'] as const) {
    if (columns[field] === null) throw new AppError('IMPORT_FAILED', `Map a column to ${field === 'orderId' ? 'order ID' : field} before importing`, { field })
  }
  const previousImport = previousImportOf(db, request.sha256)
  // A decided import whose queueing failed earlier in this run (disk full, say) is finished
  // first, a slice per turn; no other sales import of this process can be running.
  await finishDecidedImports(db, request.actor, clock, () => new Promise<void>((resolve) => setImmediate(resolve)))

  mkdirSync(request.workDir, { recursive: true })
  const stamp = { currency: settings.currency, terminalId: settings.terminalId }
  const batchId = createImportBatch(db, {
    file_name: source.name,
    file_sha256: request.sha256,
    file_bytes: source.size,
    actor: request.actor,
    started_at_ms: startedAt,
    settings_json: JSON.stringify({ ...options, ...stamp, dryRun: request.dryRun }),
    scratch_path: null,
    refused_rows_path: null,
  })
  const refusedPath = path.join(request.workDir, `import-${batchId}-refused.csv`)
  setRefusedRowsPath(db, batchId, refusedPath)

  const reader = new SalesReaderThread({
    dbPath: db.name,
    nativeBinding: request.nativeBinding,
    sourceName: source.name,
    origin: source.origin,
    shape,
    columns,
    options,
    settings,
    nowMs: startedAt,
    batchId,
    refusedPath,
  })
  const written: Written = { inserted: 0, lateDuplicates: [] }
  let tally: ReadTally | null = null
  let decided = false
  // Between the decision and the last outbox row: a failure here leaves the sales saved.
  let queueing = false
  try {
    job.report({ phase: 'reading', processed: 0, bytesRead: 0, bytesTotal: source.size }, true)
    for (;;) {
      const message = await reader.next()
      if (message.kind === 'done') {
        tally = message.tally
        break
      }
      if (!request.dryRun) {
        const result = insertCheckedRows(db, batchId, stamp, message.rows, clock.now())
        written.inserted += result.inserted
        for (const late of result.lateDuplicates) written.lateDuplicates.push(late)
      }
      reader.written()
      job.report({ phase: 'reading', processed: message.rowsRead, bytesRead: message.bytesRead, bytesTotal: source.size })
      await job.checkpoint()
    }
    await reader.stop()
    await job.checkpoint()
    if (tally.rowsRead === 0) throw new AppError('IMPORT_FAILED', `${source.name} holds no sales rows`)
    addRefusedRows(tally, refusedPath, shape.layout.columns, lateDuplicateRows(written.lateDuplicates, columns, tally))
    tally.duplicates += written.lateDuplicates.length

    const refusedFile = tally.refusedWritten ? refusedPath : null
    const status = request.dryRun ? 'dry_run' : options.allOrNothing && tally.refused > 0 ? 'refused' : 'publishing'
    if (status !== 'publishing') {
      await removeBatch(db, batchId)
      finishReading(db, batchId, status, { rows_read: tally.rowsRead, refused: tally.refused, duplicates: tally.duplicates, staged: tally.accepted, imported: 0 }, clock.now())
      decided = true
      // A dry run says how many would go in.
      return result(request, batchId, status, status === 'dry_run' ? tally.accepted : 0, tally, refusedFile, previousImport, startedAt)
    }

    const counts = {
      rows_read: tally.rowsRead,
      refused: tally.refused,
      duplicates: tally.duplicates,
      staged: tally.accepted,
      imported: written.inserted,
    }
    finishReading(db, batchId, 'publishing', counts, clock.now())
    decided = true
    job.commit()
    request.onPublished?.()
    queueing = true
    await queueAll(db, batchId, request, written.inserted)
    completeBatch(db, batchId, request.actor, clock.now())
    queueing = false
    job.report({ phase: 'done', processed: tally.rowsRead, bytesRead: source.size, bytesTotal: source.size }, true)
    return result(request, batchId, 'committed', written.inserted, tally, refusedFile, previousImport, startedAt)
  } catch (error) {
    await reader.stop()
    if (!decided) {
      const cancelled = isAppError(error) && error.code === 'CANCELLED'
      await removeBatch(db, batchId)
      try {
        finishReading(db, batchId, cancelled ? 'cancelled' : 'failed', { rows_read: tally?.rowsRead ?? 0, refused: tally?.refused ?? 0, duplicates: tally?.duplicates ?? 0, staged: 0, imported: 0 }, clock.now())
      } catch {
        // Already closed by another process's recovery: the error that brought us here is the news.
      }
      rmSync(refusedPath, { force: true })
      job.report({ phase: cancelled ? 'cancelled' : 'failed', processed: tally?.rowsRead ?? 0, bytesRead: 0, bytesTotal: source.size }, true)
      if (cancelled) throw new AppError('CANCELLED', 'The import was cancelled; no sale was added')
      throw error
    }
    if (!queueing) throw error
    // Past the decision the sales are saved; only their queueing for the platform stopped.
    const reason = error instanceof Error ? error.message : String(error)
    throw new AppError(
      'IMPORT_FAILED',
      `The ${written.inserted} imported sales are saved, but queueing them for the platform stopped (${reason}). CouponDesk finishes it at the next import or start.`,
      { batchId },
    )
  }
}

/**
 * Rows the reader passed but the writer skipped: a till sale took the order id in between. The
 * reader's copy of the row is gone by then, so the refused-rows file gets its line, the reason
 * and the order id in its column.
 */
function lateDuplicateRows(late: readonly LateDuplicate[], columns: SalesColumns, tally: ReadTally): PreviewRow[] {
  const orderColumn = columns.orderId ?? 0
  const width = Math.max(tally.headerCells?.length ?? 0, orderColumn + 1)
  return late.map(({ line, orderId }) => {
    const cells = Array<string>(width).fill('')
    cells[orderColumn] = orderId
    return { line, cells, status: 'duplicate', field: 'orderId', message: `order ID ${orderId} was stored by another sale while this file was imported` }
  })
}

/** Takes an undecided batch's sales out again, a slice per turn of the event loop. */
async function removeBatch(db: Db, batchId: number): Promise<void> {
  while (removeSomeBatchSales(db, batchId) > 0) await new Promise<void>((resolve) => setImmediate(resolve))
}

/** Queues the decided batch's sales for the platform; cancelling is no longer possible. */
async function queueAll(db: Db, batchId: number, request: SalesImportRequest, total: number): Promise<void> {
  const { clock, job, source } = request
  let queued = 0
  job.report({ phase: 'saving', processed: 0, bytesRead: source.size, bytesTotal: source.size, total }, true)
  for (let slice = queueSomeForSync(db, batchId, clock.now()); slice > 0; slice = queueSomeForSync(db, batchId, clock.now())) {
    queued += slice
    job.report({ phase: 'saving', processed: queued, bytesRead: source.size, bytesTotal: source.size, total })
    request.onPublished?.()
    // A turn for the till between slices.
    await new Promise<void>((resolve) => setImmediate(resolve))
  }
}

function result(
  request: SalesImportRequest,
  batchId: number,
  status: SalesImportResult['status'],
  imported: number,
  tally: ReadTally,
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
