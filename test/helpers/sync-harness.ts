import type { Core } from '../../electron/core/core'
import { createCore } from '../../electron/core/core'
import type { Clock } from '../../electron/core/clock'
import { systemClock } from '../../electron/core/clock'
import type { SyncEngineOptions } from '../../electron/core/sync/engine'
import type { ChannelName } from '../../electron/shared/channels'
import type { ChannelInput, ChannelOutput, SaleView } from '../../electron/shared/contract'
import type { SyncTuning } from '../../electron/shared/platform-config'
import type { PlatformConfigPatch } from '../../electron/shared/sync-contract'
import type { RecordedEvent } from './core-harness'
import { TEST_SETTINGS, call } from './core-harness'
import type { FakePlatform } from './fakes'

/**
 * A core that syncs to a fake platform, on a real SQLite file, with real time (the engine's
 * waits are made short through the sync tuning, never by sleeping in the test). `waitFor`
 * re-checks its condition whenever the core emits an event or the fake receives a request,
 * and fails with what it was waiting for after a safety limit.
 */

/** Short waits so faults clear in milliseconds; each test can override. */
export const FAST_TUNING: Partial<SyncTuning> = {
  backoffBaseMs: 5,
  backoffCapMs: 50,
  probeIntervalMs: 50,
  requestTimeoutMs: 500,
  verifyDelayMs: 20,
  stuckAfterMs: 120_000,
}

export interface SyncTestCore {
  core: Core
  events: RecordedEvent[]
  call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>
  /** Resolves once `condition` holds; re-checked on every core event and fake request. */
  waitFor(condition: () => boolean | Promise<boolean>, what: string, limitMs?: number): Promise<void>
  sales(): Promise<SaleView[]>
  sale(orderId: string): Promise<SaleView>
  close(): void
}

export interface OpenSyncCoreOptions {
  dataDir: string
  fake?: FakePlatform
  platform?: PlatformConfigPatch
  tuning?: Partial<SyncTuning>
  start?: boolean
  clock?: Clock
  sync?: Pick<SyncEngineOptions, 'http' | 'random' | 'timers' | 'onResult' | 'lockOwner'>
}

export async function openSyncCore(options: OpenSyncCoreOptions): Promise<SyncTestCore> {
  const core = createCore({ dataDir: options.dataDir, source: 'till', actorPrefix: 'test', clock: options.clock ?? systemClock, ...(options.sync === undefined ? {} : { sync: options.sync }) })
  const events: RecordedEvent[] = []
  const waiters = new Set<() => void>()
  const poke = (): void => {
    for (const waiter of [...waiters]) waiter()
  }
  core.onEvent((event, payload) => {
    events.push({ event, payload })
    poke()
  })
  const stopListening = options.fake?.onRequest(() => setImmediate(poke))
  await call(core, 'settings:update', TEST_SETTINGS)
  await call(core, 'platform:save-config', { ...(options.platform ?? {}), sync: { ...FAST_TUNING, ...options.tuning } })
  events.length = 0
  if (options.start !== false) core.context.sync.start()

  const sales = async (): Promise<SaleView[]> => (await call(core, 'sale:list', { offset: 0, limit: 1000 })).rows

  return {
    core,
    events,
    call: (channel, input) => call(core, channel, input),
    waitFor(condition, what, limitMs = 15_000) {
      return new Promise<void>((resolve, reject) => {
        let busy = false
        let again = false
        const check = (): void => {
          if (busy) {
            again = true
            return
          }
          busy = true
          void Promise.resolve(condition())
            .then((isMet) => {
              busy = false
              if (isMet) {
                finish()
                resolve()
              } else if (again) {
                again = false
                check()
              }
            })
            .catch((error: unknown) => {
              finish()
              reject(error instanceof Error ? error : new Error(String(error)))
            })
        }
        // A safety limit, not a wait: the condition is re-checked on events, and once a tick as a fallback.
        const ticker = setInterval(check, 100)
        const limit = setTimeout(() => {
          finish()
          reject(new Error(`timed out after ${limitMs} ms waiting for: ${what}`))
        }, limitMs)
        const finish = (): void => {
          waiters.delete(check)
          clearInterval(ticker)
          clearTimeout(limit)
        }
        waiters.add(check)
        check()
      })
    },
    sales,
    async sale(orderId) {
      const found = (await sales()).find((sale) => sale.orderId === orderId)
      if (found === undefined) throw new Error(`no sale ${orderId}`)
      return found
    },
    close() {
      stopListening?.()
      core.close()
    },
  }
}

export function partneroPatch(fake: FakePlatform, token = 'test-token'): PlatformConfigPatch {
  return { active: 'partnero', platform: 'partnero', fields: { baseUrl: fake.url }, secrets: { apiToken: token } }
}

export function allFinal(sales: readonly SaleView[]): boolean {
  return sales.every((sale) => sale.state !== 'saved' && sale.state !== 'sending') && sales.length > 0
}
