import type { SaleState } from '../../shared/sale-state'
import { UNSENT_STATES, SALE_STATES } from '../../shared/sale-state'
import type { SaleFilter } from '../../shared/contract'
import type { ReversalState, SaleAttention } from '../../shared/sync-contract'
import type { Db } from './connection'
import { escapeLike } from './coupons-repo'
import { cached } from './statements'
import { batchesBeingRead } from './imports-repo'
import { forgetLocalUses } from './local-uses'

export type SaleSource = 'till' | 'cli' | 'import'

export interface SaleRow {
  id: number
  order_id: string
  coupon_code: string
  coupon_key: string
  amount_minor: number
  currency: string
  occurred_at_ms: number
  business_date: string
  created_at_ms: number
  terminal_id: string
  source: SaleSource
  state: SaleState
  state_changed_at_ms: number
  is_unverified: 0 | 1
  is_future_dated: 0 | 1
  affiliate_id: string | null
  affiliate_name: string | null
  campaign_id: string | null
  campaign_name: string | null
  voided_at_ms: number | null
  void_reason: string | null
  last_error: string | null
  attention: SaleAttention | null
  sync_attempts: number
  last_attempt_at_ms: number | null
  next_attempt_at_ms: number | null
  reversal_state: ReversalState | null
  /** Set on sales that came from a till export (absent on rows built in memory). */
  import_batch_id?: number | null
  import_line?: number | null
}

/** Columns the sync engine owns; a new sale starts with their defaults. */
type SyncColumns = 'attention' | 'sync_attempts' | 'last_attempt_at_ms' | 'next_attempt_at_ms' | 'reversal_state'

export type NewSale = Omit<SaleRow, 'id' | 'voided_at_ms' | 'void_reason' | 'last_error' | SyncColumns> & {
  /** The coupon had a use limit: the sale counts toward it (defaults to 0). */
  counts_toward_limit?: 0 | 1
}

export function insertSale(db: Db, sale: NewSale): number {
  // Positional parameters: a till's sale is timed against a bare insert, and binding 19 values
  // by name costs a few microseconds more.
  const result = cached(
    db,
    `INSERT INTO sales (order_id, coupon_code, coupon_key, amount_minor, currency, occurred_at_ms,
       business_date, created_at_ms, terminal_id, source, state, state_changed_at_ms, is_unverified,
       is_future_dated, affiliate_id, affiliate_name, campaign_id, campaign_name, counts_toward_limit)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    sale.order_id, sale.coupon_code, sale.coupon_key, sale.amount_minor, sale.currency, sale.occurred_at_ms,
    sale.business_date, sale.created_at_ms, sale.terminal_id, sale.source, sale.state, sale.state_changed_at_ms,
    sale.is_unverified, sale.is_future_dated, sale.affiliate_id, sale.affiliate_name, sale.campaign_id,
    sale.campaign_name, sale.counts_toward_limit ?? 0,
  )
  return Number(result.lastInsertRowid)
}

export function findSaleById(db: Db, id: number): SaleRow | undefined {
  return cached(db, 'SELECT * FROM sales WHERE id = ?').get(id) as SaleRow | undefined
}

export function findSaleByOrderId(db: Db, orderId: string): SaleRow | undefined {
  return cached(db, 'SELECT * FROM sales WHERE order_id = ?').get(orderId) as SaleRow | undefined
}

export function orderIdExists(db: Db, orderId: string): boolean {
  return cached(db, 'SELECT 1 FROM sales WHERE order_id = ?').get(orderId) !== undefined
}

/** Order ids with this prefix, through the unique index (a range, not a LIKE scan of the table). */
export function orderIdsStartingWith(db: Db, prefix: string): IterableIterator<string> {
  // The prefix ends in '-', and '.' is the next character: the range holds exactly the prefix's ids.
  if (!prefix.endsWith('-')) throw new Error('An order id prefix ends with "-"')
  return cached(db, 'SELECT order_id FROM sales WHERE order_id >= ? AND order_id < ?')
    .pluck()
    .iterate(prefix, `${prefix.slice(0, -1)}.`) as IterableIterator<string>
}

export function markVoided(db: Db, id: number, atMs: number, reason: string | null): void {
  cached(
    db,
    `UPDATE sales SET state = 'voided', state_changed_at_ms = ?, voided_at_ms = ?, void_reason = ?
     WHERE id = ?`,
  ).run(atMs, atMs, reason, id)
  // A voided sale no longer counts toward its coupon's limit.
  forgetLocalUses(db)
}

/**
 * Sales of an import still being read are written but not decided: the import may yet be
 * cancelled and take them out again. Lists, counts and exports leave them out until it commits.
 * (The condition is added only while such an import runs, so the usual queries stay index-only.)
 */
export function undecidedImportsClause(db: Db): string | null {
  return batchesBeingRead(db).length === 0
    ? null
    : `(import_batch_id IS NULL OR import_batch_id NOT IN (SELECT id FROM sales_imports WHERE status = 'reading'))`
}

function filterClause(db: Db, filter: SaleFilter | undefined): { where: string; params: unknown[] } {
  const clauses: string[] = []
  const params: unknown[] = []
  const undecided = undecidedImportsClause(db)
  if (undecided !== null) clauses.push(undecided)
  const states = filter?.states?.filter((state) => SALE_STATES.includes(state))
  if (states !== undefined && states.length > 0) {
    clauses.push(`state IN (${states.map(() => '?').join(', ')})`)
    params.push(...states)
  }
  if (filter?.unverifiedOnly === true) clauses.push('is_unverified = 1')
  const search = filter?.search?.trim()
  if (search !== undefined && search !== '') {
    clauses.push(`(order_id LIKE ? ESCAPE '\\' OR coupon_key LIKE ? ESCAPE '\\')`)
    params.push(`%${escapeLike(search)}%`, `%${escapeLike(search.toUpperCase())}%`)
  }
  return { where: clauses.length === 0 ? '' : `WHERE ${clauses.join(' AND ')}`, params }
}

/** Newest first (ids are handed out in insertion order); stable for a given offset window. */
export function listSales(db: Db, filter: SaleFilter | undefined, offset: number, limit: number): { rows: SaleRow[]; total: number } {
  const { where, params } = filterClause(db, filter)
  const rows = cached(
    db,
    `SELECT * FROM sales ${where} ORDER BY id DESC LIMIT ? OFFSET ?`,
  ).all(...params, limit, offset) as SaleRow[]
  const total = (cached(db, `SELECT count(*) AS n FROM sales ${where}`).get(...params) as { n: number }).n
  return { rows, total }
}

/** Streams sales for exports without holding them all in memory. */
export function iterateSales(db: Db, filter: SaleFilter | undefined): IterableIterator<SaleRow> {
  const { where, params } = filterClause(db, filter)
  return db
    .prepare(`SELECT * FROM sales ${where} ORDER BY id`)
    .iterate(...params) as IterableIterator<SaleRow>
}

export interface SalesCounts {
  total: number
  byState: Record<SaleState, number>
  oldestUnsentAt: number | null
  unverified: number
  futureDated: number
}

export function salesCounts(db: Db): SalesCounts {
  const undecided = undecidedImportsClause(db)
  const where = (condition: string | null): string => {
    const parts = [undecided, condition].filter((part) => part !== null)
    return parts.length === 0 ? '' : `WHERE ${parts.join(' AND ')}`
  }
  const byState = Object.fromEntries(SALE_STATES.map((state) => [state, 0])) as Record<SaleState, number>
  const rows = cached(db, `SELECT state, count(*) AS n FROM sales ${where(null)} GROUP BY state`).all() as { state: SaleState; n: number }[]
  let total = 0
  for (const row of rows) {
    byState[row.state] = row.n
    total += row.n
  }
  const oldest = cached(
    db,
    `SELECT min(created_at_ms) AS at FROM sales ${where(`state IN (${UNSENT_STATES.map(() => '?').join(', ')})`)}`,
  ).get(...UNSENT_STATES) as { at: number | null }
  const flags = cached(
    db,
    `SELECT coalesce(sum(is_unverified), 0) AS unverified, coalesce(sum(is_future_dated), 0) AS future
     FROM sales ${where("state != 'voided'")}`,
  ).get() as { unverified: number; future: number }
  return { total, byState, oldestUnsentAt: oldest.at, unverified: flags.unverified, futureDated: flags.future }
}

/** The sync engine's view of a sale, mirrored from the outbox for the sales list. */
export interface SaleSyncUpdate {
  state: SaleState
  attention: SaleAttention | null
  last_error: string | null
  sync_attempts: number
  last_attempt_at_ms: number | null
  next_attempt_at_ms: number | null
  reversal_state: ReversalState | null
}

export function updateSaleSync(db: Db, id: number, nowMs: number, update: SaleSyncUpdate): void {
  cached(
    db,
    `UPDATE sales SET
       state_changed_at_ms = CASE WHEN state = @state THEN state_changed_at_ms ELSE @now END,
       state = @state, attention = @attention, last_error = @last_error, sync_attempts = @sync_attempts,
       last_attempt_at_ms = @last_attempt_at_ms, next_attempt_at_ms = @next_attempt_at_ms, reversal_state = @reversal_state
     WHERE id = @id`,
  ).run({ ...update, id, now: nowMs })
}

/** A manager's correction of a sale the platform refused: new code and/or amount. */
export interface SaleCorrection {
  coupon_code: string
  coupon_key: string
  amount_minor: number
  is_unverified: 0 | 1
  affiliate_id: string | null
  affiliate_name: string | null
  campaign_id: string | null
  campaign_name: string | null
}

export function correctSale(db: Db, id: number, correction: SaleCorrection): void {
  cached(
    db,
    `UPDATE sales SET coupon_code = @coupon_code, coupon_key = @coupon_key, amount_minor = @amount_minor,
       is_unverified = @is_unverified, affiliate_id = @affiliate_id, affiliate_name = @affiliate_name,
       campaign_id = @campaign_id, campaign_name = @campaign_name
     WHERE id = @id`,
  ).run({ ...correction, id })
}

export function setReversalState(db: Db, id: number, state: ReversalState | null): void {
  cached(db, 'UPDATE sales SET reversal_state = ? WHERE id = ?').run(state, id)
}
