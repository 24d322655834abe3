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
}

export type CoreEventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void

export interface Core {
  readonly db: Db
  readonly context: CoreContext
  invoke(channel: string, input: unknown): Promise<Result<unknown>>
  onEvent(listener: CoreEventListener): () => void
  close(): void
}

export function createCore(options: CoreOptions): Core {
  mkdirSync(options.dataDir, { recursive: true })
  const db = openDatabase(databasePath(options.dataDir), options.nativeBinding ? { nativeBinding: options.nativeBinding } : {})
  seedSettings(db)
  // A catalogue import cut short by a crash leaves its staging table behind; it is worthless.
  dropStagingTable(db)

  const clock = options.clock ?? systemClock
  const listeners = new Set<CoreEventListener>()
  const emit = <E extends EventName>(event: E, payload: EventPayload<E>): void => {
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
    clock,
    jobs: new JobRunner((progress) => emit('job:progress', progress), clock),
    dataDir: options.dataDir,
    version: options.version ?? '0.0.0',
    actor: () => `${options.actorPrefix}:${loadSettings(db).terminalId}`,
    source: options.source,
    settings: () => loadSettings(db),
    emit,
  }
  const handlers = createHandlers(context)

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
    }
  }

  return {
    db,
    context,
    invoke,
    onEvent(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    close() {
      context.jobs.cancelAll()
      listeners.clear()
      db.close()
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
