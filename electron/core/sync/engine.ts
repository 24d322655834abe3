import { withDeferredFsync } from '../db/deferred-fsync'
import { randomBytes } from 'node:crypto'
import os from 'node:os'
import type { EventName } from '../../shared/channels'
import type { EventPayload } from '../../shared/contract'
import { AppError } from '../../shared/errors'
import type { PlatformId, SyncTuning } from '../../shared/platform-config'
import type { DrainReport, SyncStatus } from '../../shared/sync-contract'
import type { Clock } from '../clock'
import type { Db } from '../db/connection'
import type { WorkItem } from '../db/outbox-repo'
import { bringForwardPending, cancelPendingOutbox, claimDueWork, nextDueAt, outboxCounts, recoverInFlight, releaseClaims, updateOutboxRow } from '../db/outbox-repo'
import { findSaleById, updateSaleSync } from '../db/sales-repo'
import type { SyncLockOwner, SyncLockRow } from '../db/sync-state-repo'
import { acquireSyncLock, heartbeatSyncLock, readSyncState, recordSyncActivity, releaseSyncLock, setPausedByManager } from '../db/sync-state-repo'
import { createLogger } from '../logger'
import type { SecretStore } from '../secrets/secret-store'
import type { Connector, ConnectorCapabilities, SaleForPlatform } from './connectors/connector'
import { createConnector } from './connectors'
import type { HttpClient, HttpFetch } from './http-client'
import { createHttpClient } from './http-client'
import { readStoredPlatformConfig, resolvePlatform, syncTuning } from './platform-settings'
import { Reachability } from './reachability'
import type { LiveSyncState } from './sync-status'
import { composeSyncStatus, stuckClockStart } from './sync-status'
import type { ReportKey, WorkResult } from './transitions'
import { transition } from './transitions'

const log = createLogger('sync')

/**
 * The sync engine: drains the outbox to the platform, exactly once in effect.
 *
 * The policy, in order of importance:
 * 1. Before a request goes out, its outbox row is marked in flight (the sale "sending") in a
 *    committed transaction; the outcome is recorded in a later one. Outcomes and the next claims
 *    share one short transaction per cycle, so a drain of thousands costs one commit per batch.
 * 2. An ambiguous outcome is never sent again blindly: a timeout after the request was written,
 *    a reset after sending, or a row found in flight at start (the process died mid-request)
 *    marks the row `maybe_delivered`. Next time:
 *    - where the platform refuses a repeated order id and says so (Partnero), it is sent again
 *      and a "duplicate" answer counts as our own delivery, confirmed;
 *    - where the platform can be asked by order id (PAP API, AffiliationSoftware API), it is
 *      asked first, once the platform may show it (`verifySettleMs`), and sent only if absent;
 *    - otherwise (plain pixels and postbacks) the sale goes to the manager as "delivery
 *      unconfirmed" with both actions: mark as sent, or resend. Nothing doubles, nothing is lost.
 * 3. What proves nothing was applied (refused connection, DNS failure, an error before the
 *    request was fully written, 408/429/5xx answers) is retried: per item with exponential
 *    backoff and full jitter (1 s to 5 min), the platform's Retry-After / rate-limit reset
 *    winning when longer; a 429 holds every request until then.
 * 4. No answer at all means offline: nothing is claimed until a probe of the platform answers;
 *    then the waiting rows are due at once.
 * 5. A refusal puts that sale in "needs attention" and the rest keep flowing; a configuration
 *    error (credentials, address) pauses the queue until the configuration changes.
 * 6. "Submitted" sales are looked up later where the platform allows and become accepted, or
 *    need attention when declined or still absent after several lookups.
 * 7. A reversal is due only once its sale's delivery is finished (outbox-repo DUE_RULE).
 * 8. One process drains a data folder at a time (sync_lock with a heartbeat; a dead holder on
 *    this machine is taken over at once).
 *
 * Nothing here blocks the till: HTTP is asynchronous, every transaction is short, events are
 * emitted after commits and throttled.
 */

export type Emit = <E extends EventName>(event: E, payload: EventPayload<E>) => void

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

const realTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
}

export interface SyncResultEvent {
  orderId: string
  kind: 'sale' | 'reversal'
  report: ReportKey
  message: string
}

export interface SyncEngineOptions {
  db: Db
  clock: Clock
  secrets: SecretStore
  emit: Emit
  storeName: () => string
  http?: HttpFetch
  random?: () => number
  timers?: Timers
  lockOwner?: SyncLockOwner
  /** Each recorded outcome (the CLI prints them). */
  onResult?: (event: SyncResultEvent) => void
}

interface ActiveConnector {
  /** Bumped at every configuration change: outcomes of an older configuration do not pause the new one. */
  generation: number
  platform: PlatformId
  connector: Connector
  prober: Connector
  tuning: SyncTuning
}

interface Finished {
  item: WorkItem
  result: WorkResult
  capabilities: ConnectorCapabilities
  generation: number
}

const HEARTBEAT_MS = 10_000
const LOCK_STALE_MS = 60_000
const IDLE_POLL_MS = 5_000
const STATUS_THROTTLE_MS = 200
const SALES_EVENT_THROTTLE_MS = 250
const DB_RETRY_MS = 1_000
const MAX_PROBE_TIMEOUT_MS = 10_000
const LOCK_RETRY_MS = 1_000
/** How long outcomes may wait to be committed together while claimed work keeps the slots busy. */
const OUTCOME_BATCH_MS = 10

export class SyncEngine {
  private readonly db: Db
  private readonly clock: Clock
  private readonly timers: Timers
  private readonly random: () => number
  private readonly owner: SyncLockOwner
  private readonly ownHttp: HttpClient | null
  private readonly http: HttpFetch
  private running = false
  private accepting = true
  private lockHeld = false
  private otherProcess: string | null = null
  private active: ActiveConnector | null = null
  private configError: string | null = null
  private readonly reach: Reachability
  private holdUntil = 0
  private readonly inFlight = new Map<number, AbortController>()
  /** Claimed (marked in flight) and waiting for a free slot: a drain never waits for a commit between two requests. */
  private readonly ready: WorkItem[] = []
  private readonly finished: Finished[] = []
  private pumpQueued = false
  private wakeTimer: unknown = null
  private wakeAt = Infinity
  private probeTimer: unknown = null
  private probing: AbortController | null = null
  private heartbeatTimer: unknown = null
  private statusTimer: unknown = null
  private stuckTimer: unknown = null
  private salesTimer: unknown = null
  private batchTimer: unknown = null
  private readonly changedSales = new Set<number>()
  private nextAttemptAt: number | null = null
  private tally: DrainReport['outcomes'] = emptyTally()
  private idleWaiters: (() => void)[] = []
  private lastStatusKey = ''
  private lastLockTry = -Infinity
  private readonly resultListeners = new Set<(event: SyncResultEvent) => void>()
  private generation = 0

  constructor(private readonly options: SyncEngineOptions) {
    this.db = options.db
    this.clock = options.clock
    this.timers = options.timers ?? realTimers
    this.random = options.random ?? Math.random
    this.owner = options.lockOwner ?? { owner: randomBytes(8).toString('hex'), pid: process.pid, host: os.hostname() }
    this.ownHttp = options.http === undefined ? createHttpClient() : null
    this.http = options.http ?? (this.ownHttp as HttpClient).fetch
    this.reach = new Reachability(this.clock.now())
  }

  get isRunning(): boolean {
    return this.running
  }

  /** Takes the drain lock, recovers rows a crash left in flight, and starts working. */
  start(): void {
    if (this.running) return
    this.running = true
    this.accepting = true
    this.loadConnector()
    this.lastLockTry = this.clock.now()
    this.tryLock()
    this.heartbeatTimer = this.timers.setTimeout(() => this.heartbeat(), HEARTBEAT_MS)
    this.probeSoon(0)
    this.kick()
  }

  /** Stops at once: timers cleared, requests aborted. Rows still in flight are recovered at the next start. */
  stop(): void {
    if (!this.running) return
    this.running = false
    for (const handle of [this.wakeTimer, this.probeTimer, this.heartbeatTimer, this.statusTimer, this.stuckTimer, this.salesTimer, this.batchTimer]) {
      if (handle !== null) this.timers.clearTimeout(handle)
    }
    this.wakeTimer = this.probeTimer = this.heartbeatTimer = this.statusTimer = this.stuckTimer = this.salesTimer = this.batchTimer = null
    this.probing?.abort()
    for (const controller of this.inFlight.values()) controller.abort()
    this.inFlight.clear()
    this.finished.length = 0
    // Claims that never went out are given back as they were; requests in flight are recovered at the next start.
    const unsent = this.ready.splice(0)
    if (unsent.length > 0 && this.db.open) {
      try {
        this.db.transaction(() => releaseClaims(this.db, unsent.map((item) => item.id), this.clock.now())).immediate()
      } catch (error) {
        log.warn('could not give back unsent claims; the next start recovers them', { error: String(error) })
      }
    }
    if (this.lockHeld) {
      try {
        releaseSyncLock(this.db, this.owner.owner)
      } catch (error) {
        log.warn('could not release the sync lock', { error: String(error) })
      }
    }
    this.lockHeld = false
    this.ownHttp?.close()
    for (const resolve of this.idleWaiters.splice(0)) resolve()
  }

  /** Stops taking work, lets requests in flight finish (up to `graceMs`) and records them, then stops. */
  async shutdown(graceMs = 3_000): Promise<void> {
    if (!this.running) return
    this.accepting = false
    if (this.inFlight.size > 0) {
      await new Promise<void>((resolve) => {
        const timer = this.timers.setTimeout(() => {
          for (const controller of this.inFlight.values()) controller.abort()
        }, graceMs)
        this.idleWaiters.push(() => {
          this.timers.clearTimeout(timer)
          resolve()
        })
      })
    }
    this.stop()
  }

  /** A new sale, a fixed sale, anything that may have made work due. */
  wake(): void {
    this.kick()
  }

  /** The platform settings changed: new connector, a configuration pause lifted, reachability re-probed. */
  configChanged(): void {
    this.loadConnector()
    this.configError = null
    this.reach.reset(this.clock.now())
    this.holdUntil = 0
    this.statusChanged()
    if (!this.running) return
    this.probeSoon(0)
    this.kick()
  }

  /** "Sync now": everything waiting is due now; a configuration pause is tried again; offline probes at once. */
  syncNow(): void {
    bringForwardPending(this.db, this.clock.now())
    this.configError = null
    if (this.running && this.reach.state === 'offline') this.probeSoon(0)
    this.statusChanged()
    this.kick()
  }

  pause(): void {
    setPausedByManager(this.db, true)
    this.statusChanged()
  }

  resume(): void {
    setPausedByManager(this.db, false)
    this.configError = null
    this.statusChanged()
    this.kick()
  }

  /** Each outcome as it is recorded (the CLI prints them); returns the unsubscribe. */
  subscribeResults(listener: (event: SyncResultEvent) => void): () => void {
    this.resultListeners.add(listener)
    return () => this.resultListeners.delete(listener)
  }

  status(): SyncStatus {
    return composeSyncStatus(this.db, this.options.secrets, this.clock.now(), this.running ? this.live() : null)
  }

  /**
   * `cli sync --once`: works until nothing is due now (or the platform is offline, paused or
   * holding), then stops and reports the outcomes.
   */
  async drainOnce(): Promise<{ report: DrainReport; status: SyncStatus }> {
    this.tally = emptyTally()
    this.start()
    if (!this.lockHeld) {
      const message = this.otherProcess ?? 'another process is sending sales'
      this.stop()
      throw new AppError('BUSY', message)
    }
    await new Promise<void>((resolve) => {
      this.idleWaiters.push(resolve)
      this.kick()
    })
    const report: DrainReport = { sent: Object.values(this.tally).reduce((sum, n) => sum + n, 0) - this.tally.config_error, outcomes: { ...this.tally }, remaining: outboxCounts(this.db).waiting }
    // The status as this run saw it (reachability, a configuration error), before it stops.
    const status = this.status()
    await this.shutdown()
    return { report, status }
  }

  // -------------------------------------------------------------------------------------------

  private live(): LiveSyncState {
    return {
      reach: this.reach.state,
      reachableSince: this.reach.state === 'online' ? this.reach.since : null,
      configError: this.configError,
      otherProcess: this.lockHeld ? null : this.otherProcess,
      networkProblem: this.reach.state === 'offline' ? this.reach.lastProblem : null,
      nextAttemptAt: this.nextAttemptAt,
    }
  }

  private loadConnector(): void {
    const stored = readStoredPlatformConfig(this.db)
    const resolved = resolvePlatform(stored, this.options.secrets)
    const tuning = syncTuning(stored)
    if (resolved === null || !resolved.ok) {
      this.active = null
      return
    }
    const deps = { http: this.http, timeoutMs: tuning.requestTimeoutMs, now: () => this.clock.now() }
    this.generation++
    this.active = {
      generation: this.generation,
      platform: resolved.resolved.platform,
      connector: createConnector(resolved.resolved, deps),
      prober: createConnector(resolved.resolved, { ...deps, timeoutMs: Math.min(tuning.requestTimeoutMs, MAX_PROBE_TIMEOUT_MS) }),
      tuning,
    }
  }

  private tryLock(): void {
    const now = this.clock.now()
    const { acquired, holder } = acquireSyncLock(this.db, this.owner, now, (row) => this.isStale(row, now))
    if (!acquired) {
      this.lockHeld = false
      this.otherProcess = `Another CouponDesk process (pid ${holder.pid} on ${holder.host}) is sending sales from this data folder.`
      return
    }
    const wasHeld = this.lockHeld
    this.lockHeld = true
    this.otherProcess = null
    if (!wasHeld) {
      const recovered = this.db.transaction(() => recoverInFlight(this.db, now)).immediate()
      if (recovered > 0) log.warn('recovered requests left in flight by an earlier run', { rows: recovered })
    }
  }

  private isStale(holder: SyncLockRow, nowMs: number): boolean {
    if (nowMs - holder.heartbeat_at_ms > LOCK_STALE_MS) return true
    if (holder.host !== this.owner.host) return false
    if (holder.pid === this.owner.pid) return holder.owner !== this.owner.owner
    try {
      process.kill(holder.pid, 0)
      return false
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'ESRCH'
    }
  }

  private heartbeat(): void {
    this.heartbeatTimer = null
    if (!this.running) return
    try {
      if (this.lockHeld && !heartbeatSyncLock(this.db, this.owner.owner, this.clock.now())) {
        this.lockHeld = false
        log.warn('another process took the sync lock')
      }
      if (!this.lockHeld) this.tryLock()
    } catch (error) {
      log.warn('sync lock heartbeat failed', { error: String(error) })
    }
    this.statusChanged()
    this.kick()
    this.heartbeatTimer = this.timers.setTimeout(() => this.heartbeat(), HEARTBEAT_MS)
  }

  /** Runs a cycle after the I/O of this turn: answers that arrived together are recorded in one commit. */
  private kick(): void {
    if (!this.running || this.pumpQueued) return
    this.pumpQueued = true
    setImmediate(() => {
      this.pumpQueued = false
      this.pump()
    })
  }

  private kickSoon(): void {
    if (!this.running || this.pumpQueued || this.batchTimer !== null) return
    this.batchTimer = this.timers.setTimeout(() => {
      this.batchTimer = null
      this.kick()
    }, OUTCOME_BATCH_MS)
  }

  /**
   * How many claims to hold ready beyond the requests in flight, refilled once half are used,
   * so a drain commits its in-flight marks in batches. Only where a claim that never went out
   * costs nothing after a crash (the platform refuses repeats or can be asked): on a plain pixel
   * it would hand the manager an "unconfirmed" sale that was never sent.
   */
  private prefetch(): number {
    const active = this.active
    if (active === null) return 0
    const { dedupesOrderId, canVerify } = active.connector.capabilities
    return dedupesOrderId || canVerify ? 4 * active.tuning.concurrency : 0
  }

  private startReady(now: number): void {
    if (this.ready.length === 0 || this.active === null || !this.canClaim(now)) return
    while (this.inFlight.size < this.active.tuning.concurrency) {
      const item = this.ready.shift()
      if (item === undefined) return
      this.startWork(item)
    }
  }

  private isPausedByManager(): boolean {
    return readSyncState(this.db).paused_by_manager === 1
  }

  private canClaim(nowMs: number): boolean {
    return (
      this.running &&
      this.accepting &&
      this.lockHeld &&
      this.active !== null &&
      this.configError === null &&
      this.reach.state !== 'offline' &&
      this.holdUntil <= nowMs &&
      !this.isPausedByManager()
    )
  }

  /** One cycle: record what finished and claim what is due, in one transaction; start the claimed work. */
  private pump(): void {
    if (!this.running) return
    const now = this.clock.now()
    // The holder of the drain lock may have gone: try to take over, at most once a second.
    if (!this.lockHeld && now - this.lastLockTry >= LOCK_RETRY_MS) {
      this.lastLockTry = now
      try {
        this.tryLock()
      } catch (error) {
        log.warn('could not take the sync lock', { error: String(error) })
      }
    }
    const finished = this.finished.splice(0)
    let claimed: WorkItem[] = []
    let wanted = 0
    const couldClaim = this.canClaim(now)
    const toRelease = couldClaim ? [] : this.ready.splice(0)
    if (couldClaim && this.active !== null) {
      const prefetch = this.prefetch()
      const held = this.inFlight.size + this.ready.length
      // Refill when a slot is free and the ready buffer is at most half full.
      if (held < this.active.tuning.concurrency + Math.floor(prefetch / 2) || this.inFlight.size < this.active.tuning.concurrency) {
        wanted = Math.max(0, this.active.tuning.concurrency + prefetch - held)
      }
    }
    if (finished.length > 0 || toRelease.length > 0 || wanted > 0) {
      // In-flight marks must be on disk before any request goes out (synchronous=FULL). A cycle
      // that only records outcomes or gives claims back skips the fsync: should power fail before
      // the next durable commit, those rows come back in flight and are recovered as such.
      const isDurable = wanted > 0
      try {
        const cycle = (): void =>
          this.db
            .transaction(() => {
              for (const done of finished) this.record(done, now)
              if (toRelease.length > 0) releaseClaims(this.db, toRelease.map((item) => item.id), now)
              // An outcome may have paused the queue or taken it offline: claim only if still allowed.
              if (wanted > 0 && this.canClaim(now)) claimed = claimDueWork(this.db, now, wanted)
            })
            .immediate()
        if (isDurable) cycle()
        else withDeferredFsync(this.db, cycle)
      } catch (error) {
        // Nothing was written: keep the results (and the claims to give back) for the next cycle.
        this.finished.unshift(...finished)
        this.ready.unshift(...toRelease)
        log.warn('sync cycle could not write; retrying', { error: String(error) })
        this.scheduleWake(now + DB_RETRY_MS)
        return
      }
    }
    if (finished.length > 0 || toRelease.length > 0) {
      this.salesChanged()
      this.statusChanged()
    }
    this.ready.push(...claimed)
    this.startReady(now)
    if (claimed.length > 0) this.statusChanged()
    this.planNext(now, this.ready.length > 0 || (wanted > 0 && claimed.length === wanted))
  }

  /**
   * What wakes the next cycle: a finishing request (when every slot is busy), the next due row,
   * the end of a hold, or an idle poll that notices sales other processes added.
   */
  private planNext(now: number, isSaturated: boolean): void {
    const couldClaim = this.canClaim(now)
    let next: number | null = null
    if (couldClaim && !isSaturated) {
      next = nextDueAt(this.db)
      this.nextAttemptAt = next
      this.scheduleWake(next === null ? now + IDLE_POLL_MS : Math.min(Math.max(next, now + 1), now + IDLE_POLL_MS))
    } else if (!couldClaim) {
      this.scheduleWake(this.holdUntil > now ? this.holdUntil : now + (this.lockHeld ? IDLE_POLL_MS : LOCK_RETRY_MS))
    }
    const isIdle = this.inFlight.size === 0 && this.finished.length === 0 && this.ready.length === 0
    if (isIdle && (!couldClaim || (!isSaturated && (next === null || next > now)))) {
      for (const resolve of this.idleWaiters.splice(0)) resolve()
    }
  }

  private scheduleWake(atMs: number): void {
    if (!this.running) return
    if (this.wakeTimer !== null && this.wakeAt <= atMs) return
    if (this.wakeTimer !== null) this.timers.clearTimeout(this.wakeTimer)
    this.wakeAt = atMs
    this.wakeTimer = this.timers.setTimeout(() => {
      this.wakeTimer = null
      this.wakeAt = Infinity
      this.pump()
    }, Math.max(0, atMs - this.clock.now()))
  }

  private startWork(item: WorkItem): void {
    const active = this.active
    if (active === null) {
      this.ready.unshift(item)
      return
    }
    const controller = new AbortController()
    this.inFlight.set(item.id, controller)
    const { capabilities } = active.connector
    const { generation } = active
    void this.perform(item, active.connector, controller.signal)
      .catch((error: unknown): WorkResult => {
        log.error('connector failed unexpectedly', { error: error instanceof Error ? (error.stack ?? error.message) : String(error) })
        return { kind: 'push', outcome: { kind: 'retry', reason: `internal error: ${String(error)}`, cause: 'bad_answer', maybeDelivered: true, notBeforeMs: null } }
      })
      .then((result) => {
        if (!this.running || this.inFlight.get(item.id) !== controller) return
        this.inFlight.delete(item.id)
        this.finished.push({ item, result, capabilities, generation })
        // The next claimed item goes out now (its outcome and this one are committed together),
        // unless this answer stops the queue: no answer, slow down, or a configuration error.
        const halts = haltsQueue(result)
        if (!halts) this.startReady(this.clock.now())
        // While enough claims wait ready, outcomes are recorded a few at a time, not one commit each.
        if (halts || this.ready.length <= this.prefetch() / 2) this.kick()
        else this.kickSoon()
      })
  }

  private async perform(item: WorkItem, connector: Connector, signal: AbortSignal): Promise<WorkResult> {
    const sale = this.saleForPlatform(item)
    const options = { signal }
    if (item.kind === 'reversal') return { kind: 'push', outcome: await connector.pushReversal(sale, options) }
    // Follow-ups of a platform the store has since left: the sale stays as that platform left it.
    if (item.step === 'verify' && !connector.capabilities.canVerify) return { kind: 'skip', reason: 'not looked up: the platform settings changed and it cannot be asked' }
    if (item.step === 'redeem' && connector.platform !== 'partnero') return { kind: 'skip', reason: 'code redemption dropped: the platform changed' }
    if (item.step === 'verify') return { kind: 'verify', outcome: await connector.verifySale(sale, options) }
    if (item.step === 'redeem') return { kind: 'push', outcome: await connector.pushSale(sale, 'redeem', options) }
    if (item.maybe_delivered === 1) {
      const capabilities = connector.capabilities
      if (!capabilities.dedupesOrderId) {
        if (!capabilities.canVerify) return { kind: 'unconfirmed', reason: item.last_error ?? 'the earlier attempt ended without an answer' }
        const settledAt = (item.last_attempt_at_ms ?? 0) + capabilities.verifySettleMs
        if (this.clock.now() < settledAt) return { kind: 'wait', untilMs: settledAt }
        const lookup = await connector.verifySale(sale, options)
        if (lookup.kind !== 'not_found') return { kind: 'verify', outcome: lookup }
      }
    }
    return { kind: 'push', outcome: await connector.pushSale(sale, 'send', options) }
  }

  private saleForPlatform(item: WorkItem): SaleForPlatform {
    return {
      orderId: item.order_id,
      code: item.coupon_code,
      amountMinor: item.amount_minor,
      currency: item.currency,
      occurredAtMs: item.occurred_at_ms,
      affiliateId: item.affiliate_id,
      campaignId: item.campaign_id,
      terminalId: item.terminal_id,
      storeName: this.options.storeName(),
    }
  }

  /** Inside the cycle's transaction. */
  private record(done: Finished, now: number): void {
    const { item, result, capabilities } = done
    const isCurrent = done.generation === this.active?.generation
    const sale = findSaleById(this.db, item.sale_id)
    if (sale === undefined) return
    const tuning = this.active?.tuning ?? syncTuning(readStoredPlatformConfig(this.db))
    const change = transition(item, result, {
      nowMs: now,
      random: this.random,
      backoff: { baseMs: tuning.backoffBaseMs, capMs: tuning.backoffCapMs },
      capabilities,
      verifyAttempts: tuning.verifyAttempts,
      verifyDelayMs: tuning.verifyDelayMs,
      sale: {
        state: sale.state,
        sync_attempts: sale.sync_attempts,
        reversal_state: sale.reversal_state,
        attention: sale.attention,
        last_error: sale.last_error,
        last_attempt_at_ms: sale.last_attempt_at_ms,
      },
    })
    updateOutboxRow(this.db, item.id, change.outbox)
    if (change.sale !== null) updateSaleSync(this.db, item.sale_id, now, change.sale)
    if (change.cancelReversal) cancelPendingOutbox(this.db, item.sale_id, 'reversal')
    if (change.report !== 'waiting') {
      recordSyncActivity(this.db, { attemptAtMs: now, successAtMs: change.isSuccess ? now : null, error: change.error, errorAtMs: change.error === null ? null : now })
    }
    // In-memory consequences take effect for the claims of this same cycle, unless the
    // configuration changed while the request was out (its verdict is about the old one).
    if (isCurrent) {
      if (change.goOffline && this.reach.markOffline(now, change.error ?? 'no answer')) this.probeSoon(this.reach.nextProbeDelay(tuning.probeIntervalMs))
      if (!change.goOffline && (result.kind === 'push' || result.kind === 'verify')) this.reach.markOnline(now)
      if (change.pauseReason !== null) this.configError = change.pauseReason
      if (change.holdUntilMs !== null) this.holdUntil = Math.max(this.holdUntil, change.holdUntilMs)
    }
    if (change.report !== 'waiting') this.tally[change.report]++
    this.changedSales.add(item.sale_id)
    const event: SyncResultEvent = { orderId: item.order_id, kind: item.kind, report: change.report, message: change.message }
    this.options.onResult?.(event)
    for (const listener of this.resultListeners) listener(event)
  }

  // -------------------------------------------------------------------------------------------
  // Reachability probes

  private probeSoon(delayMs: number): void {
    if (!this.running || this.probing !== null) return
    if (this.probeTimer !== null) this.timers.clearTimeout(this.probeTimer)
    this.probeTimer = this.timers.setTimeout(() => {
      this.probeTimer = null
      void this.probe()
    }, delayMs)
  }

  private async probe(): Promise<void> {
    const active = this.active
    if (!this.running || active === null) return
    const controller = new AbortController()
    this.probing = controller
    let reachable = false
    let detail = ''
    try {
      const result = await active.prober.probe({ signal: controller.signal })
      reachable = result.reachable
      detail = result.detail
    } catch (error) {
      detail = String(error)
    } finally {
      this.probing = null
    }
    if (!this.running || this.active !== active) return
    const now = this.clock.now()
    if (reachable) {
      if (this.reach.markOnline(now)) {
        // Back online: what waited for the network is due now.
        bringForwardPending(this.db, now)
        log.info('platform reachable again')
      }
      this.statusChanged()
      this.kick()
    } else {
      if (this.reach.state !== 'offline') this.reach.markOffline(now, detail)
      else this.reach.probeFailed(detail)
      this.statusChanged()
    }
    this.probeSoon(this.reach.nextProbeDelay(active.tuning.probeIntervalMs))
  }

  // -------------------------------------------------------------------------------------------
  // Events, throttled: a drain of thousands must not flood the window.

  private salesChanged(): void {
    if (this.salesTimer !== null || !this.running) return
    this.salesTimer = this.timers.setTimeout(() => {
      this.salesTimer = null
      const saleIds = [...this.changedSales]
      this.changedSales.clear()
      if (saleIds.length > 0) this.options.emit('sales:changed', { saleIds })
    }, SALES_EVENT_THROTTLE_MS)
  }

  private statusChanged(): void {
    if (this.statusTimer !== null || !this.running) return
    this.statusTimer = this.timers.setTimeout(() => {
      this.statusTimer = null
      this.emitStatus()
    }, STATUS_THROTTLE_MS)
  }

  private emitStatus(): void {
    if (!this.running) return
    let status: SyncStatus
    try {
      status = this.status()
    } catch (error) {
      log.warn('could not read the sync status', { error: String(error) })
      return
    }
    const key = JSON.stringify(status)
    if (key !== this.lastStatusKey) {
      this.lastStatusKey = key
      this.options.emit('sync:status-changed', status)
    }
    this.planStuckCheck(status)
  }

  /** The stuck alert appears by itself: a status check is planned for when it would become due. */
  private planStuckCheck(status: SyncStatus): void {
    if (this.stuckTimer !== null) {
      this.timers.clearTimeout(this.stuckTimer)
      this.stuckTimer = null
    }
    if (status.state !== 'online' || status.stuck || status.waiting === 0 || this.active === null) return
    const since = stuckClockStart(status.lastSuccessAt, this.reach.state === 'online' ? this.reach.since : null, status.oldestWaitingAt)
    if (since === null) return
    const due = since + this.active.tuning.stuckAfterMs - this.clock.now()
    this.stuckTimer = this.timers.setTimeout(() => {
      this.stuckTimer = null
      this.emitStatus()
    }, Math.max(0, due) + 10)
  }
}

function haltsQueue(result: WorkResult): boolean {
  if (result.kind !== 'push' && result.kind !== 'verify') return false
  const { outcome } = result
  return outcome.kind === 'config_error' || (outcome.kind === 'retry' && (outcome.cause === 'network' || outcome.cause === 'rate_limit'))
}

function emptyTally(): DrainReport['outcomes'] {
  return { accepted: 0, submitted: 0, duplicate: 0, rejected: 0, retry: 0, unconfirmed: 0, verified: 0, config_error: 0, reversed: 0 }
}
