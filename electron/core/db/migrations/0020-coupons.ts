import type { Migration } from './migration'

export const migration0020: Migration = {
  version: 20,
  name: 'coupon catalogue',
  up(db) {
    // Codes are looked up by `key` (trimmed, upper-cased); `code` keeps the catalogue's spelling.
    // WITHOUT ROWID keeps the primary key the table itself, so a catalogue import can build a
    // replacement table and swap it in by renaming (its key index renames with it).
    db.exec(`
      CREATE TABLE coupons (
        key TEXT PRIMARY KEY,
        code TEXT NOT NULL,
        affiliate_id TEXT,
        affiliate_name TEXT,
        campaign_id TEXT,
        campaign_name TEXT,
        valid_from_ms INTEGER,
        valid_to_ms INTEGER,
        is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
        max_uses INTEGER CHECK (max_uses IS NULL OR max_uses >= 0),
        times_used INTEGER NOT NULL DEFAULT 0 CHECK (times_used >= 0),
        min_order_minor INTEGER CHECK (min_order_minor IS NULL OR min_order_minor >= 0),
        seen_at_ms INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE catalog_imports (
        id INTEGER PRIMARY KEY,
        started_at_ms INTEGER NOT NULL,
        finished_at_ms INTEGER NOT NULL,
        file_name TEXT NOT NULL,
        mode TEXT NOT NULL CHECK (mode IN ('merge', 'replace')),
        rows_read INTEGER NOT NULL,
        imported INTEGER NOT NULL,
        refused INTEGER NOT NULL,
        coupons_after INTEGER NOT NULL
      ) STRICT;
    `)
  },
}
