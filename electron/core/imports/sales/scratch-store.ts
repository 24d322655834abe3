import { rmSync } from 'node:fs'
import type { Statement } from 'better-sqlite3'
import type { Db } from '../../db/connection'
import type { StagedSale } from './check-sales-row'

/**
 * The rows of an import while they are read and checked: a scratch SQLite file beside the
 * database, attached to the core's connection. Writing it takes no lock the till needs and
 * costs no fsync, and a crash while reading leaves only a file to delete. Once reading is done
 * the file is flushed to disk, so the move into `sales` can be finished after a crash.
 */

const SCHEMA = 'import_scratch'
const SCRATCH_CACHE_KIB = 32 * 1024

const COLUMNS = [
  'line', 'order_id', 'coupon_code', 'coupon_key', 'amount_minor', 'occurred_at_ms', 'business_date',
  'is_unverified', 'is_future_dated',
] as const

export class ScratchStore {
  private readonly insert: Statement
  private readonly linesOf: Statement

  private constructor(
    private readonly db: Db,
    readonly path: string,
  ) {
    // A batch goes in as one JSON array through one statement: per-row calls from JavaScript
    // cost more than SQLite's own work on a million-row file.
    this.insert = db.prepare(
      `INSERT OR IGNORE INTO ${SCHEMA}.staged (${COLUMNS.join(', ')})
       SELECT ${COLUMNS.map((_, index) => `j.value ->> ${index}`).join(', ')} FROM json_each(?) j ORDER BY j.key`,
    )
    this.linesOf = db.prepare(
      `SELECT st.order_id, st.line FROM json_each(?) j JOIN ${SCHEMA}.staged st ON st.order_id = j.value`,
    )
  }

  /** A new, empty scratch file (an old one at the path is replaced). */
  static create(db: Db, path: string): ScratchStore {
    rmSync(path, { force: true })
    db.prepare(`ATTACH DATABASE ? AS ${SCHEMA}`).run(path)
    db.pragma(`${SCHEMA}.journal_mode = OFF`)
    db.pragma(`${SCHEMA}.synchronous = OFF`)
    // The order-id index of a million rows stays in memory instead of going back and forth to disk.
    db.pragma(`${SCHEMA}.cache_size = -${SCRATCH_CACHE_KIB}`)
    db.exec(`
      CREATE TABLE ${SCHEMA}.staged (
        id INTEGER PRIMARY KEY,
        line INTEGER NOT NULL,
        order_id TEXT NOT NULL UNIQUE,
        coupon_code TEXT NOT NULL,
        coupon_key TEXT NOT NULL,
        amount_minor INTEGER NOT NULL,
        occurred_at_ms INTEGER NOT NULL,
        business_date TEXT NOT NULL,
        is_unverified INTEGER NOT NULL,
        is_future_dated INTEGER NOT NULL
      );
      CREATE TABLE ${SCHEMA}.flushed (done INTEGER NOT NULL);
    `)
    return new ScratchStore(db, path)
  }

  /** The scratch file of a batch that was being published when the process stopped. */
  static reopen(db: Db, path: string): ScratchStore | null {
    try {
      db.prepare(`ATTACH DATABASE ? AS ${SCHEMA}`).run(path)
      const flushed = db.prepare(`SELECT count(*) FROM ${SCHEMA}.flushed`).pluck().get() as number
      if (flushed !== 1) throw new Error('scratch file was not completed')
      return new ScratchStore(db, path)
    } catch {
      detach(db)
      return null
    }
  }

  /**
   * Stages the rows; returns, for each row whose order id an earlier row of the file already
   * has, its index and that earlier row's line.
   */
  stage(rows: readonly StagedSale[]): { index: number; earlierLine: number }[] {
    if (rows.length === 0) return []
    const json = JSON.stringify(rows.map((row) => COLUMNS.map((column) => row[column])))
    const inserted = this.insert.run(json).changes
    if (inserted === rows.length) return []
    // Some were repeats: the staged line of each order id tells which row went in.
    const staged = new Map<string, number>()
    for (const row of this.linesOf.all(JSON.stringify(rows.map((row) => row.order_id))) as { order_id: string; line: number }[]) {
      staged.set(row.order_id, row.line)
    }
    const repeats: { index: number; earlierLine: number }[] = []
    rows.forEach((row, index) => {
      const line = staged.get(row.order_id)
      if (line !== undefined && line !== row.line) repeats.push({ index, earlierLine: line })
    })
    return repeats
  }

  count(): number {
    return this.db.prepare(`SELECT count(*) FROM ${SCHEMA}.staged`).pluck().get() as number
  }

  maxId(): number {
    return (this.db.prepare(`SELECT max(id) FROM ${SCHEMA}.staged`).pluck().get() as number | null) ?? 0
  }

  /** Makes every staged row durable: from now on a crash resumes the move instead of losing it. */
  flush(): void {
    this.db.pragma(`${SCHEMA}.synchronous = FULL`)
    this.db.exec(`INSERT INTO ${SCHEMA}.flushed (done) VALUES (1)`)
  }

  /** Rows of the slice (after `afterId`, at most `limit`), as sales statements read them. */
  sliceEnd(afterId: number, limit: number): number {
    const end = this.db
      .prepare(`SELECT max(id) FROM (SELECT id FROM ${SCHEMA}.staged WHERE id > ? ORDER BY id LIMIT ?)`)
      .pluck()
      .get(afterId, limit) as number | null
    return end ?? afterId
  }

  static readonly schema = SCHEMA

  close(options: { remove: boolean }): void {
    detach(this.db)
    if (options.remove) {
      for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(`${this.path}${suffix}`, { force: true })
    }
  }
}

function detach(db: Db): void {
  try {
    db.exec(`DETACH DATABASE ${SCHEMA}`)
  } catch {
    // Not attached.
  }
}
