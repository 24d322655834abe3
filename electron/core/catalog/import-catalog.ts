import type { CatalogImportResult, RowProblem } from '../../shared/contract'
import { AppError, isAppError } from '../../shared/errors'
import type { Settings } from '../../shared/settings'
import type { Db } from '../db/connection'
import type { CouponRow } from '../db/coupons-repo'
import {
  copyLiveSliceToStaging,
  countStaging,
  createStagingTable,
  catalogMeta,
  dropStagingTable,
  insertStagingBatch,
  swapStagingIntoLive,
} from '../db/coupons-repo'
import { appendAudit } from '../db/audit-repo'
import type { JobContext } from '../jobs/job-runner'
import type { Clock } from '../clock'
import type { ByteSource } from '../imports/read/byte-source'
import { decodeHead, detectEncoding } from '../imports/read/detect-encoding'
import { sniffLayout } from '../imports/read/sniff-layout'
import { isBlankRecord, readCsvBatches } from '../imports/read/csv-records'
import type { ColumnMap } from './catalog-columns'
import { detectCatalogLayout, recordToCoupon } from './catalog-columns'

/**
 * Importing a coupon list. Rows are checked one by one and written to a staging table in
 * slices (the till keeps working between slices); in `merge` mode the codes the file does not
 * mention are carried over; then one short transaction swaps the staging table in. Cancel or
 * crash before the swap: the old catalogue stays as it was. A bad row is refused with its line
 * and reason and never stops the others.
 */

export const MAX_PROBLEMS_REPORTED = 200
const MERGE_SLICE = 5000

export interface CatalogImportOptions {
  db: Db
  source: ByteSource
  mode: 'merge' | 'replace'
  settings: Settings
  clock: Clock
  actor: string
  job: JobContext
  /** The mapping the manager confirmed in the wizard; without it the layout is detected. */
  columns?: ColumnMap | undefined
  /** Check every line and report, but keep the catalogue as it is. */
  dryRun?: boolean | undefined
}

export async function importCatalog(options: CatalogImportOptions): Promise<CatalogImportResult> {
  const { db, source, settings, clock, job } = options
  const startedAt = clock.now()
  const encoding = await detectEncoding(source)
  const layout = sniffLayout(await decodeHead(source, encoding))
  const notices = encoding.notice === null ? [] : [encoding.notice]

  const problems: RowProblem[] = []
  let refused = 0
  let rowsRead = 0
  let imported = 0
  let duplicatesInFile = 0
  let columns: ColumnMap | null = null
  const refuse = (problem: RowProblem): void => {
    refused++
    if (problems.length < MAX_PROBLEMS_REPORTED) problems.push(problem)
  }

  createStagingTable(db)
  try {
    job.report({ phase: 'reading', processed: 0, bytesRead: 0, bytesTotal: source.size }, true)
    for await (const batch of readCsvBatches(source, encoding, layout, { signal: job.signal })) {
      const rows: CouponRow[] = []
      const lines: number[] = []
      for (const record of batch.records) {
        if (isBlankRecord(record)) continue
        if (columns === null) {
          columns = options.columns ?? detectCatalogLayout(record.fields)
          if (columns.layout === 'header') continue
        }
        rowsRead++
        const outcome = recordToCoupon(record.fields, columns, {
          line: record.line,
          timeZone: settings.timeZone,
          currency: settings.currency,
          nowMs: startedAt,
        })
        if (outcome.ok) {
          rows.push(outcome.row)
          lines.push(record.line)
        } else {
          refuse(outcome.problem)
        }
      }
      const duplicates = insertStagingBatch(db, rows)
      for (const index of duplicates) {
        duplicatesInFile++
        refuse({
          line: lines[index] ?? 0,
          field: 'code',
          message: `code ${rows[index]?.code ?? ''} appears earlier in the file; this line was skipped`,
        })
      }
      imported += rows.length - duplicates.size
      job.report({ phase: 'reading', processed: rowsRead, bytesRead: batch.bytesRead, bytesTotal: source.size })
      await job.checkpoint()
    }
    await job.checkpoint()
    if (columns === null) throw new AppError('IMPORT_FAILED', `${source.name} holds no coupon codes`)
    if (imported === 0) {
      throw new AppError('IMPORT_FAILED', `No line of ${source.name} could be read as a coupon; the catalogue was not changed`, {
        problems: problems.slice(0, 20),
      })
    }

    if (options.mode === 'merge') {
      let afterKey = ''
      for (;;) {
        const slice = copyLiveSliceToStaging(db, afterKey, MERGE_SLICE)
        if (slice.lastKey === null) break
        afterKey = slice.lastKey
        job.report({ phase: 'merging', processed: rowsRead, bytesRead: source.size, bytesTotal: source.size })
        await job.checkpoint()
      }
    }

    const couponsAfter = countStaging(db)
    if (options.dryRun === true) {
      dropStagingTable(db)
      job.report({ phase: 'done', processed: rowsRead, bytesRead: source.size, bytesTotal: source.size }, true)
      return { fileName: source.name, layout: columns.layout, encoding: encoding.encoding, delimiter: layout.delimiter, mode: options.mode, rowsRead, imported, refused, duplicatesInFile, problems, notices: [...notices, 'Dry run: the coupon list was not changed.'], couponsInCatalogue: catalogMeta(db).coupons, durationMs: clock.now() - startedAt }
    }
    job.report({ phase: 'saving', processed: rowsRead, bytesRead: source.size, bytesTotal: source.size }, true)
    job.commit()
    const finishedAt = clock.now()
    db.transaction(() => {
      swapStagingIntoLive(db, {
        startedAtMs: startedAt,
        finishedAtMs: finishedAt,
        fileName: source.name,
        mode: options.mode,
        rowsRead,
        imported,
        refused,
        couponsAfter,
      })
      appendAudit(db, {
        atMs: finishedAt,
        actor: options.actor,
        action: 'catalog.import',
        subject: 'catalog',
        details: { file: source.name, mode: options.mode, rowsRead, imported, refused, couponsAfter },
      })
    }).immediate()
    job.report({ phase: 'done', processed: rowsRead, bytesRead: source.size, bytesTotal: source.size }, true)

    return {
      fileName: source.name,
      layout: columns.layout,
      encoding: encoding.encoding,
      delimiter: layout.delimiter,
      mode: options.mode,
      rowsRead,
      imported,
      refused,
      duplicatesInFile,
      problems,
      notices,
      couponsInCatalogue: couponsAfter,
      durationMs: clock.now() - startedAt,
    }
  } catch (error) {
    dropStagingTable(db)
    const cancelled = isAppError(error) && error.code === 'CANCELLED'
    job.report({ phase: cancelled ? 'cancelled' : 'failed', processed: rowsRead, bytesRead: 0, bytesTotal: source.size }, true)
    throw error
  }
}
