import { spawn } from 'node:child_process'
import { readdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { build } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCore } from '../../../electron/core/core'
import { makeTempDir, removeTempDir } from '../../helpers/temp-dir'
import { seededRandom } from '../../bench/kit'

/**
 * An import killed with SIGKILL at random instants, while it reads and while it saves. After
 * the restart (which finishes a decided batch or drops an undecided one) a file is either
 * wholly in or not in at all: every sale with its outbox row, none twice, no batch left half
 * way, no scratch file left behind. Rerun a failure with IMPORT_KILL_SEED=<seed>.
 */

const ROUNDS = 10
const ROWS = 30_000
const SEED = Number(process.env.IMPORT_KILL_SEED ?? Math.floor(Math.random() * 2 ** 31))
const CHILD_SOURCE = path.join(import.meta.dirname, 'import-kill-child.ts')
const READER_SOURCE = path.join(import.meta.dirname, '../../../electron/core/imports/sales/reader-worker.ts')
const REPO_ROOT = path.resolve(import.meta.dirname, '../../..')

interface Kill {
  phase: string
  finished: boolean
  stderr: string
}

/** Starts the import, waits for `phase`, then kills it `delayMs` later (or lets it finish). */
function importUntilKilled(bundle: string, dataDir: string, file: string, phase: string, delayMs: number): Promise<Kill> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundle, dataDir, file], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_PATH: path.join(REPO_ROOT, 'node_modules') },
    })
    let seen = ''
    let finished = false
    let stderr = ''
    let buffered = ''
    child.stdout.setEncoding('utf8')
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk
      const lines = buffered.split('\n')
      buffered = lines.pop() ?? ''
      for (const line of lines) {
        if (line.startsWith('done:')) finished = true
        if (line === `phase:${phase}` && seen === '') {
          seen = phase
          setTimeout(() => child.kill('SIGKILL'), delayMs)
        }
      }
    })
    child.stderr.setEncoding('utf8')
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk
    })
    const stall = setTimeout(() => child.kill('SIGKILL'), 60_000)
    child.on('error', reject)
    child.on('close', () => {
      clearTimeout(stall)
      resolve({ phase: seen, finished, stderr })
    })
  })
}

function writeSalesFile(file: string, round: number): void {
  const lines = ['coupon,amount,order id,date']
  for (let index = 0; index < ROWS; index++) lines.push(`CODE${index % 50},${(index % 90) + 1}.25,K${round}-${index},2026-11-20 12:00`)
  writeFileSync(file, `${lines.join('\n')}\n`)
}

describe('an import killed at any instant is all in or not in', () => {
  let workDir = ''
  let bundle = ''

  beforeAll(async () => {
    workDir = makeTempDir('import-kill')
    bundle = path.join(workDir, 'import-kill-child.cjs')
    const options = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['better-sqlite3'], logLevel: 'warning' } as const
    await build({ ...options, external: ['better-sqlite3'], entryPoints: [CHILD_SOURCE], outfile: bundle })
    // The import's reader thread, next to the bundled core as in the app's build.
    await build({ ...options, external: ['better-sqlite3'], entryPoints: [READER_SOURCE], outfile: path.join(workDir, 'import-reader.js') })
  })

  afterAll(() => {
    if (workDir !== '') removeTempDir(workDir)
  })

  it(`keeps whole files only through ${ROUNDS} SIGKILLs while reading and saving`, async ({ onTestFailed }) => {
    onTestFailed(() => console.error(`import kill test failed with seed ${SEED}; rerun with IMPORT_KILL_SEED=${SEED}`))
    const random = seededRandom(SEED)
    const dataDir = path.join(workDir, 'data')
    const outcomes: string[] = []
    for (let round = 1; round <= ROUNDS; round++) {
      const file = path.join(workDir, `till-${round}.csv`)
      writeSalesFile(file, round)
      const phase = round % 2 === 0 ? 'saving' : 'reading'
      const delayMs = random() * (phase === 'reading' ? 400 : 150)
      const kill = await importUntilKilled(bundle, dataDir, file, phase, delayMs)
      const about = `seed ${SEED}, round ${round}, kill ${delayMs.toFixed(0)} ms into ${phase}: ${kill.stderr}`
      expect(kill.phase, about).toBe(phase)

      // The restart: recovery runs as the core opens.
      const core = createCore({ dataDir, source: 'cli', actorPrefix: 'check' })
      try {
        const db = core.db
        expect(db.pragma('integrity_check', { simple: true }), about).toBe('ok')
        const unfinished = db.prepare("SELECT count(*) FROM sales_imports WHERE status IN ('reading', 'publishing')").pluck().get()
        expect(unfinished, about).toBe(0)
        const status = db.prepare('SELECT status FROM sales_imports WHERE file_name = ? ORDER BY id DESC LIMIT 1').pluck().get(`till-${round}.csv`) as string
        const sales = db.prepare('SELECT count(*) FROM sales WHERE order_id LIKE ?').pluck().get(`K${round}-%`) as number
        const outboxRows = db.prepare("SELECT count(*) FROM outbox o JOIN sales s ON s.id = o.sale_id WHERE s.order_id LIKE ? AND o.kind = 'sale'").pluck().get(`K${round}-%`) as number
        expect([status, sales === 0 || sales === ROWS], about).toEqual([status, true])
        expect(status === 'committed' ? ROWS : 0, about).toBe(sales)
        expect(outboxRows, about).toBe(sales)
        outcomes.push(`${phase}:${status}${kill.finished ? '(finished)' : ''}`)
        // No refused-rows file of an import that added nothing (these files have no refused rows).
        const leftovers = readdirSync(path.join(dataDir, 'imports'))
        expect(leftovers, about).toEqual([])
      } finally {
        core.close()
      }
    }
    const totals = createCore({ dataDir, source: 'cli', actorPrefix: 'check' })
    try {
      const doubles = totals.db.prepare('SELECT count(*) FROM (SELECT order_id FROM sales GROUP BY order_id HAVING count(*) > 1)').pluck().get()
      expect(doubles).toBe(0)
    } finally {
      totals.close()
    }
    console.log(`import kill rounds (seed ${SEED}): ${outcomes.join(', ')}`)
    // Kills while saving land after the commit point: those files must have been finished.
    expect(outcomes.filter((outcome) => outcome.startsWith('saving')).every((outcome) => outcome.includes('committed'))).toBe(true)
  }, 300_000)
})
