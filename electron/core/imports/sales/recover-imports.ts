import { rmSync } from 'node:fs'
import type { Db } from '../../db/connection'
import { batchesInStatus, finishReading } from '../../db/imports-repo'
import { createLogger } from '../../logger'
import type { Clock } from '../../clock'
import { completeBatch, queueRestForSync, queueSomeForSync, removeBatchSales } from './write-batch'

const log = createLogger('imports')

/**
 * Run when the core starts, before anything else reads the sales: a batch that was still being
 * read when its process stopped is undecided, so the sales it had written are removed and it is
 * closed as failed; a decided batch ('publishing') gets the rest of its outbox rows and is
 * completed. So no import is ever left half in. A batch whose process is still running (the app
 * importing while a CLI command opens the same database) is left to it.
 */
export function recoverImports(db: Db, nowMs: number, actor: string): { finished: number; abandoned: number } {
  let abandoned = 0
  for (const batch of batchesInStatus(db, 'reading')) {
    if (ownerIsRunning(batch.owner_pid)) continue
    removeBatchSales(db, batch.id)
    finishReading(db, batch.id, 'failed', { rows_read: batch.rows_read, refused: batch.refused, duplicates: batch.duplicates, staged: 0, imported: 0 }, nowMs)
    for (const file of [batch.scratch_path, batch.refused_rows_path]) if (file !== null) rmSync(file, { force: true })
    abandoned++
  }
  let finished = 0
  for (const batch of batchesInStatus(db, 'publishing')) {
    if (ownerIsRunning(batch.owner_pid)) continue
    queueRestForSync(db, batch.id, nowMs)
    completeBatch(db, batch.id, actor, nowMs)
    finished++
  }
  if (abandoned + finished > 0) log.info('imports recovered', { finished, abandoned })
  return { finished, abandoned }
}

/**
 * Finishes decided batches left 'publishing' by a failure earlier in this run, without holding
 * up the till: a slice of outbox rows per `turn`. A failure (the disk still full) is logged and
 * left for the next try; it does not stop the import that asked.
 */
export async function finishDecidedImports(db: Db, actor: string, clock: Clock, turn: () => Promise<void>): Promise<number> {
  let finished = 0
  for (const batch of batchesInStatus(db, 'publishing')) {
    if (ownerIsRunning(batch.owner_pid)) continue
    try {
      while (queueSomeForSync(db, batch.id, clock.now()) > 0) await turn()
      completeBatch(db, batch.id, actor, clock.now())
      finished++
    } catch (error) {
      log.warn('a decided import could not be finished yet', { batchId: batch.id, error: String(error) })
    }
  }
  if (finished > 0) log.info('decided imports finished', { finished })
  return finished
}

/** Another live process (this one has just started: a batch with its pid is a previous run's). */
export function ownerIsRunning(pid: number | null): boolean {
  if (pid === null || pid === process.pid) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to someone else; ESRCH: it is gone.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
