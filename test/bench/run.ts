import { mkdirSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { BenchResult, Benchmark } from './kit'
import { TMP_ROOT, formatBytes, formatPass, formatRatio, formatValue, makeScratchRoot, printTable, removeDir } from './kit'
import { saleCommitBench } from './sale-commit.bench'
import { codeCheckBench } from './code-check.bench'
import { catalogImportBench } from './catalog-import.bench'
import { cameraDecodeBench } from './camera-decode.bench'
import { syncDrainBench } from './sync-drain.bench'
import { syncReachableBench } from './sync-reachable.bench'
import { catalogDownloadBench } from './catalog-download.bench'
import { salesImportBench } from './sales-import.bench'

/**
 * `npm run bench [-- name ...]`: runs the benchmarks (all, or those named), prints a table per
 * benchmark and a summary, and writes `.tmp/bench-results.json`. A missed target is printed as
 * FAIL but the exit code stays 0: this is a measurement, not a gate. Only a benchmark that
 * crashes makes the exit code non-zero.
 */

const BENCHMARKS: readonly Benchmark[] = [
  saleCommitBench,
  codeCheckBench,
  catalogImportBench,
  cameraDecodeBench,
  syncDrainBench,
  syncReachableBench,
  catalogDownloadBench,
  salesImportBench,
]
const RESULTS_FILE = path.join(TMP_ROOT, 'bench-results.json')

interface Crash {
  benchmark: string
  error: string
}

function selectBenchmarks(names: readonly string[]): Benchmark[] {
  if (names.length === 0) return [...BENCHMARKS]
  const unknown = names.filter((name) => !BENCHMARKS.some((bench) => bench.name === name))
  if (unknown.length > 0) {
    console.error(`Unknown benchmark(s): ${unknown.join(', ')}. Known: ${BENCHMARKS.map((bench) => bench.name).join(', ')}`)
    process.exit(2)
  }
  return BENCHMARKS.filter((bench) => names.includes(bench.name))
}

function printSummary(results: readonly BenchResult[], crashes: readonly Crash[]): void {
  printTable(
    'SUMMARY',
    ['benchmark', 'metric', 'figure', 'baseline', 'ratio', 'target', 'pass/fail'],
    [
      ...results.map((result) => [
        result.benchmark,
        result.metric,
        formatValue(result.figure, result.unit),
        formatValue(result.baseline, result.unit),
        formatRatio(result.ratio),
        result.target ?? '-',
        formatPass(result.pass),
      ]),
      ...crashes.map((crash) => [crash.benchmark, 'CRASHED', '-', '-', '-', '-', 'FAIL']),
    ],
  )
  const targeted = results.filter((result) => result.pass !== null)
  const met = targeted.filter((result) => result.pass === true).length
  const total = targeted.length + crashes.length
  const verdict = met === total ? 'all targets met' : `${total - met} FAIL`
  console.log(`\n${met} of ${total} targets met (${verdict})${crashes.length > 0 ? `; ${crashes.length} benchmark(s) crashed` : ''}`)
}

async function main(): Promise<void> {
  const selected = selectBenchmarks(process.argv.slice(2).filter((arg) => arg !== '--'))
  const scratch = makeScratchRoot()
  const cleanUp = (): void => removeDir(scratch.dir)
  const onSignal = (): void => {
    cleanUp()
    process.exit(130)
  }
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)

  console.log(`CouponDesk benchmarks: ${selected.map((bench) => bench.name).join(', ')}`)
  console.log(`node ${process.version}, ${os.cpus().length} CPU(s) ${os.cpus()[0]?.model ?? ''}, ${os.platform()} ${os.release()}`)
  console.log(`scratch dir: ${scratch.dir} (${scratch.isRamDisk ? 'RAM disk! fsync figures are not real' : 'real disk'}, ${formatBytes(scratch.freeBytes)} free)`)

  const results: BenchResult[] = []
  const crashes: Crash[] = []
  const startedAt = Date.now()
  try {
    for (const bench of selected) {
      console.log(`\n=== ${bench.name}: ${bench.summary}`)
      const workDir = path.join(scratch.dir, bench.name)
      mkdirSync(workDir, { recursive: true })
      const benchStarted = Date.now()
      try {
        results.push(...(await bench.run({ workDir })))
      } catch (error) {
        const message = error instanceof Error ? (error.stack ?? error.message) : String(error)
        console.error(`${bench.name} crashed: ${message}`)
        crashes.push({ benchmark: bench.name, error: message })
      } finally {
        removeDir(workDir)
      }
      console.log(`(${bench.name} took ${((Date.now() - benchStarted) / 1000).toFixed(1)} s)`)
    }
  } finally {
    cleanUp()
  }

  printSummary(results, crashes)
  console.log(`\ntotal ${((Date.now() - startedAt) / 1000).toFixed(1)} s; scratch dir ${scratch.dir} removed`)
  mkdirSync(TMP_ROOT, { recursive: true })
  writeFileSync(
    RESULTS_FILE,
    `${JSON.stringify(
      {
        startedAt: new Date(startedAt).toISOString(),
        durationMs: Date.now() - startedAt,
        node: process.version,
        cpus: os.cpus().length,
        platform: `${os.platform()} ${os.release()}`,
        scratchDir: scratch.dir,
        scratchIsRamDisk: scratch.isRamDisk,
        results,
        crashes,
      },
      null,
      2,
    )}\n`,
  )
  console.log(`results written to ${RESULTS_FILE}`)
  process.exitCode = crashes.length > 0 ? 1 : 0
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
