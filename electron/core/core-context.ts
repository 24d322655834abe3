import type { EventName } from '../shared/channels'
import type { EventPayload } from '../shared/contract'
import type { Settings } from '../shared/settings'
import type { Db } from './db/connection'
import type { Clock } from './clock'
import type { JobRunner } from './jobs/job-runner'
import type { SaleSource } from './db/sales-repo'
import type { SecretStore } from './secrets/secret-store'
import type { SyncEngine } from './sync/engine'

/** What every handler gets: the database, time, the way to tell the window, and who acts. */
export interface CoreContext {
  db: Db
  /** The better-sqlite3 build the database was opened with, for connections opened in other threads. */
  nativeBinding: string | undefined
  clock: Clock
  jobs: JobRunner
  dataDir: string
  version: string
  /** `app:T1`, `cli:T1`: who did it, for the audit log. */
  actor: () => string
  source: SaleSource
  /** Read afresh when another connection changed them; cheap inside a transaction. */
  settings: () => Settings
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void
  /** Platform credentials; never handed to the window. */
  secrets: SecretStore
  /** The outbox drain; started only where the front end asks for it (app, test host, `cli sync`). */
  sync: SyncEngine
}
