import type { Db } from './connection'
import { cached } from './statements'

/** The sync engine's memory across restarts: last success, last error, a pause by the manager. */
export interface SyncStateRow {
  last_success_at_ms: number | null
  last_attempt_at_ms: number | null
  last_error: string | null
  last_error_at_ms: number | null
  paused_by_manager: 0 | 1
}

export function readSyncState(db: Db): SyncStateRow {
  const row = cached(db, 'SELECT last_success_at_ms, last_attempt_at_ms, last_error, last_error_at_ms, paused_by_manager FROM sync_state WHERE id = 1').get() as SyncStateRow | undefined
  return row ?? { last_success_at_ms: null, last_attempt_at_ms: null, last_error: null, last_error_at_ms: null, paused_by_manager: 0 }
}

export function recordSyncActivity(db: Db, activity: { attemptAtMs: number; successAtMs: number | null; error: string | null; errorAtMs: number | null }): void {
  cached(
    db,
    `UPDATE sync_state SET
       last_attempt_at_ms = @attemptAtMs,
       last_success_at_ms = coalesce(@successAtMs, last_success_at_ms),
       last_error = CASE WHEN @errorAtMs IS NULL THEN last_error ELSE @error END,
       last_error_at_ms = coalesce(@errorAtMs, last_error_at_ms)
     WHERE id = 1`,
  ).run(activity)
}

export function setPausedByManager(db: Db, isPaused: boolean): void {
  cached(db, 'UPDATE sync_state SET paused_by_manager = ? WHERE id = 1').run(isPaused ? 1 : 0)
}

// ---------------------------------------------------------------------------------------------
// One process at a time drains the outbox.

export interface SyncLockOwner {
  owner: string
  pid: number
  host: string
}

export interface SyncLockRow extends SyncLockOwner {
  heartbeat_at_ms: number
}

/**
 * Takes the drain lock when it is free, ours, or its holder is gone (`isStale` decides: a dead
 * process on this machine, or no heartbeat for a while). Returns the holder after the attempt.
 */
export function acquireSyncLock(db: Db, me: SyncLockOwner, nowMs: number, isStale: (holder: SyncLockRow) => boolean): { acquired: boolean; holder: SyncLockRow } {
  return db
    .transaction(() => {
      const holder = cached(db, 'SELECT owner, pid, host, heartbeat_at_ms FROM sync_lock WHERE id = 1').get() as SyncLockRow | undefined
      if (holder !== undefined && holder.owner !== me.owner && !isStale(holder)) return { acquired: false, holder }
      cached(
        db,
        `INSERT INTO sync_lock (id, owner, pid, host, heartbeat_at_ms) VALUES (1, @owner, @pid, @host, @now)
         ON CONFLICT (id) DO UPDATE SET owner = excluded.owner, pid = excluded.pid, host = excluded.host, heartbeat_at_ms = excluded.heartbeat_at_ms`,
      ).run({ ...me, now: nowMs })
      return { acquired: true, holder: { ...me, heartbeat_at_ms: nowMs } }
    })
    .immediate()
}

/** Refreshes our heartbeat; false when someone else took the lock meanwhile. */
export function heartbeatSyncLock(db: Db, owner: string, nowMs: number): boolean {
  return cached(db, 'UPDATE sync_lock SET heartbeat_at_ms = ? WHERE id = 1 AND owner = ?').run(nowMs, owner).changes === 1
}

export function releaseSyncLock(db: Db, owner: string): void {
  cached(db, 'DELETE FROM sync_lock WHERE id = 1 AND owner = ?').run(owner)
}
