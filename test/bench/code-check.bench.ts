import path from 'node:path'
import { createCore } from '../../electron/core/core'
import type { CouponRow } from '../../electron/core/db/coupons-repo'
import type { BenchEnvironment, Benchmark } from './kit'
import { ceilingResult, formatBytes, formatCount, infoResult, nowMs, printLatencyTable, seededRandom, stats } from './kit'
import { syntheticCoupon, unknownCode } from './catalog-rows'
import { runCatalogChild } from './run-child'

/**
 * How fast a scan turns into "valid / unknown / expired" against a 1,000,000-coupon catalogue:
 * `catalog:check-code` through the core (contract parse, code parsing, settings, lookup,
 * usage count, rules, messages, output parse) against a bare prepared
 * `SELECT * FROM coupons WHERE key = ?` on the same connection. Half the codes exist, half do
 * not; core and bare alternate in rounds (ABBA). The catalogue is bulk-inserted straight into
 * `coupons` by a child process (the real import is timed by catalog-import), so this process
 * measures with a heap that never held a million rows.
 */

const NAME = 'code-check'
const CATALOGUE_ROWS = 1_000_000
const LOOKUPS = 20_000
const WARM_UP = 1000
const ROUND = 500
const P99_CEILING_MS = 1

interface Lookup {
  code: string
  exists: boolean
}

function lookups(count: number, seed: number): Lookup[] {
  const random = seededRandom(seed)
  const list: Lookup[] = []
  for (let index = 0; index < count; index++) {
    const exists = random() < 0.5
    const pick = Math.floor(random() * CATALOGUE_ROWS)
    list.push(exists ? { code: syntheticCoupon(pick).code, exists } : { code: unknownCode(pick), exists })
  }
  return list
}

export const codeCheckBench: Benchmark = {
  name: NAME,
  summary: `catalog:check-code on a ${formatCount(CATALOGUE_ROWS)}-coupon catalogue vs a bare SELECT by key (${formatCount(LOOKUPS)} lookups, half unknown)`,
  async run(env: BenchEnvironment) {
    const dataDir = path.join(env.workDir, 'core')
    const built = await runCatalogChild(['bulk-catalogue', dataDir, String(CATALOGUE_ROWS)])
    if (built.rows !== CATALOGUE_ROWS) throw new Error(`catalogue holds ${built.rows} coupons, not ${CATALOGUE_ROWS}`)
    console.log(
      `catalogue: ${formatCount(built.rows)} coupons bulk-inserted in ${(built.ms / 1000).toFixed(2)} s (child process, peak RSS ${formatBytes(built.peakRssBytes)})`,
    )
    const core = createCore({ dataDir, source: 'cli', actorPrefix: 'bench' })
    try {
      const bareSelect = core.db.prepare('SELECT * FROM coupons WHERE key = ?')

      const coreTimes: { ms: number; exists: boolean }[] = []
      const bareTimes: { ms: number; exists: boolean }[] = []
      const checkOnCore = async (lookup: Lookup, record: boolean): Promise<void> => {
        const started = nowMs()
        const result = await core.invoke('catalog:check-code', { code: lookup.code })
        const elapsed = nowMs() - started
        if (!result.ok) throw new Error(`catalog:check-code failed: ${result.error.code} ${result.error.message}`)
        const status = (result.value as { status: string }).status
        if ((status === 'unknown') === lookup.exists) throw new Error(`${lookup.code}: expected ${lookup.exists ? 'a known' : 'an unknown'} code, got ${status}`)
        if (record) coreTimes.push({ ms: elapsed, exists: lookup.exists })
      }
      const checkOnBare = (lookup: Lookup, record: boolean): void => {
        const started = nowMs()
        const row = bareSelect.get(lookup.code) as CouponRow | undefined
        const elapsed = nowMs() - started
        if ((row !== undefined) !== lookup.exists) throw new Error(`${lookup.code}: bare lookup disagrees`)
        if (record) bareTimes.push({ ms: elapsed, exists: lookup.exists })
      }

      for (const lookup of lookups(WARM_UP, 7)) {
        await checkOnCore(lookup, false)
        checkOnBare(lookup, false)
      }
      const list = lookups(LOOKUPS, 11)
      for (let round = 0; round * ROUND < list.length; round++) {
        const slice = list.slice(round * ROUND, (round + 1) * ROUND)
        if (round % 2 === 1) for (const lookup of slice) checkOnBare(lookup, true)
        for (const lookup of slice) await checkOnCore(lookup, true)
        if (round % 2 === 0) for (const lookup of slice) checkOnBare(lookup, true)
      }

      const pick = (times: { ms: number; exists: boolean }[], exists?: boolean): number[] =>
        times.filter((time) => exists === undefined || time.exists === exists).map((time) => time.ms)
      const coreAll = stats(pick(coreTimes))
      const coreKnown = stats(pick(coreTimes, true))
      const coreUnknown = stats(pick(coreTimes, false))
      const bareAll = stats(pick(bareTimes))
      const bareKnown = stats(pick(bareTimes, true))
      const bareUnknown = stats(pick(bareTimes, false))
      printLatencyTable(`${NAME}: ${formatCount(LOOKUPS)} lookups on ${formatCount(CATALOGUE_ROWS)} coupons`, [
        { label: 'core, all codes', stats: coreAll },
        { label: 'core, existing codes', stats: coreKnown },
        { label: 'core, unknown codes', stats: coreUnknown },
        { label: 'bare SELECT, all codes', stats: bareAll },
        { label: 'bare SELECT, existing codes', stats: bareKnown },
        { label: 'bare SELECT, unknown codes', stats: bareUnknown },
      ])

      return [
        ceilingResult(NAME, 'p99, all codes', coreAll.p99, bareAll.p99, 'ms', P99_CEILING_MS),
        ceilingResult(NAME, 'p99, existing codes', coreKnown.p99, bareKnown.p99, 'ms', P99_CEILING_MS),
        ceilingResult(NAME, 'p99, unknown codes', coreUnknown.p99, bareUnknown.p99, 'ms', P99_CEILING_MS),
        infoResult(NAME, 'p50, all codes', coreAll.p50, bareAll.p50, 'ms'),
      ]
    } finally {
      core.close()
    }
  },
}
