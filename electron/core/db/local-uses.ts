import type { Db } from './connection'
import { cached } from './statements'
import { dataVersion } from './settings-repo'

/**
 * How many sales this device rang up with a limited code since the catalogue last counted the
 * code's uses (`seen_at_ms`). The count decides "used up" on every scan and every sale of the
 * code, and counting it in the index costs a step per earlier sale: at an event selling one
 * limited promo code all day, every sale would take longer than the one before.
 *
 * So each connection keeps the count per code with the highest sale id it covers, and on the
 * next scan counts only the sales written after it, through the index `sales_uses_by_coupon`
 * (coupon_key, id, ...). New sales from anywhere (the till, an import, another process) have
 * higher ids and are picked up that way. What lowers a count already taken is a void, so voids
 * call `forgetLocalUses`; another connection's commits (it may have voided) are noticed through
 * `PRAGMA data_version` and drop every count.
 */

interface KnownUses {
  seenAtMs: number
  throughId: number
  uses: number
}

interface ConnectionUses {
  version: number
  byKey: Map<string, KnownUses>
}

const known = new WeakMap<Db, ConnectionUses>()

/** Reads only the partial index sales_uses_by_coupon (migration 0060). */
export const LOCAL_USES_SQL = `SELECT count(*) AS n FROM sales
  WHERE coupon_key = ? AND id > ? AND id <= ? AND created_at_ms >= ?
    AND counts_toward_limit = 1 AND state != 'voided'`

export function localUses(db: Db, key: string, seenAtMs: number): number {
  const version = dataVersion(db)
  let connection = known.get(db)
  if (connection === undefined || connection.version !== version) {
    connection = { version, byKey: new Map() }
    known.set(db, connection)
  }
  const lastId = (cached(db, 'SELECT max(id) FROM sales').pluck().get() as number | null) ?? 0
  let entry = connection.byKey.get(key)
  if (entry === undefined || entry.seenAtMs !== seenAtMs) {
    entry = { seenAtMs, throughId: 0, uses: 0 }
    connection.byKey.set(key, entry)
  }
  if (lastId > entry.throughId) {
    const counted = cached(db, LOCAL_USES_SQL).get(key, entry.throughId, lastId, seenAtMs) as { n: number }
    entry.uses += counted.n
    entry.throughId = lastId
  }
  return entry.uses
}

/** After voiding sales, or a write that rolled back: the next scan counts from scratch. */
export function forgetLocalUses(db: Db): void {
  known.delete(db)
}
