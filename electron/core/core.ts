import { mkdirSync } from 'node:fs'
import type { ChannelName, EventName } from '../shared/channels'
import { isChannelName } from '../shared/channels'
import type { EventPayload } from '../shared/contract'
import { channels, describeIssues } from '../shared/contract'
import { AppError, isAppError } from '../shared/errors'
import type { Result } from '../shared/result'
import { fail, ok } from '../shared/result'
import type { Clock } from './clock'
import { systemClock } from './clock'
import type { Db } from './db/connection'
import { openDatabase } from './db/connection'
import { databasePath } from './data-dir'
import { dropStagingTable } from './db/coupons-repo'
import type { SaleSource } from './db/sales-repo'
import { JobRunner } from './jobs/job-runner'
import { loadSettings, seedSettings } from './settings/store-settings'
import { createHandlers } from './handlers'
import type { CoreContext } from './core-context'
import { createLogger } from './logger'
import type { SecretStore } from './secrets/secret-store'
import { fileSecretStore } from './secrets/secret-store'
import type { SyncEngineOptions } from './sync/engine'
import { SyncEngine } from './sync/engine'
import { ImportService } from './imports/import-service'
import { recoverImports } from './imports/sales/recover-imports'
import { CHECKPOINT_AFTER_ROWS, IdleCheckpointer } from './db/idle-checkpoint'

const log = createLogger('core')

/**
 * The engine behind every front end: the Electron utility process, the test host and the CLI.
 * `invoke` parses the input against the contract, runs the handler and answers a Result; it
 * never throws. Events go to every listener after the transaction that caused them committed.
 */

export interface CoreOptions {
  dataDir: string
  source: SaleSource
  /** Who this front end is, for the audit log: 'app', 'cli', 'host'. */
  actorPrefix: string
  version?: string
  clock?: Clock
  nativeBinding?: string
  /** Where platform credentials live; by default a 0600 file in the data folder (CLI, test host). */
  secrets?: SecretStore
  /** Start draining the outbox to the platform with the core (the app and the test host do). */
  startSync?: boolean
  /** Test seams for the sync engine: HTTP, randomness, timers, a per-outcome callback. */
  sync?: Pick<SyncEngineOptions, 'http' | 'random' | 'timers' | 'onResult' | 'lockOwner'>
}

export type CoreEventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void

export interface Core {
  readonly db: Db
  readonly context: CoreContext
  /** The import wizard's steps (the CLI runs them on files from disk). */
  readonly imports: ImportService
  invoke(channel: string, input: unknown): Promise<Result<unknown>>
  onEvent(listener: CoreEventListener): () => void
  /** Lets requests in flight finish (a few seconds at most), then closes. */
  shutdown(): Promise<void>
  close(): void
}

export function createCore(options: CoreOptions): Core {
  mkdirSync(options.dataDir, { recursive: true })
  const db = openDatabase(databasePath(options.dataDir), options.nativeBinding ? { nativeBinding: options.nativeBinding } : {})
  seedSettings(db)
  // A catalogue import cut short by a crash leaves its staging table behind; it is worthless.
  dropStagingTable(db)

  const clock = options.clock ?? systemClock
  const secrets = options.secrets ?? fileSecretStore(options.dataDir)
  const listeners = new Set<CoreEventListener>()
  // Reports progress through `emit` below (called only once a job runs).
  const jobs = new JobRunner((progress) => emit('job:progress', progress), clock)
  const checkpointer = new IdleCheckpointer(db, CHECKPOINT_AFTER_ROWS, () => jobs.anyRunning())
  let sync: SyncEngine | null = null
  const emit = <E extends EventName>(event: E, payload: EventPayload<E>): void => {
    // A new or changed sale may be work for the sync engine, and was a write.
    if (event === 'sales:changed') {
      sync?.wake()
      checkpointer.afterWrite()
    }
    for (const listener of listeners) {
      try {
        listener(event, payload)
      } catch (error) {
        log.error('event listener failed', { event, error: String(error) })
      }
    }
  }
  const context: CoreContext = {
    db,
    nativeBinding: options.nativeBinding,
    clock,
    jobs,
    dataDir: options.dataDir,
    version: options.version ?? '0.0.0',
    actor: () => `${options.actorPrefix}:${loadSettings(db).terminalId}`,
    source: options.source,
    settings: () => loadSettings(db),
    emit,
    secrets,
    sync: new SyncEngine({ db, clock, secrets, emit, storeName: () => loadSettings(db).storeName, ...options.sync }),
  }
  sync = context.sync
  recoverImports(db, clock.now(), context.actor())
  const imports = new ImportService(context)
  const handlers = createHandlers(context, imports)
  if (options.startSync === true) context.sync.start()

  async function invoke(channel: string, input: unknown): Promise<Result<unknown>> {
    if (!isChannelName(channel)) {
      return fail({ code: 'INVALID_INPUT', message: `Unknown channel ${String(channel).slice(0, 60)}` })
    }
    const parsed = channels[channel].input.safeParse(input)
    if (!parsed.success) {
      const { message, details } = describeIssues(parsed.error)
      return fail({ code: 'INVALID_INPUT', message, details })
    }
    try {
      const handler = handlers[channel] as (value: unknown) => unknown
      const value = await handler(parsed.data)
      return ok(channels[channel].output.parse(value))
    } catch (error) {
      return fail(toErrorData(channel, error))
    } finally {
      // After the answer, not inside it: see idle-checkpoint.ts.
      checkpointer.afterWrite()
    }
  }

  return {
    db,
    context,
    imports,
    invoke,
    onEvent(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    async shutdown() {
      await context.sync.shutdown()
      this.close()
    },
    close() {
      context.sync.stop()
      context.jobs.cancelAll()
      listeners.clear()
      if (db.open) db.close()
    },
  }
}

function toErrorData(channel: ChannelName, error: unknown) {
  if (isAppError(error)) return error.toData()
  const message = error instanceof Error ? error.message : String(error)
  if (/SQLITE_BUSY|database is locked/i.test(message)) {
    return new AppError('BUSY', 'The database is busy with another task; try again').toData()
  }
  log.error('handler failed', { channel, error: message, stack: error instanceof Error ? error.stack : undefined })
  return new AppError('INTERNAL', `Something went wrong in ${channel}; nothing was saved. (${message})`).toData()
}
