import { useId } from 'react'
import type { JobProgress } from '../../../electron/shared/contract'
import { count } from '../format'
import { progressFraction } from './progress-fraction'

const PHASE_LABELS: Record<JobProgress['phase'], string> = {
  reading: 'Reading and checking rows',
  merging: 'Keeping the codes the file does not mention',
  saving: 'Saving',
  done: 'Done',
  cancelled: 'Cancelled',
  failed: 'Failed',
  downloading: 'Downloading coupons',
}

function describe(progress: JobProgress, unit: string): string {
  const done = progress.phase === 'saving' && progress.total != null ? `${count(progress.processed)} of ${count(progress.total)}` : count(progress.processed)
  return `${PHASE_LABELS[progress.phase]} · ${done} ${unit}`
}

/**
 * A job's progress with its Cancel button. `cancelBlocked` names why Cancel cannot work at this
 * point (a sales import that is already saving): the button is then disabled and says so.
 */
export function ProgressBar({
  progress,
  onCancel,
  unit = 'rows',
  label = 'Import progress',
  cancelBlocked = null,
}: {
  progress: JobProgress | null
  onCancel: () => void
  unit?: string
  label?: string
  cancelBlocked?: string | null
}) {
  const fraction = progressFraction(progress)
  const noteId = useId()
  return (
    <div className="progress" role="group" aria-label={label}>
      <div className="progress-label" aria-live="polite">
        {progress === null ? 'Starting…' : describe(progress, unit)}
        {fraction !== null && ` · ${Math.round(fraction * 100)}%`}
      </div>
      <progress max={1} value={fraction ?? undefined} aria-label="Progress" />
      <button type="button" className="button secondary" onClick={onCancel} disabled={cancelBlocked !== null} aria-describedby={cancelBlocked === null ? undefined : noteId}>
        Cancel <kbd>Esc</kbd>
      </button>
      {cancelBlocked !== null && (
        <p className="progress-note muted" id={noteId}>
          {cancelBlocked}
        </p>
      )}
    </div>
  )
}
