import { mkdirSync, mkdtempSync, rmSync, statfsSync } from 'node:fs'
import path from 'node:path'

/**
 * What every benchmark shares: statistics, units, tables, and the scratch folder. A figure is
 * only ever reported beside a baseline measured in the same run, so a noisy or slow machine
 * still gives a fair ratio. Benchmarks measure; they never fail a build.
 */

export const REPO_ROOT = path.resolve(__dirname, '../..')
export const TMP_ROOT = path.join(REPO_ROOT, '.tmp')

/** A benchmark child process prints its result as one line starting with this. */
export const CHILD_RESULT_PREFIX = 'BENCH_RESULT '

export type Unit = 'ms' | 's' | 'MB' | 'count' | 'per s'

export interface BenchResult {
  benchmark: string
  /** What the figure is: 'p50', 'p99 (target)', 'import time'. */
  metric: string
  figure: number
  baseline: number | null
  unit: Unit
  /** figure / baseline when a baseline exists. */
  ratio: number | null
  /** Human text of the target, e.g. 'ratio <= 1.5' or '< 1 ms'; null for context-only rows. */
  target: string | null
  pass: boolean | null
}

export interface BenchEnvironment {
  /** A fresh folder on a real disk for this benchmark's files; deleted by the runner. */
  workDir: string
}

export interface Benchmark {
  name: string
  summary: string
  run(env: BenchEnvironment): Promise<BenchResult[]>
}

// ---------------------------------------------------------------------------------------------
// Statistics

export interface Stats {
  count: number
  mean: number
  p50: number
  p90: number
  p99: number
  max: number
}

/** Nearest-rank percentiles over samples in milliseconds. */
export function stats(samples: readonly number[]): Stats {
  if (samples.length === 0) throw new Error('no samples')
  const sorted = [...samples].sort((a, b) => a - b)
  const at = (p: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? NaN
  const sum = sorted.reduce((total, value) => total + value, 0)
  return {
    count: sorted.length,
    mean: sum / sorted.length,
    p50: at(0.5),
    p90: at(0.9),
    p99: at(0.99),
    max: sorted[sorted.length - 1] ?? NaN,
  }
}

/** Milliseconds since some fixed point, with sub-microsecond resolution. */
export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6
}

export function ratioOf(figure: number, baseline: number | null): number | null {
  return baseline === null || baseline === 0 ? null : figure / baseline
}

/** A row compared by ratio to its baseline: passes when the ratio is at most `maxRatio`. */
export function ratioResult(benchmark: string, metric: string, figure: number, baseline: number, unit: Unit, maxRatio: number): BenchResult {
  const ratio = figure / baseline
  return { benchmark, metric, figure, baseline, unit, ratio, target: `ratio <= ${maxRatio}`, pass: ratio <= maxRatio }
}

/** A row with an absolute ceiling; the baseline is shown for context. */
export function ceilingResult(benchmark: string, metric: string, figure: number, baseline: number | null, unit: Unit, ceiling: number): BenchResult {
  return {
    benchmark,
    metric,
    figure,
    baseline,
    unit,
    ratio: ratioOf(figure, baseline),
    target: `< ${ceiling} ${unit}`,
    pass: figure < ceiling,
  }
}

/** A row with a floor: passes when the figure is at least `floor` (a rate, a count). */
export function floorResult(benchmark: string, metric: string, figure: number, baseline: number | null, unit: Unit, floor: number): BenchResult {
  return { benchmark, metric, figure, baseline, unit, ratio: ratioOf(figure, baseline), target: `>= ${floor} ${unit}`, pass: figure >= floor }
}

/** A row that must not fall below its baseline (e.g. codes read by one engine against another). */
export function notBelowBaselineResult(benchmark: string, metric: string, figure: number, baseline: number, unit: Unit): BenchResult {
  return { benchmark, metric, figure, baseline, unit, ratio: ratioOf(figure, baseline), target: '>= baseline', pass: figure >= baseline }
}

/** A row that only gives context (no target). */
export function infoResult(benchmark: string, metric: string, figure: number, baseline: number | null, unit: Unit): BenchResult {
  return { benchmark, metric, figure, baseline, unit, ratio: ratioOf(figure, baseline), target: null, pass: null }
}

// ---------------------------------------------------------------------------------------------
// Formatting

export function formatValue(value: number | null, unit: Unit): string {
  if (value === null || !Number.isFinite(value)) return '-'
  if (unit === 'ms') return value < 10 ? `${value.toFixed(3)} ms` : `${value.toFixed(1)} ms`
  if (unit === 's') return `${value.toFixed(2)} s`
  if (unit === 'count') return formatCount(value)
  if (unit === 'per s') return `${value.toFixed(1)} /s`
  return `${value.toFixed(1)} MB`
}

export function formatRatio(ratio: number | null): string {
  return ratio === null || !Number.isFinite(ratio) ? '-' : `${ratio.toFixed(2)}x`
}

export function formatPass(pass: boolean | null): string {
  if (pass === null) return '-'
  return pass ? 'pass' : 'FAIL'
}

export function formatBytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
}

export function formatCount(count: number): string {
  return count.toLocaleString('en-US')
}

/** Prints an aligned text table; numbers are expected to be preformatted strings. */
export function printTable(title: string, header: readonly string[], rows: readonly (readonly string[])[]): void {
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => (row[column] ?? '').length)))
  const line = (cells: readonly string[]): string =>
    cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  ')
  console.log(`\n${title}`)
  console.log(line(header))
  console.log(widths.map((width) => '-'.repeat(width)).join('  '))
  for (const row of rows) console.log(line(row))
}

/** The standard latency table: one row per series, same columns for figure and baseline. */
export function printLatencyTable(title: string, series: readonly { label: string; stats: Stats }[]): void {
  printTable(
    title,
    ['series', 'n', 'mean', 'p50', 'p90', 'p99', 'max'],
    series.map(({ label, stats: s }) => [
      label,
      formatCount(s.count),
      formatValue(s.mean, 'ms'),
      formatValue(s.p50, 'ms'),
      formatValue(s.p90, 'ms'),
      formatValue(s.p99, 'ms'),
      formatValue(s.max, 'ms'),
    ]),
  )
}

// ---------------------------------------------------------------------------------------------
// Scratch space on a real disk

const TMPFS_MAGIC = 0x01021994
const RAMFS_MAGIC = 0x858458f6

export interface ScratchRoot {
  dir: string
  isRamDisk: boolean
  freeBytes: number
}

/**
 * The scratch folder lives under the repository's `.tmp/` (git-ignored), which is on the same
 * disk as the repository: fsync there costs what it costs for real. A RAM-backed folder would
 * make every commit look free, so it is reported if it ever happens.
 */
export function makeScratchRoot(): ScratchRoot {
  mkdirSync(TMP_ROOT, { recursive: true })
  const dir = mkdtempSync(path.join(TMP_ROOT, 'bench-'))
  const fs = statfsSync(dir)
  return { dir, isRamDisk: fs.type === TMPFS_MAGIC || fs.type === RAMFS_MAGIC, freeBytes: fs.bavail * fs.bsize }
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true, maxRetries: 3 })
}

/** Deterministic pseudo-random numbers (mulberry32), so every run draws the same codes. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Samples this process's heap and RSS every 20 ms until stopped; returns the peaks. */
export function sampleMemory(): { stop: () => { peakHeapUsedBytes: number; peakRssSampledBytes: number } } {
  let peakHeapUsedBytes = 0
  let peakRssSampledBytes = 0
  const sample = (): void => {
    const usage = process.memoryUsage()
    peakHeapUsedBytes = Math.max(peakHeapUsedBytes, usage.heapUsed)
    peakRssSampledBytes = Math.max(peakRssSampledBytes, usage.rss)
  }
  sample()
  const timer = setInterval(sample, 20)
  return {
    stop: () => {
      clearInterval(timer)
      sample()
      return { peakHeapUsedBytes, peakRssSampledBytes }
    },
  }
}
