import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import type { Db } from '../../../electron/core/db/connection'
import { openDatabase } from '../../../electron/core/db/connection'
import { migrate, schemaVersion } from '../../../electron/core/db/migrate'
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../electron/core/db/migrations'
import type { Migration } from '../../../electron/core/db/migrations/migration'
import { AppError } from '../../../electron/shared/errors'
import { generateOrderId } from '../../../electron/core/sales/order-id'
import { useTempDirs } from '../../helpers/temp-dir'

const ALL_TABLES = [
  'audit_log',
  'catalog_imports',
  'coupons',
  'import_layouts',
  'outbox',
  'sales',
  'sales_imports',
  'settings',
  'sync_lock',
  'sync_state',
]

const newDir = useTempDirs('migrations')
const newFile = (): string => path.join(newDir(), 'coupondesk.sqlite')

function tables(db: Db): string[] {
  return db
    .prepare(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`,
    )
    .pluck()
    .all() as string[]
}

function hasTable(db: Db, name: string): boolean {
  return tables(db).includes(name)
}

function fileHash(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex')
}

function catchError(action: () => unknown): unknown {
  try {
    action()
  } catch (error) {
    return error
  }
  throw new Error('expected the action to throw')
}

/** Writes one row into every table the schema at the database's version has. */
function seedRepresentativeRows(db: Db): void {
  if (hasTable(db, 'settings')) {
    db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('terminalId', '"OLD1"')
    db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('storeName', '"Corner Shop"')
  }
  if (hasTable(db, 'audit_log')) {
    db.prepare(
      'INSERT INTO audit_log (at_ms, actor, action, subject, details) VALUES (?, ?, ?, ?, ?)',
    ).run(
      1_700_000_000_000,
      'app:OLD1',
      'settings.update',
      'settings',
      '{"storeName":{"from":"","to":"Corner Shop"}}',
    )
  }
  if (hasTable(db, 'coupons')) {
    db.prepare(
      `INSERT INTO coupons (key, code, affiliate_id, affiliate_name, campaign_id, campaign_name, valid_from_ms,
         valid_to_ms, is_active, max_uses, times_used, min_order_minor, seen_at_ms)
       VALUES ('SPRING5', 'Spring5', 'A7', 'Anna', 'C1', 'Spring', 1000, 2000, 1, 10, 3, 1500, 1700000000000)`,
    ).run()
    db.prepare(
      `INSERT INTO catalog_imports (started_at_ms, finished_at_ms, file_name, mode, rows_read, imported, refused, coupons_after)
       VALUES (1700000000000, 1700000001000, 'codes.csv', 'replace', 1, 1, 0, 1)`,
    ).run()
  }
  if (hasTable(db, 'sales') && hasTable(db, 'outbox')) {
    const saleId = db
      .prepare(
        `INSERT INTO sales (order_id, coupon_code, coupon_key, amount_minor, currency, occurred_at_ms, business_date,
           created_at_ms, terminal_id, source, state, state_changed_at_ms)
         VALUES ('OLD1-20231114-0001', 'Spring5', 'SPRING5', 1250, 'EUR', 1700000000000, '2023-11-14',
           1700000000000, 'OLD1', 'till', 'saved', 1700000000000)`,
      )
      .run().lastInsertRowid
    db.prepare(
      `INSERT INTO outbox (sale_id, kind, status, attempts, next_attempt_at_ms, created_at_ms)
       VALUES (?, 'sale', 'pending', 0, 1700000000000, 1700000000000)`,
    ).run(saleId)
  }
  if (hasTable(db, 'sync_state')) {
    db.prepare('UPDATE sync_state SET last_success_at_ms = 1700000002000, paused_by_manager = 1 WHERE id = 1').run()
    db.prepare(`UPDATE outbox SET step = 'verify', maybe_delivered = 1, verify_attempts = 2`).run()
    db.prepare(`UPDATE sales SET attention = 'unconfirmed', sync_attempts = 3, reversal_state = 'pending'`).run()
  }
}

function expectRepresentativeRows(db: Db, builtAt: number): void {
  const has = (version: number): boolean => builtAt >= version
  expect(db.prepare('SELECT key, value FROM settings ORDER BY key').all()).toEqual(
    has(10)
      ? [
          { key: 'storeName', value: '"Corner Shop"' },
          { key: 'terminalId', value: '"OLD1"' },
        ]
      : [],
  )
  expect(db.prepare('SELECT actor, action, subject FROM audit_log ORDER BY id').all()).toEqual(
    has(10) ? [{ actor: 'app:OLD1', action: 'settings.update', subject: 'settings' }] : [],
  )
  expect(
    db
      .prepare(
        'SELECT key, code, affiliate_name, max_uses, times_used, min_order_minor FROM coupons',
      )
      .all(),
  ).toEqual(
    has(20)
      ? [
          {
            key: 'SPRING5',
            code: 'Spring5',
            affiliate_name: 'Anna',
            max_uses: 10,
            times_used: 3,
            min_order_minor: 1500,
          },
        ]
      : [],
  )
  expect(
    db
      .prepare(
        `SELECT s.order_id, s.amount_minor, s.state, o.kind, o.status
         FROM sales s JOIN outbox o ON o.sale_id = s.id ORDER BY s.id`,
      )
      .all(),
  ).toEqual(
    has(30)
      ? [
          {
            order_id: 'OLD1-20231114-0001',
            amount_minor: 1250,
            state: 'saved',
            kind: 'sale',
            status: 'pending',
          },
        ]
      : [],
  )
  // The sync columns of 40: defaults on rows from before, kept values on rows written after.
  expect(
    db.prepare('SELECT o.step, o.maybe_delivered, o.verify_attempts, s.attention, s.sync_attempts, s.reversal_state FROM outbox o JOIN sales s ON s.id = o.sale_id').all(),
  ).toEqual(
    has(30)
      ? [
          has(40)
            ? { step: 'verify', maybe_delivered: 1, verify_attempts: 2, attention: 'unconfirmed', sync_attempts: 3, reversal_state: 'pending' }
            : { step: 'send', maybe_delivered: 0, verify_attempts: 0, attention: null, sync_attempts: 0, reversal_state: null },
        ]
      : [],
  )
  expect(db.prepare('SELECT last_success_at_ms, paused_by_manager FROM sync_state').all()).toEqual([
    has(40) ? { last_success_at_ms: 1700000002000, paused_by_manager: 1 } : { last_success_at_ms: null, paused_by_manager: 0 },
  ])
  expect(db.prepare('SELECT count(*) AS n FROM sync_lock').get()).toEqual({ n: 0 })
  // 60 dropped the order-number table: the next generated id follows the sales already stored.
  expect(generateOrderId(db, 'OLD1', '2023-11-14')).toBe(has(30) ? 'OLD1-20231114-0002' : 'OLD1-20231114-0001')
  // The import columns of 50: a sale from before has none.
  expect(db.prepare('SELECT import_batch_id, import_line FROM sales').all()).toEqual(
    has(30) ? [{ import_batch_id: null, import_line: null }] : [],
  )
}

describe('database migrations', () => {
  it('brings an empty file to the latest version with every table and a sound file', () => {
    const db = openDatabase(newFile())
    try {
      expect(LATEST_SCHEMA_VERSION).toBe(MIGRATIONS[MIGRATIONS.length - 1]?.version)
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION)
      expect(tables(db)).toEqual(ALL_TABLES)
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
      expect(db.pragma('foreign_key_check')).toEqual([])
    } finally {
      db.close()
    }
  })

  const earlierVersions = MIGRATIONS.map((_, count) => ({
    count,
    version: count === 0 ? 0 : (MIGRATIONS[count - 1]?.version ?? -1),
  }))
  it.each(earlierVersions)(
    'upgrades a database at schema version $version (first $count steps) to the latest and keeps its rows',
    ({ count, version }) => {
      const file = newFile()
      const old = openDatabase(file, { skipMigrations: true })
      const builtAt = migrate(old, MIGRATIONS.slice(0, count))
      expect(builtAt).toBe(version)
      expect(old.pragma('user_version', { simple: true })).toBe(version)
      seedRepresentativeRows(old)
      old.close()

      const db = openDatabase(file)
      try {
        expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION)
        expect(tables(db)).toEqual(ALL_TABLES)
        expectRepresentativeRows(db, builtAt)
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
        expect(db.pragma('foreign_key_check')).toEqual([])
      } finally {
        db.close()
      }
    },
  )

  it('still refuses the values the sales and outbox rules forbid after 70 rewrote them without IN lists', () => {
    const db = openDatabase(newFile())
    try {
      const sale = (column: string, value: string | number): (() => void) => () =>
        db.prepare(
          `INSERT INTO sales (order_id, coupon_code, coupon_key, amount_minor, currency, occurred_at_ms, business_date,
             created_at_ms, terminal_id, source, state, state_changed_at_ms, ${column})
           VALUES ('R-' || random(), 'C', 'C', 100, 'EUR', 1, '2026-11-21', 1, 'T1', 'till', 'saved', 1, ?)`,
        ).run(value)
      for (const [column, value] of [
        ['is_unverified', 2],
        ['is_future_dated', -1],
        ['attention', 'bored'],
        ['reversal_state', 'maybe'],
        ['counts_toward_limit', 3],
        ['import_line', 5],
      ] as const) {
        if (column === 'import_line') expect(sale(column, value)).not.toThrow()
        else expect(sale(column, value), column).toThrow(/CHECK constraint failed/)
      }
      expect(() =>
        db.prepare(
          `INSERT INTO sales (order_id, coupon_code, coupon_key, amount_minor, currency, occurred_at_ms, business_date,
             created_at_ms, terminal_id, source, state, state_changed_at_ms)
           VALUES ('R-x', 'C', 'C', 100, 'EUR', 1, '2026-11-21', 1, 'T1', 'till', 'lost', 1)`,
        ).run(),
      ).toThrow(/CHECK constraint failed/)
      const saleId = db.prepare('SELECT id FROM sales LIMIT 1').pluck().get() as number
      const outbox = (kind: string, status: string, step: string): (() => void) => () =>
        db.prepare(
          `INSERT INTO outbox (sale_id, kind, status, attempts, next_attempt_at_ms, created_at_ms, step)
           VALUES (?, ?, ?, 0, 1, 1, ?)`,
        ).run(saleId, kind, status, step)
      expect(outbox('refund', 'pending', 'send')).toThrow(/CHECK constraint failed/)
      expect(outbox('sale', 'waiting', 'send')).toThrow(/CHECK constraint failed/)
      expect(outbox('sale', 'pending', 'ship')).toThrow(/CHECK constraint failed/)
      expect(outbox('sale', 'pending', 'send')).not.toThrow()
      expect(() => db.prepare(`INSERT INTO outbox (sale_id, kind, status, attempts, next_attempt_at_ms, created_at_ms) VALUES (999999, 'sale', 'pending', 0, 1, 1)`).run()).toThrow(/FOREIGN KEY/)
    } finally {
      db.close()
    }
  })

  it('keeps the rows of a database already at the latest version when it is opened again', () => {
    const file = newFile()
    const first = openDatabase(file)
    seedRepresentativeRows(first)
    first.close()

    const db = openDatabase(file)
    try {
      expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION)
      expectRepresentativeRows(db, LATEST_SCHEMA_VERSION)
    } finally {
      db.close()
    }
  })

  it('refuses a database a newer CouponDesk wrote and leaves its bytes as they were', () => {
    const file = newFile()
    const db = openDatabase(file)
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 10}`)
    db.close()
    const before = fileHash(file)

    const error = catchError(() => openDatabase(file))

    expect(error).toBeInstanceOf(AppError)
    const appError = error as AppError
    expect(appError.code).toBe('DB_TOO_NEW')
    expect(appError.message).toMatch(/written by a newer CouponDesk/)
    expect(appError.message).toContain(`schema ${LATEST_SCHEMA_VERSION + 10}`)
    expect(appError.details).toEqual({
      fileVersion: LATEST_SCHEMA_VERSION + 10,
      knownVersion: LATEST_SCHEMA_VERSION,
    })
    expect(fileHash(file)).toBe(before)
  })

  it('refuses a newer database kept in rollback-journal mode (a backup copy) without switching it to WAL', () => {
    const file = newFile()
    const raw = new Database(file)
    raw.exec('CREATE TABLE future_things (id INTEGER PRIMARY KEY) STRICT')
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`)
    expect(raw.pragma('journal_mode', { simple: true })).toBe('delete')
    raw.close()
    const before = fileHash(file)

    const error = catchError(() => openDatabase(file))

    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).code).toBe('DB_TOO_NEW')
    expect(fileHash(file)).toBe(before)
  })

  it('opens with WAL, synchronous FULL, foreign keys on and a busy timeout', () => {
    const db = openDatabase(newFile())
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
      expect(db.pragma('synchronous', { simple: true })).toBe(2)
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
      expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0)
    } finally {
      db.close()
    }
  })

  it('refuses to change or delete an audit line', () => {
    const db = openDatabase(newFile())
    try {
      db.prepare(
        'INSERT INTO audit_log (at_ms, actor, action, subject, details) VALUES (1, ?, ?, NULL, NULL)',
      ).run('cli:T1', 'sale.register')
      expect(() => db.prepare(`UPDATE audit_log SET action = 'sale.void'`).run()).toThrow(
        /audit_log is append-only/,
      )
      expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/audit_log is append-only/)
      expect(db.prepare('SELECT at_ms, actor, action FROM audit_log').all()).toEqual([
        { at_ms: 1, actor: 'cli:T1', action: 'sale.register' },
      ])
    } finally {
      db.close()
    }
  })

  it('rolls the whole upgrade back when one of its steps fails', () => {
    const file = newFile()
    const old = openDatabase(file, { skipMigrations: true })
    migrate(old, MIGRATIONS.slice(0, 1))
    seedRepresentativeRows(old)
    const failing: Migration = {
      version: LATEST_SCHEMA_VERSION + 10,
      name: 'a step that breaks half-way',
      up(db) {
        db.exec('CREATE TABLE half_done (id INTEGER PRIMARY KEY) STRICT')
        throw new Error('disk said no')
      },
    }

    expect(() => migrate(old, [...MIGRATIONS, failing])).toThrow('disk said no')

    expect(schemaVersion(old)).toBe(MIGRATIONS[0]?.version)
    expect(tables(old)).toEqual(['audit_log', 'settings'])
    expect(old.prepare('SELECT count(*) FROM settings').pluck().get()).toBe(2)
    expect(old.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(1)
    old.close()

    const reopened = openDatabase(file)
    try {
      expect(schemaVersion(reopened)).toBe(LATEST_SCHEMA_VERSION)
      expect(reopened.pragma('integrity_check', { simple: true })).toBe('ok')
    } finally {
      reopened.close()
    }
  })
})
