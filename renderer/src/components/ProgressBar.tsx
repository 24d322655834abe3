import type { JobProgress } from '../../../electron/shared/contract'
import { count } from '../format'

const PHASE_LABELS: Record<JobProgress['phase'], string> = {
  reading: 'Reading and checking rows',
  merging: 'Keeping the codes the file does not mention',
  saving: 'Saving',
  done: 'Done',
  cancelled: 'Cancelled',
  failed: 'Failed',
  downloading: 'Downloading coupons',
}

export function ProgressBar({ progress, onCancel, unit = 'rows', label = 'Import progress' }: { progress: JobProgress | null; onCancel: () => void; unit?: string; label?: string }) {
  const fraction =
    progress === null || progress.bytesTotal === null || progress.bytesTotal === 0 ? null : Math.min(1, progress.bytesRead / progress.bytesTotal)
  return (
    <div className="progress" role="group" aria-label={label}>
      <div className="progress-label">
        {progress === null ? 'Starting…' : `${PHASE_LABELS[progress.phase]} · ${count(progress.processed)} ${unit}`}
        {fraction !== null && ` · ${Math.round(fraction * 100)}%`}
      </div>
      <progress max={1} value={fraction ?? undefined} aria-label="Progress" />
      <button type="button" className="button secondary" onClick={onCancel}>
        Cancel <kbd>Esc</kbd>
      </button>
    </div>
  )
}
