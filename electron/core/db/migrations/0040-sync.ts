import type { Migration } from './migration'

/**
 * What the sync engine needs beyond the outbox of 0030. Only additions: new columns with
 * defaults and new tables, so every earlier file upgrades in place.
 *
 * - outbox.step: what the next attempt does: 'send' the item, 'verify' a submitted sale with
 *   the platform, or finish a 'redeem' (Partnero's promotion-code redemption after the
 *   transaction was created).
 * - outbox.maybe_delivered: an earlier attempt may have reached the platform (timeout after the
 *   request was written, reset after sending, process killed in flight). Such an item is never
 *   sent again blindly.
 * - sales.attention: why a sale needs attention (refused, delivery unconfirmed, declined at the
 *   platform, not found there); sales.sync_* mirror the outbox for the sales list.
 * - sync_state: last success and last error, and a pause by the manager, across restarts.
 * - sync_lock: one process at a time drains the outbox (the app or `cli sync`), so one never
 *   takes the other's requests in flight for a crash.
 */
export const migration0040: Migration = {
  version: 40,
  name: 'sync engine state',
  up(db) {
    db.exec(`
      ALTER TABLE outbox ADD COLUMN step TEXT NOT NULL DEFAULT 'send'
        CHECK (step IN ('send', 'verify', 'redeem'));
      ALTER TABLE outbox ADD COLUMN maybe_delivered INTEGER NOT NULL DEFAULT 0
        CHECK (maybe_delivered IN (0, 1));
      ALTER TABLE outbox ADD COLUMN verify_attempts INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE outbox ADD COLUMN last_attempt_at_ms INTEGER;
      ALTER TABLE outbox ADD COLUMN in_flight_since_ms INTEGER;
      ALTER TABLE outbox ADD COLUMN done_at_ms INTEGER;

      ALTER TABLE sales ADD COLUMN attention TEXT
        CHECK (attention IS NULL OR attention IN ('rejected', 'unconfirmed', 'declined', 'not_found'));
      ALTER TABLE sales ADD COLUMN sync_attempts INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE sales ADD COLUMN last_attempt_at_ms INTEGER;
      ALTER TABLE sales ADD COLUMN next_attempt_at_ms INTEGER;
      ALTER TABLE sales ADD COLUMN reversal_state TEXT
        CHECK (reversal_state IS NULL OR reversal_state IN ('pending', 'sent', 'failed', 'manual'));

      CREATE INDEX outbox_in_flight ON outbox (status) WHERE status = 'in_flight';

      CREATE TABLE sync_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        last_success_at_ms INTEGER,
        last_attempt_at_ms INTEGER,
        last_error TEXT,
        last_error_at_ms INTEGER,
        paused_by_manager INTEGER NOT NULL DEFAULT 0 CHECK (paused_by_manager IN (0, 1))
      ) STRICT;
      INSERT INTO sync_state (id) VALUES (1);

      CREATE TABLE sync_lock (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        owner TEXT NOT NULL,
        pid INTEGER NOT NULL,
        host TEXT NOT NULL,
        heartbeat_at_ms INTEGER NOT NULL
      ) STRICT;
    `)
  },
}
