import type { Database } from 'better-sqlite3'

/** One schema step. `version` is its file number; it becomes `PRAGMA user_version`. */
export interface Migration {
  version: number
  name: string
  up(db: Database): void
}
