import type { Database } from 'better-sqlite3'
import { AppError } from '../../shared/errors'
import { assert } from '../../shared/assert'
import type { Migration } from './migrations/migration'
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations'

/**
 * Schema upgrades. The version lives in `PRAGMA user_version`. The whole upgrade runs in one
 * transaction: a crash half-way leaves the file at its old version. A file written by a newer
 * CouponDesk is refused untouched rather than guessed at.
 */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): number {
  assertOrdered(migrations)
  const current = refuseNewerSchema(db, migrations)
  const pending = migrations.filter((step) => step.version > current)
  if (pending.length === 0) return current

  db.transaction(() => {
    for (const step of pending) {
      step.up(db)
      db.pragma(`user_version = ${step.version}`)
    }
  }).immediate()
  return schemaVersion(db)
}

/**
 * Throws DB_TOO_NEW for a file from a newer CouponDesk; returns the file's version otherwise.
 * Reads only, so it can run before anything (even the journal mode) is written to the file.
 */
export function refuseNewerSchema(db: Database, migrations: readonly Migration[] = MIGRATIONS): number {
  const latest = migrations[migrations.length - 1]?.version ?? 0
  const current = schemaVersion(db)
  if (current > latest) {
    throw new AppError(
      'DB_TOO_NEW',
      `This database was written by a newer CouponDesk (schema ${current}; this version knows up to ${latest}). ` +
        'Install the newer CouponDesk to open it. The file was not changed.',
      { fileVersion: current, knownVersion: latest },
    )
  }
  return current
}

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number
}

export { LATEST_SCHEMA_VERSION }

function assertOrdered(migrations: readonly Migration[]): void {
  migrations.forEach((step, index) => {
    assert(Number.isInteger(step.version) && step.version > 0, `migration ${step.name} has a bad version`)
    const previous = migrations[index - 1]
    assert(previous === undefined || previous.version < step.version, 'migrations are out of order')
  })
}
