import { mkdirSync } from 'node:fs'
import path from 'node:path'
import type { BenchEnvironment, Benchmark, Stats } from './kit'
import { ceilingResult, formatBytes, formatCount, formatRatio, infoResult, nowMs, printLatencyTable, printTable } from './kit'
import { runBundledChild, runCatalogChild } from './run-child'
import { writeSalesCsv } from './sales-rows'

/**
 * A 1,000,000-row till export (~40 MB, the AffiliationSoftware layout with a header) opened and
 * imported through the core's import service, as the wizard does, in a child process of its
 * own (bundled to plain JavaScript, as the app runs its core), while a cashier rings up a sale
 * every 25 ms on the same core. Baselines in the same run,
 * same file, same disk: papaparse streaming the file alone, and a bare batched SQLite insert of
 * the same rows. Targets (issue 4): import <= 10 s and <= 300 MB peak RSS, preview < 1 s, sale
 * commit p99 < 100 ms while the import runs.
 */

const NAME = 'sales-import'
const ROWS = Number(process.env.SALES_IMPORT_ROWS ?? 1_000_000)
const CODES = 1000
const CHILD = path.join(__dirname, 'sales-import.child.ts')

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`
}

export const salesImportBench: Benchmark = {
  name: NAME,
  summary: `${formatCount(ROWS)}-row sales CSV through the import service with a cashier selling meanwhile, vs papaparse alone and a bare insert`,
  async run(env: BenchEnvironment) {
    const csv = path.join(env.workDir, 'sales-1m.csv')
    const generated = nowMs()
    const bytes = writeSalesCsv(csv, ROWS, CODES)
    console.log(`generated ${csv}: ${formatCount(ROWS)} rows, ${formatBytes(bytes)} in ${seconds(nowMs() - generated)}`)
    const bareDir = path.join(env.workDir, 'bare')
    const importDir = path.join(env.workDir, 'import')
    mkdirSync(bareDir, { recursive: true })
    mkdirSync(importDir, { recursive: true })

    const papa = await runCatalogChild(['papaparse', csv])
    const bare = await runBundledChild(CHILD, ['bare-insert', bareDir, String(ROWS)], env.workDir)
    const imported = await runBundledChild(CHILD, ['import', csv, importDir, String(CODES)], env.workDir)
    const extra = imported.extra as { previewMs: number; stored: number; outbox: number; refused: number; idleSale: Stats; busySale: Stats; questions: string[] }
    if (imported.rows !== ROWS || extra.stored !== ROWS || extra.outbox !== ROWS) {
      throw new Error(`import took ${imported.rows} of ${ROWS} rows (stored ${extra.stored}, outbox ${extra.outbox}): ${JSON.stringify(extra)}`)
    }
    if (extra.questions.length > 0) throw new Error(`the preview asked ${extra.questions.join(', ')}`)

    printTable(
      `${NAME}: ${formatCount(ROWS)} rows, ${formatBytes(bytes)} CSV, one child process each`,
      ['series', 'time', 'peak RSS (process)', 'wall incl. startup'],
      [
        ['papaparse alone, streaming (under tsx)', seconds(papa.ms), formatBytes(papa.peakRssBytes), seconds(papa.wallMs)],
        ['bare insert, 2,000 rows/tx', seconds(bare.ms), formatBytes(bare.peakRssBytes), seconds(bare.wallMs)],
        ['preview + import (import service)', seconds(imported.ms), formatBytes(imported.peakRssBytes), seconds(imported.wallMs)],
      ],
    )
    printTable(`${NAME}: ratios`, ['figure', 'value'], [
      ['preview ready after the drop', `${extra.previewMs.toFixed(0)} ms`],
      ['import / papaparse alone', formatRatio(imported.ms / papa.ms)],
      ['import / bare insert', formatRatio(imported.ms / bare.ms)],
      ['import / (papaparse + bare insert)', formatRatio(imported.ms / (papa.ms + bare.ms))],
    ])
    printLatencyTable(`${NAME}: sale commit latency (a sale due every 25 ms, timed from when it was due)`, [
      { label: 'no import running', stats: extra.idleSale },
      { label: 'during the import', stats: extra.busySale },
    ])

    const mb = (value: number): number => value / (1024 * 1024)
    return [
      ceilingResult(NAME, 'import time (target)', imported.ms / 1000, (papa.ms + bare.ms) / 1000, 's', 10),
      infoResult(NAME, 'papaparse alone', papa.ms / 1000, null, 's'),
      infoResult(NAME, 'bare insert alone', bare.ms / 1000, null, 's'),
      ceilingResult(NAME, 'peak RSS (target)', mb(imported.peakRssBytes), mb(papa.peakRssBytes), 'MB', 300),
      ceilingResult(NAME, 'preview ready (target)', extra.previewMs, null, 'ms', 1000),
      ceilingResult(NAME, 'sale p99 during import (target)', extra.busySale.p99, extra.idleSale.p99, 'ms', 100),
    ]
  },
}
