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

/** One staged row as written: the values of STAGED_COLUMNS in order. */
export type StagedTuple = [number, string, string, string, number, number, string, 0 | 1, 0 | 1]

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
    // The columns of STAGED_COLUMNS in order, written out by hand: a million rows make the
    // generic map-and-stringify a second of the import.
    for (const row of rows) {
      text += `[${row.line},${JSON.stringify(row.order_id)},${JSON.stringify(row.coupon_code)},${JSON.stringify(row.coupon_key)},${row.amount_minor},${row.occurred_at_ms},${JSON.stringify(row.business_date)},${row.is_unverified},${row.is_future_dated}]\n`
    }
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
const PUBLISH_READ = 10_000

/** Reads the staged rows back in slices. */
export class StagedRowsReader {
  private readonly fd: number
  private readonly decoder = new TextDecoder()
  private readonly chunk = Buffer.alloc(READ_CHUNK)
  private lines: string[] = []
  private nextLine = 0
  private rest = ''
  private ended = false

  constructor(
    readonly path: string,
    skipRows: number,
  ) {
    this.fd = openSync(path, 'r')
    for (let skipped = 0; skipped < skipRows; ) {
      const slice = this.take(Math.min(PUBLISH_READ, skipRows - skipped))
      if (slice.length === 0) break
      skipped += slice.length
    }
  }

  private take(limit: number): string[] {
    const taken: string[] = []
    while (taken.length < limit) {
      if (this.nextLine < this.lines.length) {
        const end = Math.min(this.lines.length, this.nextLine + limit - taken.length)
        for (let index = this.nextLine; index < end; index++) taken.push(this.lines[index] ?? '')
        this.nextLine = end
        continue
      }
      if (this.ended) break
      const read = readSync(this.fd, this.chunk, 0, READ_CHUNK, null)
      if (read === 0) {
        this.ended = true
        this.lines = this.rest === '' ? [] : [this.rest]
        this.rest = ''
      } else {
        const text = this.rest + this.decoder.decode(this.chunk.subarray(0, read), { stream: true })
        const cut = text.lastIndexOf('\n')
        this.lines = cut === -1 ? [] : text.slice(0, cut).split('\n')
        this.rest = cut === -1 ? text : text.slice(cut + 1)
      }
      this.nextLine = 0
    }
    return taken
  }

  /** The next `limit` rows (null at the end), each an array in STAGED_COLUMNS order. */
  next(limit: number): StagedTuple[] | null {
    const lines = this.take(limit)
    if (lines.length === 0) return null
    return JSON.parse(`[${lines.join(',')}]`) as StagedTuple[]
  }

  close(): void {
    closeSync(this.fd)
  }
}

export function removeStagedRows(path: string): void {
  rmSync(path, { force: true })
}
