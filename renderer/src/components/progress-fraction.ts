import type { JobProgress } from '../../../electron/shared/contract'

/** How far a job is, 0 to 1: rows saved of those to save when the job says (`total`), else bytes read; null when unknown. */
export function progressFraction(progress: JobProgress | null): number | null {
  if (progress === null) return null
  if (progress.phase === 'saving' && progress.total != null && progress.total > 0) return Math.min(1, progress.processed / progress.total)
  if (progress.bytesTotal === null || progress.bytesTotal === 0) return null
  return Math.min(1, progress.bytesRead / progress.bytesTotal)
}
