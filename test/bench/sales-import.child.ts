import path from 'node:path'
import Database from 'better-sqlite3'
import { createCore } from '../../electron/core/core'
import { fileSource } from '../../electron/core/imports/read/byte-source'
import { CHILD_RESULT_PREFIX, sampleMemory, stats } from './kit'
import { benchCode, salesRow, writeCatalogueForSales } from './sales-rows'
import type { ChildResult } from './catalog.child'

/**
 * Sales-import work for the benchmark, each mode alone in its own process (peak memory is its own):
 *   import <csv> <dataDir> <codes>   open (preview) and import the file through the core's import
 *                                    service, as the wizard does, while a cashier rings up a sale
 *                                    every 25 ms through `sale:register` on the same core
 *   bare-insert <dataDir> <rows>     the same rows, already in memory, into a plain table of the
 *                                    same columns, 2,000 per transaction (the write floor)
 * Prints one line `BENCH_RESULT <json>` on stdout.
 */

const SALE_EVERY_MS = 25


/**
 * Rings up a sale every 25 ms until stopped; returns each commit's latency in ms, counted from
 * the moment the sale was due (a timer held up by a busy event loop is waiting time too, as a
 * cashier's request queued behind the import would be).
 */
function cashier(core: ReturnType<typeof createCore>, codes: number, prefix: string): () => Promise<number[]> {
  const latencies: number[] = []
  const pending: Promise<void>[] = []
  const startedAt = performance.now()
  let index = 0
  let stopped = false
  const tick = (): void => {
    if (stopped) return
    const now = performance.now()
    // Every sale that fell due while the loop was busy is rung up now, timed from when it was due.
    while (startedAt + index * SALE_EVERY_MS <= now) {
      const dueAt = startedAt + index * SALE_EVERY_MS
      const code = benchCode(index % codes)
      index++
      pending.push(
        core.invoke('sale:register', { code, amount: '12.50', orderId: `${prefix}-${index}` }).then((result) => {
          if (!result.ok) throw new Error(`sale refused: ${result.error.message}`)
          latencies.push(performance.now() - dueAt)
        }),
      )
    }
    setTimeout(tick, Math.max(0, startedAt + index * SALE_EVERY_MS - performance.now()))
  }
  tick()
  return async () => {
    stopped = true
    await Promise.all(pending)
    return latencies
  }
}

async function importWithCashier(csv: string, dataDir: string, codes: number) {
  const core = createCore({ dataDir, source: 'till', actorPrefix: 'bench' })
  try {
    const catalogue = path.join(dataDir, 'catalogue.csv')
    writeCatalogueForSales(catalogue, codes)
    const catalogPreview = await core.imports.openFile('catalog', fileSource(catalogue))
    await core.imports.run(catalogPreview.token, catalogPreview.options, { dryRun: false })

    // The cashier alone first: the same core, the same rate, no import.
    const idle = cashier(core, codes, 'IDLE')
    await new Promise((resolve) => setTimeout(resolve, 3000))
    const idleLatencies = await idle()

    const memory = sampleMemory()
    const busy = cashier(core, codes, 'BUSY')
    const started = performance.now()
    const preview = await core.imports.openFile('sales', fileSource(csv))
    const previewMs = performance.now() - started
    const run = await core.imports.run(preview.token, preview.options, { dryRun: false })
    const importMs = performance.now() - started
    const busyLatencies = await busy()
    const peaks = memory.stop()
    const sales = run.sales
    if (sales === null) throw new Error('no sales result')
    const stored = core.db.prepare("SELECT count(*) FROM sales WHERE source = 'import'").pluck().get() as number
    const outbox = core.db.prepare('SELECT count(*) FROM outbox o JOIN sales s ON s.id = o.sale_id WHERE s.import_batch_id IS NOT NULL').pluck().get() as number
    return {
      ms: importMs,
      rows: sales.imported,
      extra: {
        previewMs,
        refused: sales.refused,
        duplicates: sales.duplicates,
        stored,
        outbox,
        questions: preview.questions,
        idleSale: stats(idleLatencies),
        busySale: stats(busyLatencies),
        peakRssDuringImport: peaks.peakRssSampledBytes,
        peakHeapDuringImport: peaks.peakHeapUsedBytes,
      },
    }
  } finally {
    core.close()
  }
}

function insertBare(dataDir: string, rows: number) {
  const db = new Database(path.join(dataDir, 'bare.sqlite'))
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.exec(`CREATE TABLE rows (id INTEGER PRIMARY KEY, line INTEGER, order_id TEXT, coupon_code TEXT, amount_minor INTEGER, occurred TEXT)`)
  const values = Array.from({ length: rows }, (_, index) => salesRow(index, 1000))
  const insert = db.prepare('INSERT INTO rows (line, order_id, coupon_code, amount_minor, occurred) VALUES (?, ?, ?, ?, ?)')
  const batch = db.transaction((from: number, to: number) => {
    for (let index = from; index < to; index++) {
      const row = values[index]
      if (row !== undefined) insert.run(index + 2, row.orderId, row.code, Math.round(Number(row.amount) * 100), row.date)
    }
  })
  const started = performance.now()
  for (let from = 0; from < rows; from += 2000) batch(from, Math.min(rows, from + 2000))
  const ms = performance.now() - started
  db.close()
  return { ms, rows, extra: {} }
}

async function main(): Promise<void> {
  const [mode, first, second, third] = process.argv.slice(2)
  const rssBeforeBytes = process.memoryUsage().rss
  let outcome: { ms: number; rows: number; extra: Record<string, unknown> }
  if (mode === 'import' && first !== undefined && second !== undefined) outcome = await importWithCashier(first, second, Number(third ?? 1000))
  else if (mode === 'bare-insert' && first !== undefined) outcome = insertBare(first, Number(second))
  else throw new Error('usage: sales-import.child.ts import <csv> <dataDir> <codes> | bare-insert <dataDir> <rows>')
  const result: ChildResult = {
    mode,
    ms: outcome.ms,
    rows: outcome.rows,
    rssBeforeBytes,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    peakHeapUsedBytes: 0,
    extra: outcome.extra,
  }
  process.stdout.write(`${CHILD_RESULT_PREFIX}${JSON.stringify(result)}\n`)
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error))
  process.exitCode = 1
})
