import { describe, expect, it } from 'vitest'
import type { WorkItem } from '../../../../electron/core/db/outbox-repo'
import type { ConnectorCapabilities } from '../../../../electron/core/sync/connectors/connector'
import type { TransitionContext, WorkResult } from '../../../../electron/core/sync/transitions'
import { transition } from '../../../../electron/core/sync/transitions'
import { retry } from '../../../../electron/core/sync/outcome'

const NOW = Date.parse('2026-11-21T10:00:00Z')

const PIXEL: ConnectorCapabilities = { canVerify: false, dedupesOrderId: false, canReverse: false, canPullCatalogue: false, verifySettleMs: 0 }
const PARTNERO: ConnectorCapabilities = { canVerify: true, dedupesOrderId: true, canReverse: true, canPullCatalogue: true, verifySettleMs: 0 }
const PAP_API: ConnectorCapabilities = { canVerify: true, dedupesOrderId: false, canReverse: true, canPullCatalogue: true, verifySettleMs: 15 * 60_000 }

function item(overrides: Partial<WorkItem> = {}): WorkItem {
  return {
    id: 1,
    sale_id: 7,
    kind: 'sale',
    status: 'in_flight',
    attempts: 0,
    next_attempt_at_ms: NOW - 1,
    created_at_ms: NOW - 1000,
    last_error: null,
    step: 'send',
    maybe_delivered: 0,
    verify_attempts: 0,
    last_attempt_at_ms: null,
    in_flight_since_ms: NOW,
    done_at_ms: null,
    order_id: 'T1-20261121-0001',
    coupon_code: 'ANNA10',
    amount_minor: 1250,
    currency: 'EUR',
    occurred_at_ms: NOW - 1000,
    terminal_id: 'T1',
    affiliate_id: 'anna',
    campaign_id: null,
    sale_state: 'sending',
    ...overrides,
  }
}

function context(capabilities: ConnectorCapabilities, sale: Partial<TransitionContext['sale']> = {}): TransitionContext {
  return {
    nowMs: NOW,
    random: () => 0.5,
    backoff: { baseMs: 1_000, capMs: 300_000 },
    capabilities,
    verifyAttempts: 3,
    verifyDelayMs: 60_000,
    sale: { state: 'sending', sync_attempts: 0, reversal_state: null, attention: null, last_error: null, last_attempt_at_ms: null, ...sale },
  }
}

const push = (outcome: Extract<WorkResult, { kind: 'push' }>['outcome']): WorkResult => ({ kind: 'push', outcome })

describe('what an outcome does to a sale', () => {
  it('finishes an accepted sale and records the success', () => {
    const change = transition(item(), push({ kind: 'accepted' }), context(PARTNERO))
    expect(change.outbox).toMatchObject({ status: 'done', attempts: 1, done_at_ms: NOW })
    expect(change.sale).toMatchObject({ state: 'accepted', attention: null, sync_attempts: 1 })
    expect([change.isSuccess, change.report]).toEqual([true, 'accepted'])
  })

  it('counts a duplicate as the platform\'s, unless an earlier attempt of ours may have delivered it', () => {
    expect(transition(item(), push({ kind: 'duplicate' }), context(PARTNERO)).sale?.state).toBe('duplicate')
    expect(transition(item({ maybe_delivered: 1 }), push({ kind: 'duplicate' }), context(PARTNERO)).sale?.state).toBe('accepted')
  })

  it('keeps a refused sale for the manager with its reason, and the queue flowing', () => {
    const change = transition(item(), push({ kind: 'rejected', reason: 'unknown coupon' }), context(PARTNERO))
    expect(change.outbox).toMatchObject({ status: 'done', last_error: 'unknown coupon' })
    expect(change.sale).toMatchObject({ state: 'needs_attention', attention: 'rejected', last_error: 'unknown coupon' })
    expect([change.pauseReason, change.goOffline]).toEqual([null, false])
  })

  it('backs a server error off with jitter and does not mark the delivery doubtful', () => {
    const change = transition(item({ attempts: 2 }), push(retry('HTTP 503', 'server')), context(PIXEL))
    // attempt 3: ceiling 4 s, random 0.5
    expect(change.outbox).toMatchObject({ status: 'pending', attempts: 3, next_attempt_at_ms: NOW + 2_000, maybe_delivered: 0 })
    expect(change.sale).toMatchObject({ state: 'saved', next_attempt_at_ms: NOW + 2_000 })
  })

  it('makes a network failure go offline with the row due at once (the probe decides when)', () => {
    const change = transition(item(), push(retry('connection refused', 'network')), context(PIXEL))
    expect(change.goOffline).toBe(true)
    expect(change.outbox).toMatchObject({ status: 'pending', next_attempt_at_ms: NOW })
  })

  it('holds every request after a 429 until the platform says', () => {
    const change = transition(item(), push(retry('slow down', 'rate_limit', { notBeforeMs: NOW + 30_000 })), context(PARTNERO))
    expect(change.holdUntilMs).toBe(NOW + 30_000)
    expect(change.outbox.next_attempt_at_ms).toBe(NOW + 30_000)
  })

  it('never resends blindly: a maybe-delivered pixel sale goes to the manager, a Partnero one waits to be resent, a PAP one to be looked up', () => {
    const lost = push(retry('reset after sending', 'network', { maybeDelivered: true }))
    const pixel = transition(item(), lost, context(PIXEL))
    expect(pixel.outbox).toMatchObject({ status: 'done', maybe_delivered: 1 })
    expect(pixel.sale).toMatchObject({ state: 'needs_attention', attention: 'unconfirmed' })
    expect(pixel.report).toBe('unconfirmed')

    const partnero = transition(item(), lost, context(PARTNERO))
    expect(partnero.outbox).toMatchObject({ status: 'pending', maybe_delivered: 1, last_attempt_at_ms: NOW })
    const pap = transition(item(), lost, context(PAP_API))
    expect(pap.outbox).toMatchObject({ status: 'pending', maybe_delivered: 1, last_attempt_at_ms: NOW })
  })

  it('pauses the queue on a configuration error without counting an attempt against the sale', () => {
    const change = transition(item({ attempts: 1 }), push({ kind: 'config_error', reason: 'token refused' }), context(PARTNERO))
    expect(change.pauseReason).toBe('token refused')
    expect(change.outbox).toMatchObject({ status: 'pending', attempts: 1 })
    expect(change.sale?.state).toBe('saved')
  })

  it('schedules a lookup of a submitted sale where the platform can be asked, no earlier than its settle time', () => {
    const change = transition(item(), push({ kind: 'submitted' }), context(PAP_API))
    expect(change.outbox).toMatchObject({ status: 'pending', step: 'verify', next_attempt_at_ms: NOW + 15 * 60_000 })
    expect(change.sale?.state).toBe('submitted')
    expect(transition(item(), push({ kind: 'submitted' }), context(PIXEL)).outbox.status).toBe('done')
  })

  it('turns lookups into accepted, declined, another lookup, or the manager after the last one', () => {
    const verifying = item({ step: 'verify', verify_attempts: 0 })
    expect(transition(verifying, { kind: 'verify', outcome: { kind: 'found' } }, context(PAP_API, { state: 'submitted' })).sale?.state).toBe('accepted')
    expect(transition(verifying, { kind: 'verify', outcome: { kind: 'declined', reason: 'declined' } }, context(PAP_API, { state: 'submitted' })).sale).toMatchObject({ state: 'needs_attention', attention: 'declined' })
    const again = transition(verifying, { kind: 'verify', outcome: { kind: 'not_found' } }, context(PAP_API, { state: 'submitted' }))
    expect(again.outbox).toMatchObject({ status: 'pending', verify_attempts: 1 })
    expect(again.sale?.state).toBe('submitted')
    const last = transition(item({ step: 'verify', verify_attempts: 2 }), { kind: 'verify', outcome: { kind: 'not_found' } }, context(PAP_API, { state: 'submitted' }))
    expect(last.sale).toMatchObject({ state: 'needs_attention', attention: 'not_found' })
  })

  it('leaves a follow-up redemption pending while the sale itself counts as accepted', () => {
    const change = transition(item(), push({ kind: 'accepted', followUp: { step: 'redeem', reason: 'HTTP 500', cause: 'server', notBeforeMs: null } }), context(PARTNERO))
    expect(change.outbox).toMatchObject({ status: 'pending', step: 'redeem' })
    expect(change.sale?.state).toBe('accepted')
  })

  it('keeps a voided sale voided, and drops its reversal when the platform never took it', () => {
    const voided = context(PARTNERO, { state: 'voided', reversal_state: 'pending' })
    const accepted = transition(item(), push({ kind: 'accepted' }), voided)
    expect(accepted.sale?.state).toBe('voided')
    expect(accepted.cancelReversal).toBe(false)
    const refused = transition(item(), push({ kind: 'rejected', reason: 'no' }), voided)
    expect(refused.sale).toMatchObject({ state: 'voided', reversal_state: null })
    expect(refused.cancelReversal).toBe(true)
  })

  it('retries reversals without doubt (they are idempotent) and hands a refused one to the manager', () => {
    const reversal = item({ kind: 'reversal' })
    const voided = context(PARTNERO, { state: 'voided', reversal_state: 'pending' })
    const lost = transition(reversal, push(retry('reset', 'network', { maybeDelivered: true })), voided)
    expect(lost.outbox).toMatchObject({ status: 'pending', maybe_delivered: 0 })
    expect(lost.sale).toMatchObject({ state: 'voided', reversal_state: 'pending' })
    expect(transition(reversal, push({ kind: 'accepted' }), voided).sale?.reversal_state).toBe('sent')
    expect(transition(reversal, push({ kind: 'rejected', reason: 'no' }), voided).sale?.reversal_state).toBe('failed')
  })

  it('makes a too-early lookup wait for the settle time without counting anything', () => {
    const change = transition(item({ maybe_delivered: 1 }), { kind: 'wait', untilMs: NOW + 60_000 }, context(PAP_API, { state: 'sending' }))
    expect(change.outbox).toMatchObject({ status: 'pending', next_attempt_at_ms: NOW + 60_000, attempts: 0 })
    expect([change.report, change.isProgress, change.error]).toEqual(['waiting', false, null])
  })

  it('finishes a follow-up the current platform cannot do without touching the sale', () => {
    const change = transition(item({ step: 'verify' }), { kind: 'skip', reason: 'the platform changed' }, context(PIXEL, { state: 'submitted' }))
    expect(change.outbox).toMatchObject({ status: 'done', last_error: 'the platform changed' })
    expect(change.sale).toBeNull()
    expect([change.report, change.isProgress]).toEqual(['waiting', false])
  })
})
