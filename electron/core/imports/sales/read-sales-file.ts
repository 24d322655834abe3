import { appendFileSync, writeFileSync } from 'node:fs'
import type { ImportOptions, PreviewRow } from '../../../shared/import-contract'
import type { Settings } from '../../../shared/settings'
import type { Db } from '../../db/connection'
import type { ByteSource } from '../read/byte-source'
import { isBlankRecord, readCsvBatches } from '../read/csv-records'
import type { FileShape } from '../read/file-shape'
import { toSafeCsv } from '../write/safe-csv'
import type { StagedSale } from './check-sales-row'
import { ImportLookups, checkSalesRow, orderIdOf, salesRowPlan } from './check-sales-row'
import { OrderIdSet } from './order-id-set'
import type { SalesColumns } from './sales-columns'

/**
 * Reading a till export and checking every row, without writing a sale: the rows that pass are
 * handed on in batches (`onRows`, which may make the reader wait), the refused ones go to a CSV
 * with their line and reason. Runs in the import's reader thread, on that thread's own
 * connection (`reader-worker.ts`); the core thread writes what it is handed meanwhile.
 */

export const MAX_PROBLEMS_RETURNED = 200
// A power of two: a batch without refusals is written as one run (write-batch.ts).
export const READ_BATCH = 2048

/** A checked sale: the values of CHECKED_COLUMNS in order. */
export type CheckedSale = [number, string, string, string, number, number, string, 0 | 1, 0 | 1]

/**
 * Checked sales as they cross to the writing thread: their CHECKED_COLUMNS values row after row
 * in one flat array, which is copied between threads as one object instead of one per row.
 */
export type CheckedRows = CheckedSale[number][]

export const CHECKED_COLUMNS = [
  'line', 'order_id', 'coupon_code', 'coupon_key', 'amount_minor', 'occurred_at_ms', 'business_date',
  'is_unverified', 'is_future_dated',
] as const satisfies readonly (keyof StagedSale)[]

export interface ReadTally {
  rowsRead: number
  /** Rows that passed every check (handed on). */
  accepted: number
  refused: number
  duplicates: number
  skipped: number
  futureDated: number
  unverified: number
  problems: PreviewRow[]
  refusedWritten: boolean
  /** The file's header row (null: none), for refused rows added after reading. */
  headerCells: string[] | null
}

export interface ReadProgress {
  rowsRead: number
  bytesRead: number
}

export interface ReadSalesRequest {
  /** For the coupon list and the stored sales: the reader's own connection. */
  db: Db
  source: ByteSource
  shape: FileShape
  columns: SalesColumns
  options: ImportOptions
  settings: Settings
  nowMs: number
  /** This import's batch: its own sales, already written, are not "stored before". */
  batchId: number
  refusedPath: string
}

export async function readSalesFile(
  request: ReadSalesRequest,
  onRows: (rows: CheckedRows, progress: ReadProgress) => Promise<void>,
): Promise<ReadTally> {
  const { db, source, shape, columns, options, settings } = request
  const tally: ReadTally = { rowsRead: 0, accepted: 0, refused: 0, duplicates: 0, skipped: 0, futureDated: 0, unverified: 0, problems: [], refusedWritten: false, headerCells: null }
  const writeRefused = (rows: PreviewRow[]): void => addRefusedRows(tally, request.refusedPath, shape.layout.columns, rows)

  // Order ids already taken by earlier rows of this file, with their line.
  const seenOrders = new OrderIdSet()
  const lookups = new ImportLookups(db, request.batchId)
  const plan = salesRowPlan(columns, options, settings, request.nowMs)
  let first = true
  for await (const batch of readCsvBatches(source, shape.encoding, shape.layout, { batchSize: READ_BATCH })) {
    const accepted: CheckedRows = []
    const refusedRows: PreviewRow[] = []
    lookups.prefetchStored(batch.records.map((record) => orderIdOf(record.fields, columns)).filter((id) => id !== ''))
    for (const record of batch.records) {
      if (isBlankRecord(record)) continue
      if (first) {
        first = false
        if (options.hasHeader) {
          tally.headerCells = record.fields
          continue
        }
      }
      tally.rowsRead++
      const verdict = checkSalesRow(record.fields, record.line, plan, lookups)
      if (verdict.status === 'ok') {
        const { sale } = verdict
        const earlier = seenOrders.firstLineOf(sale.order_id, sale.line)
        if (earlier !== null) {
          tally.duplicates++
          lookups.releaseUse(sale.coupon_key)
          refusedRows.push({ line: record.line, cells: record.fields, status: 'duplicate', field: 'orderId', message: `order ID ${sale.order_id} is already on line ${earlier} of this file` })
          continue
        }
        if (sale.is_future_dated === 1) tally.futureDated++
        if (sale.is_unverified === 1) tally.unverified++
        tally.accepted++
        accepted.push(sale.line, sale.order_id, sale.coupon_code, sale.coupon_key, sale.amount_minor, sale.occurred_at_ms, sale.business_date, sale.is_unverified, sale.is_future_dated)
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
    writeRefused(refusedRows)
    await onRows(accepted, { rowsRead: tally.rowsRead, bytesRead: batch.bytesRead })
  }
  return tally
}

/**
 * Adds refused rows to the import's refused-rows CSV (line, problem, reason, then the row's cells
 * under the file's own headings), creating it on the first, and to the problems the summary shows.
 */
export function addRefusedRows(tally: ReadTally, file: string, fileColumns: number, rows: readonly PreviewRow[]): void {
  if (rows.length === 0) return
  for (const row of rows) if (tally.problems.length < MAX_PROBLEMS_RETURNED) tally.problems.push(row)
  const { headerCells } = tally
  const width = Math.max(headerCells?.length ?? 0, fileColumns, ...rows.map((row) => row.cells.length))
  const header = tally.refusedWritten
    ? undefined
    : ['line', 'problem', 'reason', ...Array.from({ length: width }, (_, index) => headerCells?.[index] ?? `column_${index + 1}`)]
  const pad = (cells: string[]): string[] => [...cells, ...Array<string>(Math.max(0, width - cells.length)).fill('')]
  const csv = toSafeCsv(rows.map((row) => [String(row.line), row.status, row.message ?? '', ...pad(row.cells)]), header)
  if (tally.refusedWritten) appendFileSync(file, csv)
  else writeFileSync(file, `\ufeff${csv}`)
  tally.refusedWritten = true
}
