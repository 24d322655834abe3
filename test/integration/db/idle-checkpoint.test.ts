import { statSync } from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Db } from '../../../electron/core/db/connection'
import { openDatabase } from '../../../electron/core/db/connection'
import { IdleCheckpointer } from '../../../electron/core/db/idle-checkpoint'
import type { TestCore } from '../../helpers/core-harness'
import { csvBytes, openTestCore } from '../../helpers/core-harness'
import { makeTempDir, removeTempDir } from '../../helpers/temp-dir'

/**
 * The WAL is checkpointed between requests, not inside a sale's commit. SQLite's automatic
 * checkpoint is switched off here so the WAL's size shows whether the idle checkpoints ran: with
 * them, each new write transaction after a complete checkpoint starts the WAL file over.
 */

let dir: string

beforeEach(() => {
  dir = makeTempDir('idle-checkpoint')
})

afterEach(() => {
  removeTempDir(dir)
})

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))
const walBytes = (file: string): number => statSync(`${file}-wal`).size
const PAGE = 4096

function openWithoutAutoCheckpoint(file: string): Db {
  const db = openDatabase(file)
  db.pragma('wal_autocheckpoint = 0')
  db.exec('CREATE TABLE IF NOT EXISTS filler (id INTEGER PRIMARY KEY, text TEXT NOT NULL)')
  return db
}

describe('checkpoints between requests', () => {
  it('checkpoints once enough rows were written, on the next turn, and keeps the WAL small', async () => {
    const file = path.join(dir, 'wal.sqlite')
    const db = openWithoutAutoCheckpoint(file)
    const checkpointer = new IdleCheckpointer(db, 50)
    const insert = db.prepare('INSERT INTO filler (text) VALUES (?)')
    try {
      // Below the threshold nothing happens.
      for (let index = 0; index < 10; index++) insert.run('x'.repeat(1000))
      expect(checkpointer.checkpointIfDue()).toBe(false)
      // Scheduled, not run inside the write: it waits for the next turn of the event loop.
      for (let index = 0; index < 3000; index++) {
        db.transaction(() => insert.run('x'.repeat(1000)))()
        checkpointer.afterWrite()
        await nextTurn()
      }
      // 3,000 one-row transactions write 3,000+ pages to the WAL; checkpointed every 50 rows, it
      // restarts and never holds more than those 50 transactions' pages.
      expect(walBytes(file)).toBeLessThan(200 * PAGE)
    } finally {
      db.close()
    }
  })

  it('without it the same writes pile up in the WAL (the test above can fail)', () => {
    const file = path.join(dir, 'piled.sqlite')
    const db = openWithoutAutoCheckpoint(file)
    const insert = db.prepare('INSERT INTO filler (text) VALUES (?)')
    try {
      for (let index = 0; index < 3000; index++) db.transaction(() => insert.run('x'.repeat(1000)))()
      expect(walBytes(file)).toBeGreaterThan(2000 * PAGE)
    } finally {
      db.close()
    }
  })

  it('stands aside while bulk work runs, leaving the WAL to SQLite', () => {
    const db = openWithoutAutoCheckpoint(path.join(dir, 'bulk.sqlite'))
    let importing = true
    const checkpointer = new IdleCheckpointer(db, 1, () => importing)
    try {
      db.prepare('INSERT INTO filler (text) VALUES (?)').run('x')
      expect(checkpointer.checkpointIfDue()).toBe(false)
      importing = false
      expect(checkpointer.checkpointIfDue()).toBe(true)
    } finally {
      db.close()
    }
  })

  it('never checkpoints inside an open transaction', () => {
    const db = openWithoutAutoCheckpoint(path.join(dir, 'tx.sqlite'))
    const checkpointer = new IdleCheckpointer(db, 1)
    try {
      db.transaction(() => {
        db.prepare('INSERT INTO filler (text) VALUES (?)').run('x')
        expect(checkpointer.checkpointIfDue()).toBe(false)
      })()
      expect(checkpointer.checkpointIfDue()).toBe(true)
      expect(checkpointer.checkpointIfDue()).toBe(false)
    } finally {
      db.close()
    }
  })
})

describe('the core', () => {
  let t: TestCore

  afterEach(() => {
    t.close()
  })

  it("keeps the till's WAL small with sales a turn apart, without SQLite's automatic checkpoint", async () => {
    t = await openTestCore({ dataDir: dir })
    const catalogue = await t.call('import:open', { kind: 'catalog', fileName: 'coupons.csv', bytes: csvBytes('code\nANNA10\n') })
    await t.call('import:run', { token: catalogue.token, options: catalogue.options })
    t.db.pragma('wal_autocheckpoint = 0')
    for (let index = 0; index < 1500; index++) {
      await t.call('sale:register', { code: 'ANNA10', amount: '12.50', orderId: `W-${index}` })
      await nextTurn()
    }
    // 1,500 sales write several thousand pages in all; checkpointed between sales, the WAL
    // holds at most the pages of the ~33 sales since the last checkpoint.
    expect(walBytes(t.db.name)).toBeLessThan(600 * PAGE)
    expect(t.db.prepare('SELECT count(*) FROM sales').pluck().get()).toBe(1500)
  })
})
