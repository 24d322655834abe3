import { writeSync } from 'node:fs'
import { createCore } from '../../electron/core/core'
import { createHttpClient } from '../../electron/core/sync/http-client'
import { FakePartnero } from '../helpers/fakes'
import { CHILD_RESULT_PREFIX } from './kit'

/**
 * Sync work for the benchmarks, each in a process of its own:
 *   fake-partnero <latencyMs> <codes>   a fake Partnero with <codes> promotion codes, answering after
 *                                       <latencyMs>; prints `FAKE_URL <url>` and runs until killed
 *   pull <url> <dataDir>                "Update coupons" through the core from that fake
 *   raw-pull <url>                      the same pages fetched and parsed, nothing stored (the floor)
 * The measuring modes print `BENCH_RESULT <json>` with time and peak memory.
 */

export interface SyncChildResult {
  mode: string
  ms: number
  rows: number
  rssBeforeBytes: number
  peakRssBytes: number
  peakHeapUsedBytes: number
}

function measure(mode: string, work: () => Promise<number>): void {
  const rssBeforeBytes = process.memoryUsage().rss
  let peakRssBytes = rssBeforeBytes
  let peakHeapUsedBytes = process.memoryUsage().heapUsed
  const sampler = setInterval(() => {
    const usage = process.memoryUsage()
    peakRssBytes = Math.max(peakRssBytes, usage.rss)
    peakHeapUsedBytes = Math.max(peakHeapUsedBytes, usage.heapUsed)
  }, 20)
  const started = performance.now()
  work()
    .then((rows) => {
      const ms = performance.now() - started
      clearInterval(sampler)
      const usage = process.memoryUsage()
      const result: SyncChildResult = { mode, ms, rows, rssBeforeBytes, peakRssBytes: Math.max(peakRssBytes, usage.rss), peakHeapUsedBytes: Math.max(peakHeapUsedBytes, usage.heapUsed) }
      writeSync(1, `${CHILD_RESULT_PREFIX}${JSON.stringify(result)}\n`)
      process.exit(0)
    })
    .catch((error: unknown) => {
      writeSync(2, `${mode} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
      process.exit(1)
    })
}

const [mode, first = '', second = ''] = process.argv.slice(2)
switch (mode) {
  case 'fake-partnero': {
    const codes = Number(second)
    void new FakePartnero({
      token: 'bench',
      latencyMs: Number(first),
      promotionCodeCount: codes,
      promotionCodeAt: (index) => ({ code: `BENCH${String(index).padStart(7, '0')}`, partnerKey: `p${index % 500}`, partnerName: `Partner ${index % 500}`, expires: '2099-12-31', timesRedeemed: index % 7 }),
    })
      .start()
      .then((fake) => writeSync(1, `FAKE_URL ${fake.url}\n`))
    break
  }
  case 'pull':
    measure('pull', async () => {
      const core = createCore({ dataDir: second, source: 'cli', actorPrefix: 'bench' })
      const saved = await core.invoke('platform:save-config', { active: 'partnero', platform: 'partnero', fields: { baseUrl: first }, secrets: { apiToken: 'bench' } })
      if (!saved.ok) throw new Error(saved.error.message)
      const pulled = await core.invoke('catalog:pull', {})
      if (!pulled.ok) throw new Error(pulled.error.message)
      core.close()
      return (pulled.value as { imported: number }).imported
    })
    break
  case 'raw-pull':
    measure('raw-pull', async () => {
      const client = createHttpClient()
      let rows = 0
      for (let page = 1; ; page++) {
        const answer = await client.fetch({ method: 'GET', url: `${first}/v1/promotion-codes?limit=250&page=${page}`, headers: { authorization: 'Bearer bench' }, timeoutMs: 30_000 })
        if (answer.kind !== 'answer') throw new Error(answer.message)
        const body = JSON.parse(answer.body) as { data: unknown[]; links: { next: string | null } }
        rows += body.data.length
        if (body.links.next === null) break
      }
      client.close()
      return rows
    })
    break
  default:
    writeSync(2, 'usage: sync.child <fake-partnero|pull|raw-pull> ...\n')
    process.exit(2)
}
