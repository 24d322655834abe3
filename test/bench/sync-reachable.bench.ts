import http from 'node:http'
import path from 'node:path'
import { createCore } from '../../electron/core/core'
import type { Core } from '../../electron/core/core'
import { FakePartnero } from '../helpers/fakes'
import type { BenchEnvironment, Benchmark } from './kit'
import { ceilingResult, formatValue, infoResult, nowMs, printTable, stats } from './kit'

/**
 * From the platform becoming reachable to the first waiting sale arriving there, with the
 * engine's default settings (probes back off from 500 ms to every 5 s while offline). Each
 * trial: the platform is down, a sale is rung up, the engine has been offline long enough for
 * its probes to reach their longest interval, then the platform comes back at a moment drawn
 * across one probe interval. Trials run side by side, each with its own core and fake. The
 * baseline is how soon after coming back a plain request gets an answer (the floor).
 */

const NAME = 'sync-reachable'
const TRIALS = 6
const OFFLINE_FIRST_MS = 13_000
const PROBE_INTERVAL_MS = 5_000
const CEILING_S = 10

interface Trial {
  firstSaleMs: number
  plainMs: number
}

function plainAnswerAfter(url: string): Promise<number> {
  const started = nowMs()
  return new Promise((resolve) => {
    const attempt = (): void => {
      const request = http.get(`${url}/v1/`, (response) => {
        response.resume()
        resolve(nowMs() - started)
      })
      request.on('error', () => setImmediate(attempt))
    }
    attempt()
  })
}

async function trial(workDir: string, index: number): Promise<Trial> {
  const fake = await new FakePartnero({ token: 'bench' }).start()
  await fake.down()
  let core: Core | null = null
  try {
    core = createCore({ dataDir: path.join(workDir, `trial-${index}`), source: 'till', actorPrefix: 'bench', startSync: true })
    const saved = await core.invoke('platform:save-config', { active: 'partnero', platform: 'partnero', fields: { baseUrl: fake.url }, secrets: { apiToken: 'bench' } })
    if (!saved.ok) throw new Error(saved.error.message)
    const sold = await core.invoke('sale:register', { code: 'WALKIN', amount: '9.99', allowUnverified: true })
    if (!sold.ok) throw new Error(sold.error.message)
    // Long enough offline for the probes to be at their longest gap, then a moment within one gap.
    await new Promise((resolve) => setTimeout(resolve, OFFLINE_FIRST_MS + (index / TRIALS) * PROBE_INTERVAL_MS))
    if (core.context.sync.status().state !== 'offline') throw new Error('the engine should be offline before the platform comes back')
    const arrived = new Promise<number>((resolve) => {
      fake.onRequest((request) => {
        if (request.method === 'POST' && request.path === '/v1/transactions') resolve(nowMs())
      })
    })
    const upAt = nowMs()
    await fake.up()
    const plainMs = await plainAnswerAfter(fake.url)
    return { firstSaleMs: (await arrived) - upAt, plainMs }
  } finally {
    core?.close()
    await fake.close()
  }
}

export const syncReachableBench: Benchmark = {
  name: NAME,
  summary: `platform back up -> first waiting sale at the platform, default probe settings, ${TRIALS} trials spread over one probe interval`,
  async run(env: BenchEnvironment) {
    const trials = await Promise.all(Array.from({ length: TRIALS }, (_, index) => trial(env.workDir, index)))
    const first = stats(trials.map((run) => run.firstSaleMs))
    const plain = stats(trials.map((run) => run.plainMs))
    printTable(`${NAME}: ${TRIALS} trials, offline ${OFFLINE_FIRST_MS / 1000}-${(OFFLINE_FIRST_MS + PROBE_INTERVAL_MS) / 1000} s before the platform came back`, ['series', 'p50', 'max'], [
      ['reachable -> first sale at the platform', formatValue(first.p50 / 1000, 's'), formatValue(first.max / 1000, 's')],
      ['reachable -> a plain request answered', formatValue(plain.p50 / 1000, 's'), formatValue(plain.max / 1000, 's')],
    ])
    return [ceilingResult(NAME, 'reachable -> first sale (max)', first.max / 1000, plain.max / 1000, 's', CEILING_S), infoResult(NAME, 'reachable -> first sale (p50)', first.p50 / 1000, plain.p50 / 1000, 's')]
  },
}
