import path from 'node:path'
import Database from 'better-sqlite3'
import { createCore } from '../../electron/core/core'
import type { Core } from '../../electron/core/core'
import type { BenchEnvironment, BenchResult, Benchmark, Stats } from './kit'
import { formatRatio, formatValue, infoResult, nowMs, printLatencyTable, printTable, ratioResult, seededRandom, stats } from './kit'

/**
 * How long a cashier waits for "Saved": `sale:register` through the core (contract parse,
 * checks, one IMMEDIATE transaction with sale + outbox + audit, commit with WAL and
 * synchronous=FULL, read-back) against the floor the disk sets: a bare insert of a similar row,
 * one transaction per insert, same pragmas, same disk. The two run in alternating rounds
 * (ABBA) so machine noise hits both alike.
 *
 * Two series: sales spread over a 1,000-code catalogue (the commit itself), and every sale on
 * one hot code (an event with a single promo code), which also shows what the per-code usage
 * count costs as the code's sales pile up.
 */

const NAME = 'sale-commit'
const WARM_UP = 100
const SALES = 2000
const ROUND = 50
const CATALOGUE_CODES = 1000
const TARGET_RATIO = 1.5

const BARE_SCHEMA = `
  CREATE TABLE sales (
    id INTEGER PRIMARY KEY,
    order_id TEXT NOT NULL UNIQUE,
    coupon_code TEXT NOT NULL,
    amount_minor INTEGER NOT NULL,
    currency TEXT NOT NULL,
    created_at_ms INTEGER NOT NULL,
    state TEXT NOT NULL
  ) STRICT`

interface Series {
  core: number[]
  bare: number[]
}

function catalogueCsv(): string {
  const lines = ['code,affiliate_name,campaign_name,valid_to,status']
  for (let index = 0; index < CATALOGUE_CODES; index++) {
    lines.push(`${codeAt(index)},Affiliate ${index % 97},Campaign ${index % 13},2099-12-31,active`)
  }
  return `${lines.join('\n')}\n`
}

function codeAt(index: number): string {
  return `SALE${String(index).padStart(5, '0')}`
}

async function openCore(dataDir: string): Promise<Core> {
  const core = createCore({ dataDir, source: 'cli', actorPrefix: 'bench' })
  const imported = await core.invoke('catalog:import', {
    fileName: 'bench-catalogue.csv',
    bytes: new TextEncoder().encode(catalogueCsv()),
    mode: 'replace',
  })
  if (!imported.ok) throw new Error(`catalogue import failed: ${imported.error.message}`)
  return core
}

function openBare(file: string): { insert: (index: number, code: string) => void; close: () => void } {
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.exec(BARE_SCHEMA)
  const statement = db.prepare(
    `INSERT INTO sales (order_id, coupon_code, amount_minor, currency, created_at_ms, state)
     VALUES (?, ?, 1250, 'EUR', ?, 'saved')`,
  )
  const insertOne = db.transaction((orderId: string, code: string) => statement.run(orderId, code, Date.now()))
  return {
    insert: (index, code) => {
      insertOne.immediate(`BARE-${index}`, code)
    },
    close: () => db.close(),
  }
}

async function measure(workDir: string, label: string, pickCode: () => string): Promise<Series> {
  const core = await openCore(path.join(workDir, `${label}-core`))
  const bare = openBare(path.join(workDir, `${label}-bare.sqlite`))
  const series: Series = { core: [], bare: [] }
  let bareIndex = 0
  const saleOnCore = async (record: boolean): Promise<void> => {
    const code = pickCode()
    const started = nowMs()
    const result = await core.invoke('sale:register', { code, amount: '12.50' })
    const elapsed = nowMs() - started
    if (!result.ok) throw new Error(`sale:register failed: ${result.error.code} ${result.error.message}`)
    if (record) series.core.push(elapsed)
  }
  const saleOnBare = (record: boolean): void => {
    const code = pickCode()
    const started = nowMs()
    bare.insert(bareIndex++, code)
    const elapsed = nowMs() - started
    if (record) series.bare.push(elapsed)
  }
  try {
    for (let index = 0; index < WARM_UP; index++) {
      await saleOnCore(false)
      saleOnBare(false)
    }
    for (let round = 0; round < SALES / ROUND; round++) {
      const coreFirst = round % 2 === 0
      if (!coreFirst) for (let index = 0; index < ROUND; index++) saleOnBare(true)
      for (let index = 0; index < ROUND; index++) await saleOnCore(true)
      if (coreFirst) for (let index = 0; index < ROUND; index++) saleOnBare(true)
    }
  } finally {
    core.close()
    bare.close()
  }
  return series
}

function ratioRows(label: string, core: Stats, bare: Stats): BenchResult[] {
  return [
    ratioResult(NAME, `${label} p50`, core.p50, bare.p50, 'ms', TARGET_RATIO),
    ratioResult(NAME, `${label} p99`, core.p99, bare.p99, 'ms', TARGET_RATIO),
    infoResult(NAME, `${label} mean`, core.mean, bare.mean, 'ms'),
  ]
}

export const saleCommitBench: Benchmark = {
  name: NAME,
  summary: `sale:register through the core vs a bare WAL+FULL insert (${SALES} each after ${WARM_UP} warm-up, rounds of ${ROUND})`,
  async run(env: BenchEnvironment) {
    const random = seededRandom(42)
    const spread = await measure(env.workDir, 'spread', () => codeAt(Math.floor(random() * CATALOGUE_CODES)))
    const hot = await measure(env.workDir, 'hot', () => codeAt(7))

    const spreadCore = stats(spread.core)
    const spreadBare = stats(spread.bare)
    const hotCore = stats(hot.core)
    const hotBare = stats(hot.bare)
    const tail = 200
    const hotFirst = stats(hot.core.slice(0, tail))
    const hotLast = stats(hot.core.slice(-tail))

    printLatencyTable(`${NAME}: ${SALES} sales per series, ${CATALOGUE_CODES}-code catalogue, WAL + synchronous=FULL`, [
      { label: 'core, codes spread over catalogue', stats: spreadCore },
      { label: 'bare insert (interleaved)', stats: spreadBare },
      { label: 'core, one hot code', stats: hotCore },
      { label: 'bare insert (interleaved)', stats: hotBare },
      { label: `core, hot code, first ${tail} sales`, stats: hotFirst },
      { label: `core, hot code, last ${tail} sales`, stats: hotLast },
    ])
    printTable(`${NAME}: ratios (core / bare)`, ['series', 'p50', 'p99', 'mean'], [
      ['codes spread', formatRatio(spreadCore.p50 / spreadBare.p50), formatRatio(spreadCore.p99 / spreadBare.p99), formatRatio(spreadCore.mean / spreadBare.mean)],
      ['one hot code', formatRatio(hotCore.p50 / hotBare.p50), formatRatio(hotCore.p99 / hotBare.p99), formatRatio(hotCore.mean / hotBare.mean)],
      [
        `hot code growth (last ${tail} / first ${tail} p50)`,
        `${formatValue(hotFirst.p50, 'ms')} -> ${formatValue(hotLast.p50, 'ms')}`,
        formatRatio(hotLast.p50 / hotFirst.p50),
        '',
      ],
    ])

    return [
      ...ratioRows('spread codes', spreadCore, spreadBare),
      ...ratioRows('one hot code', hotCore, hotBare),
      infoResult(NAME, `hot code last ${tail} p50`, hotLast.p50, hotBare.p50, 'ms'),
    ]
  },
}
