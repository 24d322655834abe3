/**
 * What a connector makes of the platform's answer. The engine decides what happens to the sale
 * from these alone; connectors never touch the database.
 *
 * `maybeDelivered` is the heart of exactly-once: true when the request may have reached the
 * platform although no answer says so (timeout after the request was written, connection reset
 * after sending). Such a sale is never sent again blindly.
 */

export type RetryCause =
  /** Nothing answered (refused, DNS, unreachable, reset, timeout): the engine goes offline and probes. */
  | 'network'
  /** 408 or 5xx: the platform answered but did not apply the request. */
  | 'server'
  /** 429: slow down, every request waits. */
  | 'rate_limit'
  /** The platform answered something this connector cannot read. */
  | 'bad_answer'

export interface RetryOutcome {
  kind: 'retry'
  reason: string
  cause: RetryCause
  maybeDelivered: boolean
  /** Earliest next attempt the platform asked for (Retry-After, X-RateLimit-Reset), epoch ms. */
  notBeforeMs: number | null
}

export interface ConfigErrorOutcome {
  kind: 'config_error'
  reason: string
}

/** A follow-up left after the sale itself went through (Partnero's code redemption). */
export interface FollowUp {
  step: 'redeem'
  reason: string
  cause: RetryCause
  notBeforeMs: number | null
}

export type PushOutcome =
  | { kind: 'accepted'; note?: string; followUp?: FollowUp }
  | { kind: 'submitted'; note?: string }
  | { kind: 'duplicate'; note?: string; followUp?: FollowUp }
  | { kind: 'rejected'; reason: string }
  | RetryOutcome
  | ConfigErrorOutcome

export type VerifyOutcome =
  | { kind: 'found' }
  | { kind: 'declined'; reason: string }
  | { kind: 'not_found' }
  | RetryOutcome
  | ConfigErrorOutcome

export function retry(reason: string, cause: RetryCause, options: { maybeDelivered?: boolean; notBeforeMs?: number | null } = {}): RetryOutcome {
  return { kind: 'retry', reason, cause, maybeDelivered: options.maybeDelivered ?? false, notBeforeMs: options.notBeforeMs ?? null }
}

export function configError(reason: string): ConfigErrorOutcome {
  return { kind: 'config_error', reason }
}
