import Database from 'better-sqlite3'
import { AppError } from '../../shared/errors'
import { migrate, refuseNewerSchema } from './migrate'

/**
 * The one place a database is opened. A sale is money: WAL with `synchronous=FULL` (the
 * better-sqlite3 default under WAL is NORMAL, which can lose the last commits on power loss),
 * `fullfsync` on macOS where a plain fsync does not reach the platter, foreign keys on, and a
 * busy timeout so the CLI and the app can share the file.
 */

export type Db = Database.Database

export interface OpenDatabaseOptions {
  /** Path of a better-sqlite3 binding built for another ABI (Electron's); see README. */
  nativeBinding?: string
  busyTimeoutMs?: number
  /** Skip migrations (tests that build old schema versions on purpose). */
  skipMigrations?: boolean
}

export function openDatabase(file: string, options: OpenDatabaseOptions = {}): Db {
  let db: Db
  try {
    db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {})
  } catch (error) {
    throw new AppError('DB_ERROR', `Cannot open the database ${file}: ${(error as Error).message}`)
  }
  try {
    db.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`)
    // Switching to WAL rewrites the file header: refuse a newer file before touching it.
    if (!options.skipMigrations) refuseNewerSchema(db)
    applyPragmas(db)
    if (!options.skipMigrations) migrate(db)
    return db
  } catch (error) {
    db.close()
    throw error
  }
}

function applyPragmas(db: Db): void {
  const mode = db.pragma('journal_mode = WAL', { simple: true })
  if (mode !== 'wal') {
    throw new AppError('DB_ERROR', `The database cannot use write-ahead logging here (got ${String(mode)})`)
  }
  db.pragma('synchronous = FULL')
  db.pragma('foreign_keys = ON')
  if (process.platform === 'darwin') {
    db.pragma('fullfsync = ON')
    db.pragma('checkpoint_fullfsync = ON')
  }
}

/**
 * A second connection to a database another connection of this process already opened and
 * migrated, for reading only (an import's reader thread): no migrations, nothing written, and
 * `query_only` so a bug cannot write through it. WAL lets it read while the first one writes.
 */
export function openReaderConnection(file: string, options: Pick<OpenDatabaseOptions, 'nativeBinding' | 'busyTimeoutMs'> = {}): Db {
  let db: Db
  try {
    db = new Database(file, { fileMustExist: true, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) })
  } catch (error) {
    throw new AppError('DB_ERROR', `Cannot open the database ${file}: ${(error as Error).message}`)
  }
  db.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`)
  db.pragma('query_only = ON')
  return db
}
