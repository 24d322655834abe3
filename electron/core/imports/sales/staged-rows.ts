import { closeSync, fsyncSync, openSync, readSync, rmSync, writeSync } from 'node:fs'
import type { StagedSale } from './check-sales-row'

/**
 * The checked rows of an import while it is read: one JSON array per line in a file beside the
 * database. Appending costs no database lock the till needs and no fsync; a crash while reading
 * leaves only a file to delete. When reading is done the file is flushed to disk, so the move
 * into `sales` can be finished after a crash: the batch records how many rows were moved, and
 * the reader skips those.
 */

export const STAGED_COLUMNS = [
  'line', 'order_id', 'coupon_code', 'coupon_key', 'amount_minor', 'occurred_at_ms', 'business_date',
  'is_unverified', 'is_future_dated',
] as const satisfies readonly (keyof StagedSale)[]

export class StagedRowsWriter {
  private readonly fd: number
  private rows = 0
  private closed = false

  constructor(readonly path: string) {
    this.fd = openSync(path, 'w')
  }

  get count(): number {
    return this.rows
  }

  append(rows: readonly StagedSale[]): void {
    if (rows.length === 0) return
    let text = ''
    for (const row of rows) text += `${JSON.stringify(STAGED_COLUMNS.map((column) => row[column]))}\n`
    writeSync(this.fd, text)
    this.rows += rows.length
  }

  /** Makes every staged row durable: from now on a crash resumes the move instead of losing it. */
  flush(): void {
    fsyncSync(this.fd)
  }

  close(options: { remove: boolean }): void {
    if (!this.closed) closeSync(this.fd)
    this.closed = true
    if (options.remove) removeStagedRows(this.path)
  }
}

const READ_CHUNK = 1024 * 1024

/** Reads the staged rows back in slices, as JSON text for SQLite's json_each. */
export class StagedRowsReader {
  private readonly fd: number
  private buffer = Buffer.alloc(0)
  private ended = false

  constructor(
    readonly path: string,
    skipRows: number,
  ) {
    this.fd = openSync(path, 'r')
    if (skipRows > 0) this.next(skipRows)
  }

  /** The next `limit` rows as one JSON array text (null at the end) and how many it holds. */
  next(limit: number): { json: string; rows: number } | null {
    const lines: string[] = []
    while (lines.length < limit) {
      const end = this.buffer.indexOf(10)
      if (end === -1) {
        if (this.ended) break
        const chunk = Buffer.alloc(READ_CHUNK)
        const read = readSync(this.fd, chunk, 0, READ_CHUNK, null)
        if (read === 0) this.ended = true
        this.buffer = Buffer.concat([this.buffer, chunk.subarray(0, read)])
        continue
      }
      lines.push(this.buffer.toString('utf8', 0, end))
      this.buffer = this.buffer.subarray(end + 1)
    }
    if (lines.length === 0) return null
    return { json: `[${lines.join(',')}]`, rows: lines.length }
  }

  close(): void {
    closeSync(this.fd)
  }
}

export function removeStagedRows(path: string): void {
  rmSync(path, { force: true })
}
