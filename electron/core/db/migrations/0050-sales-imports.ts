import type { Migration } from './migration'

/**
 * Sales imported from a till's CSV export.
 *
 * - sales_imports: one row per import batch. Its status is the import's commit point:
 *   'reading' (rows are checked into a scratch file beside the database; nothing is in `sales`
 *   yet), 'publishing' (decided: the checked rows are being moved into `sales` and `outbox` in
 *   short transactions, `published_through` says how far; a restart finishes the move),
 *   'committed', or an end that added nothing ('cancelled', 'failed', 'refused' for
 *   all-or-nothing, 'dry_run'); 'voided' once the manager voids the whole batch.
 * - sales.import_batch_id / import_line: which batch and which line of its file a sale came from.
 *   The index is partial, so the till's own sales (NULL) cost nothing extra at commit.
 * - import_layouts: the column mapping a manager confirmed, per file layout (header or shape).
 * - sales.counts_toward_limit: the sale's coupon had a use limit when the sale was written. Only
 *   those sales are in the per-code usage index: the count matters only against a limit, and an
 *   index keyed by code takes a write at a random place for every sale, which on a million-row
 *   import of a thousand codes costs more than the rest of the insert together.
 */
export const migration0050: Migration = {
  version: 50,
  name: 'sales imports',
  up(db) {
    db.exec(`
      CREATE TABLE sales_imports (
        id INTEGER PRIMARY KEY,
        file_name TEXT NOT NULL,
        file_sha256 TEXT NOT NULL,
        file_bytes INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN
          ('reading', 'publishing', 'committed', 'cancelled', 'failed', 'refused', 'dry_run', 'voided')),
        actor TEXT NOT NULL,
        started_at_ms INTEGER NOT NULL,
        finished_at_ms INTEGER,
        settings_json TEXT NOT NULL,
        scratch_path TEXT,
        rows_read INTEGER NOT NULL DEFAULT 0,
        imported INTEGER NOT NULL DEFAULT 0,
        refused INTEGER NOT NULL DEFAULT 0,
        duplicates INTEGER NOT NULL DEFAULT 0,
        staged INTEGER NOT NULL DEFAULT 0,
        published_through INTEGER NOT NULL DEFAULT 0,
        refused_rows_path TEXT
      ) STRICT;
      CREATE INDEX sales_imports_by_file ON sales_imports (file_sha256, status);

      ALTER TABLE sales ADD COLUMN import_batch_id INTEGER REFERENCES sales_imports (id);
      ALTER TABLE sales ADD COLUMN import_line INTEGER;
      CREATE INDEX sales_by_import ON sales (import_batch_id, id) WHERE import_batch_id IS NOT NULL;

      ALTER TABLE sales ADD COLUMN counts_toward_limit INTEGER NOT NULL DEFAULT 0 CHECK (counts_toward_limit IN (0, 1));
      UPDATE sales SET counts_toward_limit = 1 WHERE coupon_key IN (SELECT key FROM coupons WHERE max_uses > 0);
      DROP INDEX sales_uses_by_coupon;
      CREATE INDEX sales_uses_by_coupon ON sales (coupon_key, created_at_ms, state)
        WHERE counts_toward_limit = 1 AND state != 'voided';

      CREATE TABLE import_layouts (
        kind TEXT NOT NULL CHECK (kind IN ('sales', 'catalog')),
        signature TEXT NOT NULL,
        settings_json TEXT NOT NULL,
        updated_at_ms INTEGER NOT NULL,
        PRIMARY KEY (kind, signature)
      ) STRICT, WITHOUT ROWID;
    `)
  },
}
