import type { SaleState } from '../../shared/sale-state'
import type { ReversalState, SaleAttention } from '../../shared/sync-contract'
import type { OutboxUpdate, WorkItem } from '../db/outbox-repo'
import type { SaleSyncUpdate } from '../db/sales-repo'
import type { ConnectorCapabilities } from './connectors/connector'
import type { FollowUp, PushOutcome, RetryOutcome, VerifyOutcome } from './outcome'
import type { BackoffSettings } from './retry-policy'
import { backoffCeiling, nextAttemptAt } from './retry-policy'

/**
 * What an outcome does to a work item and its sale, as a pure function of the item, the
 * outcome and the time, so every rule of the policy (engine.ts) is testable without a network.
 */

/** What a worker reports for one item. */
export type WorkResult =
  | { kind: 'push'; outcome: PushOutcome }
  | { kind: 'verify'; outcome: VerifyOutcome }
  /** A possibly delivered sale the platform cannot be asked about and would not refuse twice. */
  | { kind: 'unconfirmed'; reason: string }
  /** Too early to ask the platform about a possibly delivered sale: come back at `untilMs`. */
  | { kind: 'wait'; untilMs: number }
  /** Bookkeeping the current platform cannot do (the platform changed since): finished as it stands. */
  | { kind: 'skip'; reason: string }

export type ReportKey = 'accepted' | 'submitted' | 'duplicate' | 'rejected' | 'retry' | 'unconfirmed' | 'verified' | 'config_error' | 'reversed' | 'waiting'

export interface Transition {
  outbox: OutboxUpdate
  /** null leaves the sale as it is. */
  sale: SaleSyncFields | null
  report: ReportKey
  /** The platform took something: updates "last success". */
  isSuccess: boolean
  /** The item reached a final state (delivered, refused, handed to the manager). */
  isProgress: boolean
  error: string | null
  /** The platform could not be reached: go offline and probe. */
  goOffline: boolean
  /** The configuration is wrong: pause the queue with this reason. */
  pauseReason: string | null
  /** Every request waits until then (429, Retry-After). */
  holdUntilMs: number | null
  /** The sale was voided while being sent and never reached the platform: its reversal is moot. */
  cancelReversal: boolean
  message: string
}

export type SaleSyncFields = SaleSyncUpdate

export interface TransitionContext {
  nowMs: number
  random: () => number
  backoff: BackoffSettings
  capabilities: ConnectorCapabilities
  verifyAttempts: number
  /** Shortest wait before a submitted sale is looked up. */
  verifyDelayMs: number
  /** The sale's sync fields before this outcome (attempt count, reversal state). */
  sale: { state: SaleState; sync_attempts: number; reversal_state: ReversalState | null; attention: SaleAttention | null; last_error: string | null; last_attempt_at_ms: number | null }
}

const MAX_VERIFY_WAIT_MS = 6 * 60 * 60_000

export const UNCONFIRMED_MESSAGE = 'Delivery unconfirmed: the request may have reached the platform, which cannot be asked about it. Check in the platform, then mark it as sent or resend it.'

export function transition(item: WorkItem, result: WorkResult, context: TransitionContext): Transition {
  const base = baseUpdate(item)
  if (result.kind === 'wait') {
    return neutral(item, { ...base, next_attempt_at_ms: result.untilMs }, context, 'waiting', `waits until the platform may show it`)
  }
  if (result.kind === 'skip') {
    return { ...neutral(item, { ...base, status: 'done', last_error: result.reason, done_at_ms: context.nowMs }, context, 'waiting', result.reason), sale: null }
  }
  if (item.kind === 'reversal') return reversalTransition(item, result, base, context)
  if (result.kind === 'unconfirmed') return unconfirmed(item, base, context, result.reason)
  if (result.kind === 'verify') return verifyTransition(item, result.outcome, base, context)
  return pushTransition(item, result.outcome, base, context)
}

function baseUpdate(item: WorkItem): OutboxUpdate {
  return {
    status: 'pending',
    step: item.step,
    attempts: item.attempts,
    next_attempt_at_ms: item.next_attempt_at_ms,
    maybe_delivered: item.maybe_delivered,
    verify_attempts: item.verify_attempts,
    last_attempt_at_ms: item.last_attempt_at_ms,
    last_error: item.last_error,
    done_at_ms: null,
  }
}

/** A voided sale keeps its state; its delivery outcome only decides what happens to the reversal. */
function saleState(context: TransitionContext, wanted: SaleState): SaleState {
  return context.sale.state === 'voided' ? 'voided' : wanted
}

function pushTransition(item: WorkItem, outcome: PushOutcome, base: OutboxUpdate, context: TransitionContext): Transition {
  const { nowMs } = context
  switch (outcome.kind) {
    case 'accepted':
    case 'duplicate': {
      // A "duplicate" of an order we may have delivered ourselves is our own delivery, confirmed.
      const isOurs = outcome.kind === 'accepted' || item.maybe_delivered === 1 || item.step === 'redeem'
      const state: SaleState = isOurs ? 'accepted' : 'duplicate'
      const note = outcome.note ?? null
      return delivered(item, base, context, state, outcome.followUp, note, isOurs ? (item.maybe_delivered === 1 ? 'accepted (confirmed by the platform)' : 'accepted') : 'duplicate: the platform already had this order id')
    }
    case 'submitted': {
      const verifyLater = context.capabilities.canVerify
      const wait = Math.max(context.capabilities.verifySettleMs, verifyLater ? context.verifyDelayMs : 0)
      return {
        outbox: verifyLater
          ? { ...base, status: 'pending', step: 'verify', attempts: base.attempts + 1, verify_attempts: 0, next_attempt_at_ms: nowMs + wait, last_attempt_at_ms: nowMs, last_error: null }
          : { ...base, status: 'done', attempts: base.attempts + 1, last_attempt_at_ms: nowMs, last_error: null, done_at_ms: nowMs },
        sale: saleFields(context, { state: saleState(context, 'submitted'), attention: null, last_error: outcome.note ?? null, attempts: +1, lastAttemptAt: nowMs, nextAttemptAt: verifyLater ? nowMs + wait : null }),
        report: 'submitted',
        isSuccess: true,
        isProgress: true,
        error: null,
        goOffline: false,
        pauseReason: null,
        holdUntilMs: null,
        cancelReversal: false,
        message: verifyLater ? 'submitted; will be confirmed with the platform' : 'submitted (the platform does not confirm conversions)',
      }
    }
    case 'rejected':
      return toManager(base, context, { attention: 'rejected', reason: outcome.reason, report: 'rejected', message: `refused: ${outcome.reason}`, countsAsAttempt: true, reversalIfVoided: null })
    case 'retry':
      return retryTransition(item, outcome, base, context)
    case 'config_error':
      return configErrorTransition(item, outcome.reason, base, context)
    default:
      return outcome satisfies never
  }
}

function delivered(item: WorkItem, base: OutboxUpdate, context: TransitionContext, state: SaleState, followUp: FollowUp | undefined, note: string | null, message: string): Transition {
  const { nowMs } = context
  // Only a send is an attempt; a lookup or a redemption is bookkeeping around it.
  const countsAsAttempt = item.step === 'send'
  const attempts = countsAsAttempt ? base.attempts + 1 : base.attempts
  const outbox: OutboxUpdate =
    followUp === undefined
      ? { ...base, status: 'done', attempts, last_attempt_at_ms: nowMs, last_error: note, done_at_ms: nowMs }
      : {
          ...base,
          status: 'pending',
          step: 'redeem',
          attempts,
          last_attempt_at_ms: nowMs,
          last_error: followUp.reason,
          next_attempt_at_ms: nextAttemptAt({ nowMs, attempt: attempts, random: context.random, backoff: context.backoff, notBeforeMs: followUp.notBeforeMs }),
        }
  return {
    outbox,
    sale: saleFields(context, { state: saleState(context, state), attention: null, last_error: note ?? followUp?.reason ?? null, attempts: countsAsAttempt ? +1 : 0, lastAttemptAt: nowMs, nextAttemptAt: followUp === undefined ? null : outbox.next_attempt_at_ms }),
    report: state === 'duplicate' ? 'duplicate' : 'accepted',
    isSuccess: true,
    isProgress: true,
    error: null,
    goOffline: false,
    pauseReason: null,
    holdUntilMs: null,
    cancelReversal: false,
    message: followUp === undefined ? message : `${message}; the code redemption will be retried`,
  }
}

function retryTransition(item: WorkItem, outcome: RetryOutcome, base: OutboxUpdate, context: TransitionContext): Transition {
  const { nowMs } = context
  const maybe = outcome.maybeDelivered || item.maybe_delivered === 1
  // A sale that may have arrived, on a platform that can neither be asked nor refuses a second copy.
  if (item.kind === 'sale' && item.step === 'send' && maybe && !context.capabilities.canVerify && !context.capabilities.dedupesOrderId) {
    return unconfirmed(item, { ...base, maybe_delivered: 1 }, context, outcome.reason)
  }
  const attempts = base.attempts + 1
  const isNetwork = outcome.cause === 'network'
  // Offline, the probe decides when to go again; otherwise the item backs off on its own.
  const next = isNetwork ? nowMs : nextAttemptAt({ nowMs, attempt: attempts, random: context.random, backoff: context.backoff, notBeforeMs: outcome.notBeforeMs })
  const isSend = item.step === 'send'
  return {
    outbox: {
      ...base,
      status: 'pending',
      attempts,
      next_attempt_at_ms: next,
      maybe_delivered: isSend && outcome.maybeDelivered ? 1 : base.maybe_delivered,
      last_attempt_at_ms: isSend && outcome.maybeDelivered ? nowMs : base.last_attempt_at_ms,
      last_error: outcome.reason,
    },
    sale: saleFields(context, {
      state: item.step === 'send' ? saleState(context, 'saved') : context.sale.state,
      attention: context.sale.attention,
      last_error: outcome.reason,
      attempts: +1,
      lastAttemptAt: nowMs,
      nextAttemptAt: next,
    }),
    report: 'retry',
    isSuccess: false,
    isProgress: false,
    error: outcome.reason,
    goOffline: isNetwork,
    pauseReason: null,
    holdUntilMs: outcome.cause === 'rate_limit' ? (outcome.notBeforeMs ?? nowMs + context.backoff.baseMs) : null,
    cancelReversal: false,
    message: `will retry: ${outcome.reason}`,
  }
}

function configErrorTransition(item: WorkItem, reason: string, base: OutboxUpdate, context: TransitionContext): Transition {
  return {
    // Not the item's fault: it waits, unchanged, until the configuration is fixed.
    outbox: { ...base, status: 'pending', next_attempt_at_ms: context.nowMs, last_error: reason },
    sale: saleFields(context, { state: item.step === 'send' && item.kind === 'sale' ? saleState(context, 'saved') : context.sale.state, attention: context.sale.attention, last_error: reason, attempts: 0, lastAttemptAt: context.nowMs, nextAttemptAt: null }),
    report: 'config_error',
    isSuccess: false,
    isProgress: false,
    error: reason,
    goOffline: false,
    pauseReason: reason,
    holdUntilMs: null,
    cancelReversal: false,
    message: `paused: ${reason}`,
  }
}

function unconfirmed(_item: WorkItem, base: OutboxUpdate, context: TransitionContext, reason: string): Transition {
  return toManager(base, context, {
    attention: 'unconfirmed',
    reason: `${UNCONFIRMED_MESSAGE} (${reason})`,
    report: 'unconfirmed',
    message: 'delivery unconfirmed: needs the manager',
    countsAsAttempt: false,
    outbox: { maybe_delivered: 1 },
    reversalIfVoided: 'manual',
  })
}

function verifyTransition(item: WorkItem, outcome: VerifyOutcome, base: OutboxUpdate, context: TransitionContext): Transition {
  const { nowMs } = context
  switch (outcome.kind) {
    case 'found':
      return delivered(item, base, context, 'accepted', undefined, null, 'confirmed by the platform')
    case 'declined': {
      const reason = `Declined at the platform: ${outcome.reason}`
      return toManager(base, context, { attention: 'declined', reason, report: 'verified', message: reason, countsAsAttempt: false, reversalIfVoided: null })
    }
    case 'not_found': {
      const tries = base.verify_attempts + 1
      if (tries < context.verifyAttempts) {
        const wait = Math.min(MAX_VERIFY_WAIT_MS, backoffCeiling(tries + 1, { baseMs: Math.max(context.capabilities.verifySettleMs, context.verifyDelayMs), capMs: MAX_VERIFY_WAIT_MS }))
        return neutral(item, { ...base, verify_attempts: tries, next_attempt_at_ms: nowMs + wait, last_error: 'not at the platform yet' }, context, 'retry', 'not at the platform yet; will look again')
      }
      const reason = `The platform has no record of this sale after ${tries} lookups. Check in the platform, then mark it as sent or resend it.`
      return toManager(base, context, { attention: 'not_found', reason, report: 'verified', message: 'not found at the platform: needs the manager', countsAsAttempt: false, outbox: { verify_attempts: tries }, reversalIfVoided: 'manual' })
    }
    case 'retry': {
      const transitionOut = retryTransition(item, { ...outcome, maybeDelivered: false }, base, context)
      // A failed lookup is not a failed attempt of the sale itself.
      return { ...transitionOut, outbox: { ...transitionOut.outbox, attempts: base.attempts } }
    }
    case 'config_error':
      return configErrorTransition(item, outcome.reason, base, context)
    default:
      return outcome satisfies never
  }
}

function reversalTransition(item: WorkItem, result: WorkResult, base: OutboxUpdate, context: TransitionContext): Transition {
  const { nowMs } = context
  const outcome: PushOutcome = result.kind === 'push' ? result.outcome : { kind: 'rejected', reason: 'unexpected result for a reversal' }
  const finish = (reversal: ReversalState, error: string | null, message: string, report: ReportKey, isSuccess: boolean): Transition => ({
    outbox: { ...base, status: 'done', attempts: base.attempts + 1, last_attempt_at_ms: nowMs, last_error: error, done_at_ms: nowMs },
    sale: { ...saleFields(context, { state: context.sale.state, attention: context.sale.attention, last_error: error ?? context.sale.last_error, attempts: 0, lastAttemptAt: nowMs, nextAttemptAt: null }), reversal_state: reversal },
    report,
    isSuccess,
    isProgress: true,
    error,
    goOffline: false,
    pauseReason: null,
    holdUntilMs: null,
    cancelReversal: false,
    message,
  })
  switch (outcome.kind) {
    case 'accepted':
    case 'submitted':
    case 'duplicate':
      return finish('sent', null, 'reversal sent', 'reversed', true)
    case 'rejected':
      return finish('failed', `The platform refused the reversal: ${outcome.reason}. Reverse the sale in the platform.`, 'reversal refused', 'rejected', false)
    case 'config_error':
      if (!context.capabilities.canReverse) return finish('manual', `${outcome.reason}. Reverse the sale in the platform.`, 'reversal must be done in the platform', 'rejected', false)
      return configErrorTransition(item, outcome.reason, base, context)
    case 'retry': {
      // Reversals are idempotent at every platform that has them: repeating one is safe.
      const transitionOut = retryTransition(item, { ...outcome, maybeDelivered: false }, base, context)
      return { ...transitionOut, sale: transitionOut.sale === null ? null : { ...transitionOut.sale, state: context.sale.state, reversal_state: 'pending' } }
    }
    default:
      return outcome satisfies never
  }
}

function neutral(item: WorkItem, outbox: OutboxUpdate, context: TransitionContext, report: ReportKey, message: string): Transition {
  return {
    outbox,
    sale: saleFields(context, { state: item.kind === 'sale' && item.step === 'send' ? saleState(context, 'saved') : context.sale.state, attention: context.sale.attention, last_error: context.sale.last_error, attempts: 0, nextAttemptAt: outbox.next_attempt_at_ms }),
    report,
    isSuccess: false,
    isProgress: false,
    error: null,
    goOffline: false,
    pauseReason: null,
    holdUntilMs: null,
    cancelReversal: false,
    message,
  }
}

/**
 * A sale the platform did not take cleanly goes to the manager: its delivery is finished, the
 * reason kept, and a voided sale's reversal dropped (what the platform never took needs none).
 */
function toManager(base: OutboxUpdate, context: TransitionContext, change: {
  attention: SaleAttention
  reason: string
  report: ReportKey
  message: string
  countsAsAttempt: boolean
  outbox?: Partial<OutboxUpdate>
  /** The reversal state a voided sale is left with. */
  reversalIfVoided: ReversalState | null
}): Transition {
  const { nowMs } = context
  return {
    outbox: {
      ...base,
      status: 'done',
      attempts: base.attempts + (change.countsAsAttempt ? 1 : 0),
      ...(change.countsAsAttempt ? { last_attempt_at_ms: nowMs } : {}),
      last_error: change.reason,
      done_at_ms: nowMs,
      ...change.outbox,
    },
    sale: saleFields(context, {
      state: saleState(context, 'needs_attention'),
      attention: change.attention,
      last_error: change.reason,
      attempts: change.countsAsAttempt ? +1 : 0,
      ...(change.attention === 'unconfirmed' ? {} : { lastAttemptAt: nowMs }),
      nextAttemptAt: null,
      reversal: whenVoided(context, change.reversalIfVoided),
    }),
    report: change.report,
    isSuccess: false,
    isProgress: true,
    error: change.reason,
    goOffline: false,
    pauseReason: null,
    holdUntilMs: null,
    cancelReversal: context.sale.state === 'voided',
    message: change.message,
  }
}

/** For a voided sale, the reversal state this outcome leaves (undefined keeps it). */
function whenVoided(context: TransitionContext, reversal: ReversalState | null): ReversalState | null | undefined {
  return context.sale.state === 'voided' ? reversal : undefined
}

function saleFields(
  context: TransitionContext,
  fields: { state: SaleState; attention: SaleAttention | null; last_error: string | null; attempts: number; lastAttemptAt?: number | null; nextAttemptAt: number | null; reversal?: ReversalState | null | undefined },
): SaleSyncFields {
  return {
    state: fields.state,
    attention: fields.attention,
    last_error: fields.last_error,
    sync_attempts: context.sale.sync_attempts + fields.attempts,
    last_attempt_at_ms: fields.lastAttemptAt === undefined ? context.sale.last_attempt_at_ms : fields.lastAttemptAt,
    next_attempt_at_ms: fields.nextAttemptAt,
    reversal_state: fields.reversal === undefined ? context.sale.reversal_state : fields.reversal,
  }
}
