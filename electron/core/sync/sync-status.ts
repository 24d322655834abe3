import type { SyncStatus } from '../../shared/sync-contract'
import type { Db } from '../db/connection'
import { outboxCounts } from '../db/outbox-repo'
import { readSyncState } from '../db/sync-state-repo'
import type { SecretStore } from '../secrets/secret-store'
import type { Reach } from './reachability'
import { readStoredPlatformConfig, resolvePlatform, syncTuning } from './platform-settings'

/**
 * Where the queue stands, for the status bar, `sync:status` and `cli status --json`. Counts come
 * from the database, so every process agrees; what only a running engine knows (reachability,
 * a configuration error it met, another process holding the drain) comes in `live`.
 */

export interface LiveSyncState {
  reach: Reach
  reachableSince: number | null
  configError: string | null
  otherProcess: string | null
  networkProblem: string | null
  nextAttemptAt: number | null
}

export function composeSyncStatus(db: Db, secrets: SecretStore, nowMs: number, live: LiveSyncState | null): SyncStatus {
  const stored = readStoredPlatformConfig(db)
  const tuning = syncTuning(stored)
  const counts = outboxCounts(db)
  const memory = readSyncState(db)
  const resolved = resolvePlatform(stored, secrets)
  const base = {
    platform: stored.active,
    waiting: counts.waiting,
    oldestWaitingAt: counts.oldestWaitingAt,
    inFlight: counts.inFlight,
    verifying: counts.verifying,
    needsAttention: counts.needsAttention,
    lastSuccessAt: memory.last_success_at_ms,
    lastAttemptAt: memory.last_attempt_at_ms,
    lastError: live?.networkProblem ?? memory.last_error,
    lastErrorAt: memory.last_error_at_ms,
    nextAttemptAt: live?.nextAttemptAt ?? null,
    isRunning: live !== null,
  }
  if (resolved === null) return { ...base, state: 'not_configured', pausedBy: null, problem: 'Choose the platform in Settings > Platform.', stuck: false }
  if (memory.paused_by_manager === 1) return { ...base, state: 'paused', pausedBy: 'manager', problem: null, stuck: false }
  if (!resolved.ok) return { ...base, state: 'paused', pausedBy: 'config', problem: resolved.problems.join('; '), stuck: false }
  if (live === null) return { ...base, state: 'checking', pausedBy: null, problem: null, stuck: false }
  if (live.configError !== null) return { ...base, state: 'paused', pausedBy: 'config', problem: live.configError, stuck: false }
  if (live.otherProcess !== null) return { ...base, state: 'paused', pausedBy: 'other_process', problem: live.otherProcess, stuck: false }
  const state = live.reach === 'online' ? 'online' : live.reach === 'offline' ? 'offline' : 'checking'
  const stuckSince = stuckClockStart(base.lastSuccessAt, live.reachableSince, base.oldestWaitingAt)
  const stuck = state === 'online' && counts.waiting > 0 && stuckSince !== null && nowMs - stuckSince >= tuning.stuckAfterMs
  return { ...base, state, pausedBy: null, problem: null, stuck }
}

/** The stuck clock runs from the latest of: last success, platform reachable, oldest waiting sale. */
export function stuckClockStart(lastSuccessAt: number | null, reachableSince: number | null, oldestWaitingAt: number | null): number | null {
  if (reachableSince === null || oldestWaitingAt === null) return null
  return Math.max(lastSuccessAt ?? 0, reachableSince, oldestWaitingAt)
}
