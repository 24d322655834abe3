import path from 'node:path'
import { createCore } from '../../electron/core/core'
import { enqueueOutbox } from '../../electron/core/db/outbox-repo'
import { insertSale } from '../../electron/core/db/sales-repo'
import { createHttpClient } from '../../electron/core/sync/http-client'
import type { BenchEnvironment, Benchmark } from './kit'
import { formatCount, formatValue, infoResult, nowMs, printTable, ratioResult } from './kit'
import { startRemotePartnero } from './sync-children'

/**
 * Draining 10,000 waiting sales to a fake Partnero that answers each request after 5 ms, with
 * the default concurrency, against the ideal: requests x latency / concurrency, where the
 * latency is the round trip a plain client measures against the same fake, with the same
 * concurrency and fresh connections, in the same run. The engine's extra is its bookkeeping:
 * the in-flight mark and the outcome committed to SQLite (WAL, synchronous=FULL) per cycle.
 * The fake runs in a process of its own; its code redemption is off so each sale is one request.
 */

const NAME = 'sync-drain'
const SALES = 10_000
const LATENCY_MS = 5
const TARGET_RATIO = 1.5

function seedWaitingSales(dataDir: string): void {
  const core = createCore({ dataDir, source: 'import', actorPrefix: 'bench' })
  const now = Date.now()
  const db = core.db
  db.transaction(() => {
    for (let index = 0; index < SALES; index++) {
      const id = insertSale(db, {
        order_id: `BENCH-${String(index).padStart(6, '0')}`,
        coupon_code: 'BENCH10',
        coupon_key: 'BENCH10',
        amount_minor: 1000 + index,
        currency: 'EUR',
        occurred_at_ms: now - index,
        business_date: new Date(now).toISOString().slice(0, 10),
        created_at_ms: now - index,
        terminal_id: 'B1',
        source: 'import',
        state: 'saved',
        state_changed_at_ms: now,
        is_unverified: 0,
        is_future_dated: 0,
        affiliate_id: null,
        affiliate_name: null,
        campaign_id: null,
        campaign_name: null,
      })
      enqueueOutbox(db, id, 'sale', now - 1)
    }
  }).immediate()
  core.close()
}

/** The floor: the same number of requests, same concurrency, same fresh connections, no bookkeeping. */
async function plainClient(url: string, requests: number, concurrency: number): Promise<{ ms: number; meanRoundTripMs: number }> {
  const client = createHttpClient()
  let next = 0
  let roundTrips = 0
  const started = nowMs()
  const worker = async (): Promise<void> => {
    while (next < requests) {
      const index = next++
      const sent = nowMs()
      const answer = await client.fetch({
        method: 'POST',
        url: `${url}/v1/transactions`,
        headers: { authorization: 'Bearer bench', 'content-type': 'application/json' },
        body: JSON.stringify({ key: `PLAIN-${index}`, amount: 10, amount_units: 'EUR', action: 'sale', customer: { key: `c-${index}` }, options: { create_customer: true } }),
        timeoutMs: 30_000,
        freshConnection: true,
      })
      if (answer.kind !== 'answer' || answer.status !== 201) throw new Error(`plain client: ${JSON.stringify(answer).slice(0, 200)}`)
      roundTrips += nowMs() - sent
    }
  }
  await Promise.all(Array.from({ length: concurrency }, () => worker()))
  const ms = nowMs() - started
  client.close()
  return { ms, meanRoundTripMs: roundTrips / requests }
}

export const syncDrainBench: Benchmark = {
  name: NAME,
  summary: `${formatCount(SALES)} waiting sales to a fake Partnero taking ${LATENCY_MS} ms per request, default concurrency, vs requests x measured latency / concurrency`,
  async run(env: BenchEnvironment) {
    const fake = await startRemotePartnero(LATENCY_MS, 0)
    try {
      const dataDir = path.join(env.workDir, 'drain')
      seedWaitingSales(dataDir)
      const core = createCore({ dataDir, source: 'till', actorPrefix: 'bench' })
      const saved = await core.invoke('platform:save-config', { active: 'partnero', platform: 'partnero', fields: { baseUrl: fake.url, redeemCode: false }, secrets: { apiToken: 'bench' } })
      if (!saved.ok) throw new Error(saved.error.message)
      const concurrency = (saved.value as { sync: { concurrency: number } }).sync.concurrency

      const plain = await plainClient(fake.url, SALES, concurrency)
      const idealMs = (SALES * plain.meanRoundTripMs) / concurrency

      let recorded = 0
      const drained = new Promise<void>((resolve) => {
        core.context.sync.subscribeResults(() => {
          if (++recorded === SALES) resolve()
        })
      })
      const started = nowMs()
      core.context.sync.start()
      await drained
      const drainMs = nowMs() - started
      const status = core.context.sync.status()
      core.close()
      const stats = await fake.stats()
      if (status.waiting !== 0) throw new Error(`${status.waiting} sales still waiting after the drain`)
      if (stats.doubled !== 0) throw new Error(`${stats.doubled} order ids counted twice`)

      printTable(`${NAME}: ${formatCount(SALES)} sales, concurrency ${concurrency}, fake answering after ${LATENCY_MS} ms (separate process)`, ['series', 'time', 'per sale', 'ratio to ideal'], [
        ['sync engine drain (mark in flight, send, record outcome)', formatValue(drainMs, 'ms'), formatValue(drainMs / SALES, 'ms'), (drainMs / idealMs).toFixed(2)],
        [`ideal: ${formatCount(SALES)} x ${plain.meanRoundTripMs.toFixed(2)} ms / ${concurrency}`, formatValue(idealMs, 'ms'), formatValue(idealMs / SALES, 'ms'), '1.00'],
        [`plain client, same requests and concurrency`, formatValue(plain.ms, 'ms'), formatValue(plain.ms / SALES, 'ms'), (plain.ms / idealMs).toFixed(2)],
        [`theoretical: ${formatCount(SALES)} x ${LATENCY_MS} ms / ${concurrency}`, formatValue((SALES * LATENCY_MS) / concurrency, 'ms'), formatValue(LATENCY_MS / concurrency, 'ms'), '-'],
      ])
      console.log(`fake counted ${formatCount(stats.conversions)} conversions (plus the plain client's), none twice`)
      return [
        ratioResult(NAME, 'drain 10k vs ideal', drainMs / 1000, idealMs / 1000, 's', TARGET_RATIO),
        infoResult(NAME, 'plain client 10k', plain.ms / 1000, idealMs / 1000, 's'),
      ]
    } finally {
      fake.stop()
    }
  },
}
