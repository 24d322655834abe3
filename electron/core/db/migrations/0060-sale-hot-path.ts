import type { Migration } from './migration'

/**
 * Two changes that take work off every sale's commit:
 *
 * - Generated order ids are no longer counted in a table of their own: the next number comes
 *   from the ids already in `sales` (see `sales/order-id.ts`). The counter row cost every sale a
 *   page written at commit, for a number the sales' own unique index already holds.
 * - The usage index of limited codes is ordered by sale id after the code, so a scan counts only
 *   the sales written since it last counted (`db/local-uses.ts`) instead of all of them.
 */
export const migration0060: Migration = {
  version: 60,
  name: 'sale hot path',
  up(db) {
    db.exec(`
      DROP TABLE order_sequences;
      DROP INDEX sales_uses_by_coupon;
      CREATE INDEX sales_uses_by_coupon ON sales (coupon_key, id, created_at_ms, state)
        WHERE counts_toward_limit = 1 AND state != 'voided';
    `)
  },
}
