import path from 'node:path'
import type { BenchEnvironment, Benchmark } from './kit'
import { formatBytes, formatCount, infoResult, printTable, ratioOf } from './kit'
import { runSyncChild, startRemotePartnero } from './sync-children'
import type { SyncChildResult } from './sync.child'

/**
 * "Update coupons": 100,000 promotion codes from a fake Partnero, 250 a page (400 pages), into
 * the catalogue through the core, in a process of its own so its peak memory is its own. The
 * baseline, same run, same fake: the same pages fetched and parsed with nothing stored. The
 * fake runs in a third process.
 */

const NAME = 'catalog-download'
const CODES = 100_000

function row(label: string, run: SyncChildResult): string[] {
  return [label, `${(run.ms / 1000).toFixed(2)} s`, `${formatCount(Math.round(run.rows / (run.ms / 1000)))} codes/s`, formatBytes(run.peakRssBytes), formatBytes(run.peakRssBytes - run.rssBeforeBytes), formatBytes(run.peakHeapUsedBytes)]
}

export const catalogDownloadBench: Benchmark = {
  name: NAME,
  summary: `${formatCount(CODES)} promotion codes from a fake Partnero at 250 a page into the catalogue: time and peak memory vs fetching the pages alone`,
  async run(env: BenchEnvironment) {
    const fake = await startRemotePartnero(0, CODES)
    try {
      const raw = await runSyncChild(['raw-pull', fake.url])
      const pulled = await runSyncChild(['pull', fake.url, path.join(env.workDir, 'pull')])
      if (pulled.rows !== CODES || raw.rows !== CODES) throw new Error(`downloaded ${pulled.rows} (raw ${raw.rows}) of ${CODES} codes`)
      printTable(`${NAME}: ${formatCount(CODES)} codes, 400 pages of 250, each run in its own process`, ['series', 'time', 'throughput', 'peak RSS', 'RSS growth', 'peak heapUsed'], [
        row('Update coupons (core: download, check, stage, swap)', pulled),
        row('pages fetched and parsed only', raw),
      ])
      console.log(`time ratio ${ratioOf(pulled.ms, raw.ms)?.toFixed(2) ?? '-'}x`)
      return [
        infoResult(NAME, 'download 100k codes', pulled.ms / 1000, raw.ms / 1000, 's'),
        infoResult(NAME, 'peak RSS', pulled.peakRssBytes / (1024 * 1024), raw.peakRssBytes / (1024 * 1024), 'MB'),
      ]
    } finally {
      fake.stop()
    }
  },
}
