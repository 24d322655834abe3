import type { RowProblem } from '../../shared/contract'
import type { PlatformId } from '../../shared/platform-config'
import type { CatalogPullResult } from '../../shared/sync-contract'
import { AppError, isAppError } from '../../shared/errors'
import type { Settings } from '../../shared/settings'
import type { Clock } from '../clock'
import type { Db } from '../db/connection'
import type { CouponRow } from '../db/coupons-repo'
import { countStaging, createStagingTable, dropStagingTable, insertStagingBatch, swapStagingIntoLive } from '../db/coupons-repo'
import { appendAudit } from '../db/audit-repo'
import type { JobContext } from '../jobs/job-runner'
import type { Connector, PulledCoupon } from '../sync/connectors/connector'
import type { CatalogField, ColumnMap } from './catalog-columns'
import { recordToCoupon } from './catalog-columns'
import { MAX_PROBLEMS_REPORTED } from './import-catalog'

/**
 * "Update coupons": the platform's whole coupon list, page by page, into the catalogue. Pages go
 * to the same staging table a file import uses and are checked by the same row rules; one short
 * transaction swaps the new list in at the end (the platform's list is the truth, so it replaces
 * the catalogue). Cancelled, failed or crashed before the swap: the old catalogue stays.
 * Only a page at a time is held in memory.
 */

/** Rows per staging transaction: pages are small (250), commits are not free. */
const STAGING_BATCH = 2_000

const FIELDS: readonly CatalogField[] = ['code', 'affiliate_id', 'affiliate_name', 'campaign_id', 'campaign_name', 'valid_from', 'valid_to', 'status', 'max_uses', 'times_used', 'min_order']
const COLUMNS: ColumnMap = { layout: 'header', columns: Object.fromEntries(FIELDS.map((field, index) => [field, index])) }

export interface PullCatalogOptions {
  db: Db
  connector: Connector
  platform: PlatformId
  settings: Settings
  clock: Clock
  actor: string
  job: JobContext
}

export async function pullCatalog(options: PullCatalogOptions): Promise<CatalogPullResult> {
  const { db, connector, settings, clock, job } = options
  const startedAt = clock.now()
  const problems: RowProblem[] = []
  let received = 0
  let imported = 0
  let refused = 0
  let pages = 0
  let total: number | null = null
  const refuse = (problem: RowProblem): void => {
    refused++
    if (problems.length < MAX_PROBLEMS_REPORTED) problems.push(problem)
  }

  createStagingTable(db)
  let pendingRows: CouponRow[] = []
  let pendingLines: number[] = []
  const flush = (): void => {
    if (pendingRows.length === 0) return
    const duplicates = insertStagingBatch(db, pendingRows)
    for (const index of duplicates) refuse({ line: pendingLines[index] ?? 0, field: 'code', message: `code ${pendingRows[index]?.code ?? ''} is listed twice by the platform; the later one was skipped` })
    imported += pendingRows.length - duplicates.size
    pendingRows = []
    pendingLines = []
  }
  try {
    job.report({ phase: 'downloading', processed: 0, bytesRead: 0, bytesTotal: null }, true)
    for await (const page of connector.pullCatalogue({ signal: job.signal })) {
      pages++
      total = page.total ?? total
      for (const coupon of page.coupons) {
        received++
        const outcome = recordToCoupon(toFields(coupon), COLUMNS, { line: received, timeZone: settings.timeZone, currency: settings.currency, nowMs: startedAt })
        if (outcome.ok) {
          pendingRows.push(outcome.row)
          pendingLines.push(received)
        } else {
          refuse({ ...outcome.problem, message: `${outcome.problem.message} (code ${coupon.code ?? '?'})` })
        }
      }
      if (pendingRows.length >= STAGING_BATCH) flush()
      // Progress counts codes; the total is known only when the platform says it.
      job.report({ phase: 'downloading', processed: received, bytesRead: received, bytesTotal: total })
      await job.checkpoint()
    }
    flush()
    await job.checkpoint()
    if (imported === 0) {
      throw new AppError('IMPORT_FAILED', received === 0 ? 'The platform listed no coupons; the catalogue was not changed' : 'No coupon from the platform could be read; the catalogue was not changed', { problems: problems.slice(0, 20) })
    }
    job.report({ phase: 'saving', processed: received, bytesRead: received, bytesTotal: total ?? received }, true)
    const finishedAt = clock.now()
    const couponsAfter = countStaging(db)
    const source = `platform:${options.platform}`
    db.transaction(() => {
      swapStagingIntoLive(db, { startedAtMs: startedAt, finishedAtMs: finishedAt, fileName: source, mode: 'replace', rowsRead: received, imported, refused, couponsAfter })
      appendAudit(db, { atMs: finishedAt, actor: options.actor, action: 'catalog.pull', subject: 'catalog', details: { platform: options.platform, received, imported, refused, couponsAfter } })
    }).immediate()
    job.report({ phase: 'done', processed: received, bytesRead: received, bytesTotal: received }, true)
    return { platform: options.platform, received, imported, refused, problems, couponsInCatalogue: couponsAfter, pages, durationMs: clock.now() - startedAt }
  } catch (error) {
    dropStagingTable(db)
    const cancelled = isAppError(error) && error.code === 'CANCELLED'
    job.report({ phase: cancelled ? 'cancelled' : 'failed', processed: received, bytesRead: received, bytesTotal: total }, true)
    throw error
  }
}

function toFields(coupon: PulledCoupon): string[] {
  return FIELDS.map((field) => coupon[field] ?? '')
}
