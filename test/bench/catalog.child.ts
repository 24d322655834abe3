import { createReadStream } from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import Papa from 'papaparse'
import { runCli } from '../../electron/cli/run-cli'
import { createCore } from '../../electron/core/core'
import { syntheticCoupon } from './catalog-rows'
import { CHILD_RESULT_PREFIX, sampleMemory } from './kit'

/**
 * Catalogue work for the benchmarks, each run alone in its own process so its peak memory is
 * its own and the measuring process keeps a clean heap:
 *   import <csv> <dataDir>            the CLI's `import-coupons` (JobRunner + importCatalog + fileSource)
 *   papaparse <csv>                   papaparse streaming the same file, nothing else
 *   bare-insert <dataDir> <rows>      the same rows straight into a WITHOUT ROWID table, batched
 *   bulk-catalogue <dataDir> <rows>   a core database whose `coupons` holds the rows (for code-check)
 * Prints one line `BENCH_RESULT <json>` on stdout.
 */

/** Rows per transaction for the bare insert: the same slice the import writes per transaction. */
const BARE_INSERT_BATCH = 2000

export interface ChildResult {
  mode: string
  ms: number
  rows: number
  rssBeforeBytes: number
  peakRssBytes: number
  peakHeapUsedBytes: number
  extra: Record<string, unknown>
}

interface Outcome {
  rows: number
  extra: Record<string, unknown>
}


async function importThroughCli(csv: string, dataDir: string): Promise<Outcome> {
  const out: string[] = []
  const errors: string[] = []
  const exitCode = await runCli(['import-coupons', csv, '--data-dir', dataDir, '--json'], {
    out: (text) => out.push(text),
    err: (text) => errors.push(text),
  })
  if (exitCode !== 0) throw new Error(`import-coupons exited ${exitCode}: ${[...out, ...errors].join('\n')}`)
  const result = JSON.parse(out.join('\n')) as { rowsRead: number; imported: number; refused: number; couponsInCatalogue: number; durationMs: number }
  return {
    rows: result.imported,
    extra: { rowsRead: result.rowsRead, refused: result.refused, couponsInCatalogue: result.couponsInCatalogue, importDurationMs: result.durationMs },
  }
}

/** papaparse at its own streaming speed: rows taken as 'data' events, so its stream never pauses. */
async function parseWithPapa(csv: string): Promise<Outcome> {
  const parser = Papa.parse(Papa.NODE_STREAM_INPUT, { delimiter: ',', newline: '\n', skipEmptyLines: false })
  let rows = 0
  let fields = 0
  await new Promise<void>((resolve, reject) => {
    parser.on('data', (row: string[]) => {
      rows++
      fields += row.length
    })
    parser.on('end', resolve)
    parser.on('error', reject)
    const input = createReadStream(csv, { encoding: 'utf8', highWaterMark: 1024 * 1024 })
    input.on('error', reject)
    input.pipe(parser)
  })
  return { rows: rows - 1, extra: { fields } }
}

function endOfDayMs(day: string): number {
  return Date.parse(`${day}T23:59:59.999Z`)
}

function insertBare(dataDir: string, rows: number): Outcome {
  const db = new Database(path.join(dataDir, 'bare-catalogue.sqlite'))
  try {
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = FULL')
    db.exec(`
      CREATE TABLE coupons (
        key TEXT PRIMARY KEY,
        code TEXT NOT NULL,
        affiliate_name TEXT,
        campaign_name TEXT,
        valid_to_ms INTEGER,
        is_active INTEGER NOT NULL,
        max_uses INTEGER,
        times_used INTEGER NOT NULL,
        seen_at_ms INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID`)
    const insert = db.prepare('INSERT INTO coupons VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
    const seenAt = Date.now()
    const insertBatch = db.transaction((start: number, end: number) => {
      for (let index = start; index < end; index++) {
        const coupon = syntheticCoupon(index)
        insert.run(
          coupon.code.toUpperCase(),
          coupon.code,
          coupon.affiliateName,
          coupon.campaignName,
          endOfDayMs(coupon.validTo),
          coupon.isActive ? 1 : 0,
          coupon.maxUses,
          coupon.timesUsed,
          seenAt,
        )
      }
    })
    for (let start = 0; start < rows; start += BARE_INSERT_BATCH) insertBatch.immediate(start, Math.min(rows, start + BARE_INSERT_BATCH))
    const count = (db.prepare('SELECT count(*) AS n FROM coupons').get() as { n: number }).n
    return { rows: count, extra: { batch: BARE_INSERT_BATCH } }
  } finally {
    db.close()
  }
}

/** Fills a core database's catalogue directly, in key order (an append, so it takes seconds). */
function bulkCatalogue(dataDir: string, rows: number): Outcome {
  const core = createCore({ dataDir, source: 'cli', actorPrefix: 'bench' })
  try {
    const { db } = core
    const order: [string, number][] = []
    for (let index = 0; index < rows; index++) order.push([syntheticCoupon(index).code.toUpperCase(), index])
    order.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    const insert = db.prepare(
      `INSERT INTO coupons (key, code, affiliate_name, campaign_name, valid_to_ms, is_active, max_uses, times_used, seen_at_ms)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    const seenAt = Date.now()
    const insertSlice = db.transaction((start: number, end: number) => {
      for (let position = start; position < end; position++) {
        const [key, index] = order[position] ?? ['', 0]
        const coupon = syntheticCoupon(index)
        insert.run(key, coupon.code, coupon.affiliateName, coupon.campaignName, endOfDayMs(coupon.validTo), coupon.isActive ? 1 : 0, coupon.maxUses, coupon.timesUsed, seenAt)
      }
    })
    const slice = 50_000
    for (let start = 0; start < rows; start += slice) insertSlice.immediate(start, Math.min(rows, start + slice))
    db.prepare(
      `INSERT INTO catalog_imports (started_at_ms, finished_at_ms, file_name, mode, rows_read, imported, refused, coupons_after)
       VALUES (?, ?, 'bench-bulk.csv', 'replace', ?, ?, 0, ?)`,
    ).run(seenAt, seenAt, rows, rows, rows)
    db.pragma('wal_checkpoint(TRUNCATE)')
    const count = (db.prepare('SELECT count(*) AS n FROM coupons').get() as { n: number }).n
    return { rows: count, extra: {} }
  } finally {
    core.close()
  }
}

async function main(): Promise<void> {
  const [mode, target, count] = process.argv.slice(2)
  if (mode === undefined || target === undefined) throw new Error('usage: catalog.child.ts <mode> <path> [arg]')
  const rssBeforeBytes = process.memoryUsage().rss
  const memory = sampleMemory()
  const started = performance.now()
  let outcome: Outcome
  switch (mode) {
    case 'import':
      outcome = await importThroughCli(target, count ?? path.dirname(target))
      break
    case 'papaparse':
      outcome = await parseWithPapa(target)
      break
    case 'bare-insert':
      outcome = insertBare(target, Number(count))
      break
    case 'bulk-catalogue':
      outcome = bulkCatalogue(target, Number(count))
      break
    default:
      throw new Error(`unknown mode ${mode}`)
  }
  const ms = performance.now() - started
  const peaks = memory.stop()
  const result: ChildResult = {
    mode,
    ms,
    rows: outcome.rows,
    rssBeforeBytes,
    // maxRSS is in kilobytes; it covers the whole life of the process.
    peakRssBytes: Math.max(process.resourceUsage().maxRSS * 1024, peaks.peakRssSampledBytes),
    peakHeapUsedBytes: peaks.peakHeapUsedBytes,
    extra: outcome.extra,
  }
  process.stdout.write(`${CHILD_RESULT_PREFIX}${JSON.stringify(result)}\n`)
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error))
  process.exitCode = 1
})
