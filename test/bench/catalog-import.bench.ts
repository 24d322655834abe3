import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { writeCatalogCsv } from './catalog-rows'
import type { BenchEnvironment, Benchmark } from './kit'
import { formatBytes, formatCount, formatRatio, infoResult, nowMs, printTable } from './kit'
import type { ChildRun } from './run-child'
import { runCatalogChild } from './run-child'

/**
 * A 1,000,000-coupon list (~50 MB header CSV) through the CLI's `import-coupons` (JobRunner +
 * importCatalog + fileSource), each measurement in a child process of its own so peak memory
 * is the import's and not the runner's. Baselines in the same run, same file, same disk:
 * papaparse streaming the file (the parse floor) and a bare batched insert of the same rows
 * into a WITHOUT ROWID table with a text key (the write floor). The ratio is
 * import / (parse floor + write floor): what validation, staging, the swap and the job
 * machinery add on top of work that cannot be avoided.
 */

const NAME = 'catalog-import'
const ROWS = 1_000_000

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`
}

function rowsPerSecond(run: ChildRun): string {
  return `${formatCount(Math.round(run.rows / (run.ms / 1000)))} rows/s`
}

export const catalogImportBench: Benchmark = {
  name: NAME,
  summary: `import-coupons of a ${formatCount(ROWS)}-row CSV in a child process vs papaparse alone + bare batched insert`,
  async run(env: BenchEnvironment) {
    const csv = path.join(env.workDir, 'coupons-1m.csv')
    const generated = nowMs()
    const bytes = writeCatalogCsv(csv, ROWS)
    console.log(`generated ${csv}: ${formatCount(ROWS)} rows, ${formatBytes(bytes)} in ${seconds(nowMs() - generated)}`)
    const bareDir = path.join(env.workDir, 'bare')
    const importDir = path.join(env.workDir, 'import')
    mkdirSync(bareDir, { recursive: true })

    const papa = await runCatalogChild(['papaparse', csv])
    const bare = await runCatalogChild(['bare-insert', bareDir, String(ROWS)])
    const imported = await runCatalogChild(['import', csv, importDir])
    if (imported.rows !== ROWS) throw new Error(`import took ${imported.rows} of ${ROWS} rows: ${JSON.stringify(imported.extra)}`)
    if (papa.rows !== ROWS || bare.rows !== ROWS) throw new Error(`baseline row counts: papaparse ${papa.rows}, bare ${bare.rows}`)

    const floorMs = papa.ms + bare.ms
    printTable(
      `${NAME}: ${formatCount(ROWS)} rows, ${formatBytes(bytes)} CSV, one child process each`,
      ['series', 'time', 'throughput', 'peak RSS', 'RSS at start', 'peak heapUsed', 'wall incl. startup'],
      [papa, bare, imported].map((run) => [
        run === papa ? 'papaparse alone, streaming' : run === bare ? `bare insert, WITHOUT ROWID, ${String(bare.extra.batch)}/tx` : 'import-coupons (CLI path)',
        seconds(run.ms),
        rowsPerSecond(run),
        formatBytes(run.peakRssBytes),
        formatBytes(run.rssBeforeBytes),
        formatBytes(run.peakHeapUsedBytes),
        seconds(run.wallMs),
      ]),
    )
    printTable(`${NAME}: ratio`, ['figure', 'value'], [
      ['import time', seconds(imported.ms)],
      ['papaparse + bare insert', `${seconds(papa.ms)} + ${seconds(bare.ms)} = ${seconds(floorMs)}`],
      ['import / (papaparse + bare insert)', formatRatio(imported.ms / floorMs)],
      ['import peak RSS / papaparse peak RSS', formatRatio(imported.peakRssBytes / papa.peakRssBytes)],
      ['import durationMs reported by the core', `${String(imported.extra.importDurationMs)} ms`],
    ])

    const mb = (value: number): number => value / (1024 * 1024)
    return [
      infoResult(NAME, 'import time vs papaparse+bare', imported.ms / 1000, floorMs / 1000, 's'),
      infoResult(NAME, 'papaparse alone', papa.ms / 1000, null, 's'),
      infoResult(NAME, 'bare insert alone', bare.ms / 1000, null, 's'),
      infoResult(NAME, 'import peak RSS vs papaparse', mb(imported.peakRssBytes), mb(papa.peakRssBytes), 'MB'),
      infoResult(NAME, 'import peak heapUsed', mb(imported.peakHeapUsedBytes), mb(papa.peakHeapUsedBytes), 'MB'),
    ]
  },
}
