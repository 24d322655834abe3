import type { Core, CoreOptions } from '../../electron/core/core'
import { createCore } from '../../electron/core/core'
import type { Clock } from '../../electron/core/clock'
import { fixedClock } from '../../electron/core/clock'
import type { Db } from '../../electron/core/db/connection'
import type { ChannelName, EventName } from '../../electron/shared/channels'
import type { ChannelInput, ChannelOutput, EventPayload } from '../../electron/shared/contract'
import type { AppErrorData } from '../../electron/shared/errors'
import type { SettingsPatch } from '../../electron/shared/settings'

/**
 * A real core on a real SQLite file, with the store set up the way most tests want it:
 * terminal T1 in Berlin selling in euros, a clock pinned to Saturday 21 Nov 2026 11:00 local.
 * `call` unwraps an ok result (and fails the test on an error); `refusal` does the reverse.
 */

export const TEST_NOW = Date.parse('2026-11-21T10:00:00Z')

export const TEST_SETTINGS: SettingsPatch = {
  terminalId: 'T1',
  timeZone: 'Europe/Berlin',
  currency: 'EUR',
  amountFormat: 'point',
}

export interface RecordedEvent {
  event: EventName
  payload: unknown
}

export interface TestCore {
  core: Core
  db: Db
  dataDir: string
  events: RecordedEvent[]
  call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>
  refusal(channel: string, input: unknown): Promise<AppErrorData>
  close(): void
}

export interface OpenTestCoreOptions {
  dataDir: string
  clock?: Clock
  /** Applied through `settings:update` before the test sees the core; `null` leaves the seeded defaults. */
  settings?: SettingsPatch | null
  source?: CoreOptions['source']
}

export async function openTestCore(options: OpenTestCoreOptions): Promise<TestCore> {
  const core = createCore({
    dataDir: options.dataDir,
    source: options.source ?? 'till',
    actorPrefix: 'test',
    clock: options.clock ?? fixedClock(TEST_NOW),
  })
  const events: RecordedEvent[] = []
  core.onEvent((event, payload) => {
    events.push({ event, payload })
  })
  const testCore: TestCore = {
    core,
    db: core.db,
    dataDir: options.dataDir,
    events,
    call: (channel, input) => call(core, channel, input),
    refusal: (channel, input) => refusal(core, channel, input),
    close: () => core.close(),
  }
  const settings = options.settings === undefined ? TEST_SETTINGS : options.settings
  if (settings !== null) {
    await testCore.call('settings:update', settings)
    events.length = 0
  }
  return testCore
}

export async function call<C extends ChannelName>(
  core: Core,
  channel: C,
  input: ChannelInput<C>,
): Promise<ChannelOutput<C>> {
  const result = await core.invoke(channel, input)
  if (!result.ok) {
    throw new Error(`${channel} failed with ${result.error.code}: ${result.error.message}`)
  }
  return result.value as ChannelOutput<C>
}

export async function refusal(core: Core, channel: string, input: unknown): Promise<AppErrorData> {
  const result = await core.invoke(channel, input)
  if (result.ok)
    throw new Error(`${channel} was expected to fail but answered ${JSON.stringify(result.value)}`)
  return result.error
}

/** Waits for the next event of one kind that matches, resolving with its payload. */
export function nextEvent<E extends EventName>(
  core: Core,
  event: E,
  matches: (payload: EventPayload<E>) => boolean = () => true,
): Promise<EventPayload<E>> {
  const wanted: EventName = event
  return new Promise((resolve) => {
    const stop = core.onEvent((name, payload) => {
      if (name !== wanted) return
      const typed = payload as unknown as EventPayload<E>
      if (matches(typed)) {
        stop()
        resolve(typed)
      }
    })
  })
}

export interface TableCounts {
  sales: number
  outbox: number
  audit: number
  coupons: number
  catalogImports: number
  settings: number
}

/** Row counts of every table a write could touch: equal before and after means nothing was written. */
export function tableCounts(db: Db): TableCounts {
  const count = (table: string): number =>
    (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n
  return {
    sales: count('sales'),
    outbox: count('outbox'),
    audit: count('audit_log'),
    coupons: count('coupons'),
    catalogImports: count('catalog_imports'),
    settings: count('settings'),
  }
}

export function csvBytes(text: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(Buffer.from(text, 'utf8'))
}
