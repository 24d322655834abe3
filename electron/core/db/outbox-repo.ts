import type { SaleState } from '../../shared/sale-state'
import type { Db } from './connection'
import { cached } from './statements'
import { undecidedImportsClause } from './sales-repo'

export type OutboxKind = 'sale' | 'reversal'

export function enqueueOutbox(db: Db, saleId: number, kind: OutboxKind, atMs: number): void {
  cached(
    db,
    `INSERT INTO outbox (sale_id, kind, status, attempts, next_attempt_at_ms, created_at_ms)
     VALUES (?, ?, 'pending', 0, ?, ?)`,
  ).run(saleId, kind, atMs, atMs)
}

/** Withdraws a pending delivery; returns false when it is no longer pending (in flight or done). */
export function cancelPendingOutbox(db: Db, saleId: number, kind: OutboxKind): boolean {
  return (
    cached(
      db,
      `UPDATE outbox SET status = 'cancelled' WHERE sale_id = ? AND kind = ? AND status = 'pending'`,
    ).run(saleId, kind).changes === 1
  )
}

export type OutboxStatus = 'pending' | 'in_flight' | 'done' | 'cancelled'
export type OutboxStep = 'send' | 'verify' | 'redeem'

export interface OutboxRow {
  id: number
  sale_id: number
  kind: OutboxKind
  status: OutboxStatus
  attempts: number
  next_attempt_at_ms: number
  created_at_ms: number
  last_error: string | null
  step: OutboxStep
  maybe_delivered: 0 | 1
  verify_attempts: number
  last_attempt_at_ms: number | null
  in_flight_since_ms: number | null
  done_at_ms: number | null
}

export function outboxForSale(db: Db, saleId: number): OutboxRow[] {
  return cached(db, 'SELECT * FROM outbox WHERE sale_id = ? ORDER BY id').all(saleId) as OutboxRow[]
}

// ---------------------------------------------------------------------------------------------
// The sync engine's queries. All of them go through DUE_RULE, so the rule for what may be sent
// lives in one place.

/**
 * Which outbox rows may be worked on (their time aside):
 * - the row is pending;
 * - a reversal only once the sale's own delivery is finished: a reversal never goes before its
 *   sale.
 * Another feature that must hold rows back (an import batch not yet committed) adds its clause
 * here.
 */
const DUE_RULE = `o.status = 'pending'
  AND (o.kind = 'sale' OR EXISTS (
    SELECT 1 FROM outbox s WHERE s.sale_id = o.sale_id AND s.kind = 'sale' AND s.status = 'done'))`

/** An outbox row with the sale fields a connector needs. */
export interface WorkItem extends OutboxRow {
  order_id: string
  coupon_code: string
  amount_minor: number
  currency: string
  occurred_at_ms: number
  terminal_id: string
  affiliate_id: string | null
  campaign_id: string | null
  sale_state: SaleState
}

const WORK_COLUMNS = `o.*, s.order_id, s.coupon_code, s.amount_minor, s.currency, s.occurred_at_ms, s.terminal_id,
  s.affiliate_id, s.campaign_id, s.state AS sale_state`

/**
 * Takes up to `limit` due rows and marks them in flight (their sales "sending"). Call inside
 * the transaction that commits before any request goes out: a crash after it leaves rows in
 * flight, which the next start treats as possibly delivered.
 */
export function claimDueWork(db: Db, nowMs: number, limit: number): WorkItem[] {
  if (limit <= 0) return []
  const items = cached(
    db,
    `SELECT ${WORK_COLUMNS} FROM outbox o JOIN sales s ON s.id = o.sale_id
     WHERE ${DUE_RULE} AND o.next_attempt_at_ms <= ?
     ORDER BY o.next_attempt_at_ms, o.id LIMIT ?`,
  ).all(nowMs, limit) as WorkItem[]
  const mark = cached(db, `UPDATE outbox SET status = 'in_flight', in_flight_since_ms = ? WHERE id = ? AND status = 'pending'`)
  const sending = cached(db, `UPDATE sales SET state = 'sending', state_changed_at_ms = ? WHERE id = ? AND state = 'saved'`)
  for (const item of items) {
    mark.run(nowMs, item.id)
    if (item.kind === 'sale' && item.step === 'send') sending.run(nowMs, item.sale_id)
  }
  return items
}

/** When the next row becomes due; null when nothing waits. */
export function nextDueAt(db: Db): number | null {
  const row = cached(db, `SELECT o.next_attempt_at_ms AS at FROM outbox o WHERE ${DUE_RULE} ORDER BY o.next_attempt_at_ms LIMIT 1`).get() as { at: number } | undefined
  return row?.at ?? null
}

/**
 * After a crash or a kill: rows left in flight go back to pending. A sale's send may have
 * reached the platform, so it is marked `maybe_delivered` (verified or handed to the manager,
 * never sent blindly); lookups, redemptions and reversals are safe to repeat.
 */
export function recoverInFlight(db: Db, nowMs: number): number {
  const changed = cached(
    db,
    `UPDATE outbox SET
       maybe_delivered = CASE WHEN kind = 'sale' AND step = 'send' THEN 1 ELSE maybe_delivered END,
       last_attempt_at_ms = CASE WHEN kind = 'sale' AND step = 'send' THEN coalesce(in_flight_since_ms, last_attempt_at_ms) ELSE last_attempt_at_ms END,
       status = 'pending', next_attempt_at_ms = ?, in_flight_since_ms = NULL
     WHERE status = 'in_flight'`,
  ).run(nowMs).changes
  cached(db, `UPDATE sales SET state = 'saved', state_changed_at_ms = ? WHERE state = 'sending'`).run(nowMs)
  return changed
}

/** Gives back claims that never went out (the engine stopped or paused first): nothing was sent. */
export function releaseClaims(db: Db, ids: readonly number[], nowMs: number): void {
  const outbox = cached(db, `UPDATE outbox SET status = 'pending', in_flight_since_ms = NULL WHERE id = ? AND status = 'in_flight'`)
  const sale = cached(db, `UPDATE sales SET state = 'saved', state_changed_at_ms = ? WHERE id = (SELECT sale_id FROM outbox WHERE id = ?) AND state = 'sending'`)
  for (const id of ids) {
    outbox.run(id)
    sale.run(nowMs, id)
  }
}

export interface OutboxUpdate {
  status: 'pending' | 'done' | 'cancelled'
  step: OutboxStep
  attempts: number
  next_attempt_at_ms: number
  maybe_delivered: 0 | 1
  verify_attempts: number
  last_attempt_at_ms: number | null
  last_error: string | null
  done_at_ms: number | null
}

export function updateOutboxRow(db: Db, id: number, update: OutboxUpdate): void {
  cached(
    db,
    `UPDATE outbox SET status = @status, step = @step, attempts = @attempts, next_attempt_at_ms = @next_attempt_at_ms,
       maybe_delivered = @maybe_delivered, verify_attempts = @verify_attempts, last_attempt_at_ms = @last_attempt_at_ms,
       last_error = @last_error, done_at_ms = @done_at_ms, in_flight_since_ms = NULL
     WHERE id = @id`,
  ).run({ ...update, id })
}

/** Makes waiting rows due now ("Sync now", the platform reachable again). Lookups keep their schedule. */
export function bringForwardPending(db: Db, nowMs: number): number {
  return cached(
    db,
    `UPDATE outbox SET next_attempt_at_ms = ? WHERE status = 'pending' AND step != 'verify' AND next_attempt_at_ms > ?`,
  ).run(nowMs, nowMs).changes
}

export interface OutboxCounts {
  waiting: number
  oldestWaitingAt: number | null
  inFlight: number
  verifying: number
  needsAttention: number
}

export function outboxCounts(db: Db): OutboxCounts {
  const undecided = undecidedImportsClause(db)
  const waiting = cached(
    db,
    `SELECT count(*) AS n, min(created_at_ms) AS oldest FROM sales WHERE state IN ('saved', 'sending')${undecided === null ? '' : ` AND ${undecided}`}`,
  ).get() as { n: number; oldest: number | null }
  const work = cached(
    db,
    `SELECT coalesce(sum(status = 'in_flight'), 0) AS in_flight,
            coalesce(sum(status = 'pending' AND step = 'verify'), 0) AS verifying
     FROM outbox WHERE status IN ('in_flight', 'pending')`,
  ).get() as { in_flight: number; verifying: number }
  const attention = cached(db, `SELECT count(*) AS n FROM sales WHERE state = 'needs_attention'`).get() as { n: number }
  return { waiting: waiting.n, oldestWaitingAt: waiting.oldest, inFlight: work.in_flight, verifying: work.verifying, needsAttention: attention.n }
}

export function findOutboxRow(db: Db, saleId: number, kind: OutboxKind): OutboxRow | undefined {
  return cached(db, 'SELECT * FROM outbox WHERE sale_id = ? AND kind = ?').get(saleId, kind) as OutboxRow | undefined
}

/** Sends a finished item again from the start (the manager fixed the sale or checked the platform). */
export function restartOutboxRow(db: Db, id: number, nowMs: number): void {
  cached(
    db,
    `UPDATE outbox SET status = 'pending', step = 'send', attempts = 0, verify_attempts = 0, maybe_delivered = 0,
       next_attempt_at_ms = ?, last_error = NULL, done_at_ms = NULL, in_flight_since_ms = NULL
     WHERE id = ?`,
  ).run(nowMs, id)
}

export function finishOutboxRow(db: Db, id: number, nowMs: number, status: 'done' | 'cancelled'): void {
  cached(db, `UPDATE outbox SET status = ?, done_at_ms = ?, in_flight_since_ms = NULL WHERE id = ?`).run(status, nowMs, id)
}
