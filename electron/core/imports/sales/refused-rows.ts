import { existsSync, readFileSync, statSync } from 'node:fs'
import { AppError } from '../../../shared/errors'
import type { Db } from '../../db/connection'
import { findImportBatch } from '../../db/imports-repo'

/** The window downloads at most this much; larger files are in the data folder (or use the CLI). */
const MAX_REFUSED_DOWNLOAD = 64 * 1024 * 1024

/** The refused rows of a batch as the CSV written while importing (line, problem, reason, the row). */
export function readRefusedRows(db: Db, batchId: number): { fileName: string; csv: string; rows: number } {
  const batch = findImportBatch(db, batchId)
  if (batch === undefined) throw new AppError('NOT_FOUND', `No import #${batchId}`)
  const file = batch.refused_rows_path
  if (file === null || !existsSync(file)) {
    throw new AppError('NOT_FOUND', `Import #${batchId} refused no rows`)
  }
  if (statSync(file).size > MAX_REFUSED_DOWNLOAD) {
    throw new AppError('NOT_ALLOWED', `The refused rows of import #${batchId} are too many to download here; the file is ${file}`)
  }
  const csv = readFileSync(file, 'utf8').replace(/^\ufeff/, '')
  const base = batch.file_name.replace(/\.[^.]*$/, '')
  return { fileName: `${base}-refused-rows.csv`, csv, rows: Math.max(0, batch.refused + batch.duplicates) }
}
