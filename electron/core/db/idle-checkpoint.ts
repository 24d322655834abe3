import type { Db } from './connection'
import { cached } from './statements'
import { createLogger } from '../logger'

const log = createLogger('db')

/**
 * Checkpoints the WAL between requests, so a cashier's sale does not pay for it. SQLite's own
 * automatic checkpoint runs inside the commit that takes the WAL past 1,000 pages: every 150th
 * sale or so copied those pages into the database file and waited for two more fsyncs before
 * the cashier saw "Saved" (a few milliseconds here, far more on a slow disk). The core instead
 * asks for a PASSIVE checkpoint on the turn of the event loop after a request was answered,
 * once enough rows were written since the last one; the till's WAL then stays well under the
 * automatic threshold. While bulk work runs (an import writing thousands of rows between two
 * cashier's sales) it stands aside and the automatic checkpoint paces the WAL as before: a
 * checkpoint after every sale rung up meanwhile made a million-row import a second slower.
 * This is SQLite's own advice for latency-sensitive writers
 * (https://www.sqlite.org/wal.html#application_initiated_checkpoints).
 */

/** Rows written (sale + outbox + audit: 3 per sale) before an idle checkpoint is worth its fsyncs. */
export const CHECKPOINT_AFTER_ROWS = 100

export class IdleCheckpointer {
  private changesAtLast: number
  private scheduled = false

  constructor(
    private readonly db: Db,
    private readonly rowsBetween = CHECKPOINT_AFTER_ROWS,
    /** True while bulk work runs: then SQLite's automatic checkpoint is left to it. */
    private readonly bulkWorkRunning: () => boolean = () => false,
  ) {
    this.changesAtLast = totalChanges(db)
  }

  /** A request was answered (or work was written): checkpoint on the next turn if it is due. */
  afterWrite(): void {
    if (this.scheduled) return
    this.scheduled = true
    setImmediate(() => {
      this.scheduled = false
      this.checkpointIfDue()
    })
  }

  /** Runs a PASSIVE checkpoint (never waits for a writer or reader) if enough rows were written; true if it did. */
  checkpointIfDue(): boolean {
    if (!this.db.open || this.db.inTransaction || this.bulkWorkRunning()) return false
    const changes = totalChanges(this.db)
    if (changes - this.changesAtLast < this.rowsBetween) return false
    this.changesAtLast = changes
    try {
      this.db.pragma('wal_checkpoint(PASSIVE)')
    } catch (error) {
      // As SQLite's automatic checkpoint does: a failed one (a full disk) is tried again later.
      log.warn('idle checkpoint failed', { error: String(error) })
      return false
    }
    return true
  }
}

/** Rows this connection has inserted, changed or deleted since it opened (SQLite's counter). */
function totalChanges(db: Db): number {
  return cached(db, 'SELECT total_changes()').pluck().get() as number
}
