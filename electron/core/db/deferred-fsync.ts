import type { Db } from './connection'
import { cached } from './statements'

/**
 * Runs `work` (synchronous, one or more transactions) with `synchronous=NORMAL`: its commits
 * skip the fsync. Under WAL the frames are still written in order, so the next commit made with
 * `synchronous=FULL` (every sale, every sync claim) makes them durable too; should power fail
 * before that, they are lost together, as whole transactions. Only for writes whose loss the
 * caller can detect and redo: sync outcomes (recovered as in flight), an import's published
 * slices (their progress mark is lost with them, so the move resumes from before them).
 */
export function withDeferredFsync<T>(db: Db, work: () => T): T {
  // Prepared once: `db.pragma()` prepares its statement on every call, twice per import batch.
  cached(db, 'PRAGMA synchronous = NORMAL').run()
  try {
    return work()
  } finally {
    cached(db, 'PRAGMA synchronous = FULL').run()
  }
}
