import type { Db } from './connection'
import { cached } from './statements'

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

export interface OutboxRow {
  id: number
  sale_id: number
  kind: OutboxKind
  status: 'pending' | 'in_flight' | 'done' | 'cancelled'
  attempts: number
  next_attempt_at_ms: number
  created_at_ms: number
  last_error: string | null
}

export function outboxForSale(db: Db, saleId: number): OutboxRow[] {
  return cached(db, 'SELECT * FROM outbox WHERE sale_id = ? ORDER BY id').all(saleId) as OutboxRow[]
}
