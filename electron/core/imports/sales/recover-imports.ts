import { rmSync } from 'node:fs'
import type { Db } from '../../db/connection'
import { batchesInStatus, finishReading } from '../../db/imports-repo'
import { createLogger } from '../../logger'
import { completeBatch, queueRestForSync, removeBatchSales } from './write-batch'

const log = createLogger('imports')

/**
 * Run when the core starts, before anything else reads the sales: a batch that was still being
 * read when the process stopped is undecided, so the sales it had written are removed and it is
 * closed as failed; a decided batch ('publishing') gets the rest of its outbox rows and is
 * completed. So no import is ever left half in.
 */
export function recoverImports(db: Db, nowMs: number, actor: string): { finished: number; abandoned: number } {
  let abandoned = 0
  for (const batch of batchesInStatus(db, 'reading')) {
    removeBatchSales(db, batch.id)
    finishReading(db, batch.id, 'failed', { rows_read: batch.rows_read, refused: batch.refused, duplicates: batch.duplicates, staged: 0, imported: 0 }, nowMs)
    for (const file of [batch.scratch_path, batch.refused_rows_path]) if (file !== null) rmSync(file, { force: true })
    abandoned++
  }
  let finished = 0
  for (const batch of batchesInStatus(db, 'publishing')) {
    queueRestForSync(db, batch.id, nowMs)
    completeBatch(db, batch.id, actor, nowMs)
    finished++
  }
  if (abandoned + finished > 0) log.info('imports recovered', { finished, abandoned })
  return { finished, abandoned }
}
