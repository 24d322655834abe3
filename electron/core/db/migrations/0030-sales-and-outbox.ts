import type { Migration } from './migration'

export const migration0030: Migration = {
  version: 30,
  name: 'sales, outbox, order sequences',
  up(db) {
    db.exec(`
      CREATE TABLE sales (
        id INTEGER PRIMARY KEY,
        order_id TEXT NOT NULL UNIQUE,
        coupon_code TEXT NOT NULL,
        coupon_key TEXT NOT NULL,
        amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
        currency TEXT NOT NULL CHECK (length(currency) = 3),
        occurred_at_ms INTEGER NOT NULL,
        business_date TEXT NOT NULL,
        created_at_ms INTEGER NOT NULL,
        terminal_id TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('till', 'cli', 'import')),
        state TEXT NOT NULL CHECK (state IN
          ('saved', 'sending', 'submitted', 'accepted', 'duplicate', 'needs_attention', 'voided')),
        state_changed_at_ms INTEGER NOT NULL,
        is_unverified INTEGER NOT NULL DEFAULT 0 CHECK (is_unverified IN (0, 1)),
        is_future_dated INTEGER NOT NULL DEFAULT 0 CHECK (is_future_dated IN (0, 1)),
        affiliate_id TEXT,
        affiliate_name TEXT,
        campaign_id TEXT,
        campaign_name TEXT,
        voided_at_ms INTEGER,
        void_reason TEXT,
        last_error TEXT
      ) STRICT;

      CREATE INDEX sales_by_created ON sales (created_at_ms, id);
      CREATE INDEX sales_by_state ON sales (state, created_at_ms);
      CREATE INDEX sales_by_coupon ON sales (coupon_key, created_at_ms);

      -- One row per thing to deliver to the platform. Written in the same transaction as its
      -- sale; never deleted, only moved to a final status.
      CREATE TABLE outbox (
        id INTEGER PRIMARY KEY,
        sale_id INTEGER NOT NULL REFERENCES sales (id),
        kind TEXT NOT NULL CHECK (kind IN ('sale', 'reversal')),
        status TEXT NOT NULL CHECK (status IN ('pending', 'in_flight', 'done', 'cancelled')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at_ms INTEGER NOT NULL,
        created_at_ms INTEGER NOT NULL,
        last_error TEXT,
        UNIQUE (sale_id, kind)
      ) STRICT;

      CREATE INDEX outbox_due ON outbox (status, next_attempt_at_ms);

      CREATE TABLE order_sequences (
        terminal_id TEXT NOT NULL,
        business_date TEXT NOT NULL,
        last_seq INTEGER NOT NULL,
        PRIMARY KEY (terminal_id, business_date)
      ) STRICT, WITHOUT ROWID;
    `)
  },
}
