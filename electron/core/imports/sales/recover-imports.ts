import { existsSync, rmSync } from 'node:fs'
import type { Db } from '../../db/connection'
import { batchesInStatus, finishReading, finishedStagedFiles, setBatchStatus } from '../../db/imports-repo'
import { createLogger } from '../../logger'
import { batchStamp, completeBatch, publishRest } from './publish-batch'
import { StagedRowsReader } from './staged-rows'

const log = createLogger('imports')

/**
 * Run when the core starts: a batch that was still being read when the process stopped added
 * nothing and is closed as failed; a batch that was being published (decided) is finished, so
 * no import is ever left half in; a staged file left behind by a finished batch is removed.
 */
export function recoverImports(db: Db, nowMs: number, actor: string): { finished: number; abandoned: number } {
  let abandoned = 0
  for (const batch of batchesInStatus(db, 'reading')) {
    finishReading(db, batch.id, 'failed', { rows_read: batch.rows_read, refused: batch.refused, duplicates: batch.duplicates, staged: 0 }, nowMs)
    for (const file of [batch.scratch_path, batch.refused_rows_path]) if (file !== null) rmSync(file, { force: true })
    abandoned++
  }
  let finished = 0
  for (const batch of batchesInStatus(db, 'publishing')) {
    if (batch.scratch_path === null || !existsSync(batch.scratch_path)) {
      // Cannot happen unless the file was removed by hand: keep what was moved, say so loudly.
      log.error('import staged rows missing; the batch keeps the sales moved so far', { batchId: batch.id })
      setBatchStatus(db, batch.id, 'failed', nowMs)
      continue
    }
    const reader = new StagedRowsReader(batch.scratch_path, batch.published_through)
    try {
      publishRest(db, batch.id, batchStamp(batch), reader, batch.published_through, nowMs)
    } finally {
      reader.close()
    }
    completeBatch(db, batch.id, actor, nowMs, batch.scratch_path)
    finished++
  }
  // A staged file outlives its batch only if the process stopped between the batch's last commit
  // and the file's removal.
  for (const file of finishedStagedFiles(db)) rmSync(file, { force: true })
  if (abandoned + finished > 0) log.info('imports recovered', { finished, abandoned })
  return { finished, abandoned }
}
