import type { Db } from './connection'

/**
 * Runs `work` (synchronous, one or more transactions) with `synchronous=NORMAL`: its commits
 * skip the fsync. Under WAL the frames are still written in order, so the next commit made with
 * `synchronous=FULL` (every sale, every sync claim) makes them durable too; should power fail
 * before that, they are lost together, as whole transactions. Only for writes whose loss the
 * caller can detect and redo: sync outcomes (recovered as in flight), an import's published
 * slices (their progress mark is lost with them, so the move resumes from before them).
 */
export function withDeferredFsync<T>(db: Db, work: () => T): T {
  db.pragma('synchronous = NORMAL')
  try {
    return work()
  } finally {
    db.pragma('synchronous = FULL')
  }
}
