import type { KeyboardEvent } from 'react'
import { useEffect, useId, useRef } from 'react'
import type { ImportOptions } from '../../../../electron/shared/import-contract'
import { FileFacts } from './FileFacts'
import { FormatQuestions, QUESTION_IDS } from './FormatQuestions'
import { ImportChoices } from './ImportChoices'
import { MappingEditor, fieldSelectId } from './MappingEditor'
import { NoticeBanner } from './NoticeBanner'
import { PreviewTable } from './PreviewTable'
import { blockedReason, openQuestions, unmappedRequired, waitingFor } from './import-text'
import type { OpenFile, WizardNotice } from './useImportWizard'

/** Where the first open question is, so the keyboard lands on it; else on Import. */
function firstOpenControl(file: OpenFile): HTMLElement | null {
  const missing = unmappedRequired(file.preview, file.options)[0]
  if (missing !== undefined) return document.getElementById(fieldSelectId(missing))
  const open = openQuestions(file.preview, file.options)
  for (const question of ['decimal', 'dateOrder'] as const) {
    if (open.includes(question)) return document.querySelector<HTMLElement>(`#${QUESTION_IDS[question]} input`)
  }
  return null
}

/** Step 2: how the file was read, the mapping and answers, the first rows checked, and Import. */
export function PreviewStep({
  file,
  notice,
  onChange,
  onRun,
  onClose,
}: {
  file: OpenFile
  notice: WizardNotice | null
  onChange: (options: ImportOptions) => void
  onRun: (isDryRun: boolean) => void
  onClose: () => void
}) {
  const { preview, options, isChecking } = file
  const blocked = blockedReason(preview, options, isChecking)
  const open = openQuestions(preview, options)
  const importRef = useRef<HTMLButtonElement>(null)
  const focusedFor = useRef<string | null>(null)
  const reasonId = useId()

  useEffect(() => {
    if (focusedFor.current === preview.token) return
    focusedFor.current = preview.token
    ;(firstOpenControl(file) ?? importRef.current)?.focus()
  })

  // Enter imports from anywhere in the step (a select or a checkbox has no Enter of its own).
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.key !== 'Enter' || event.defaultPrevented) return
    if (event.target instanceof Element && event.target.closest('button, a, textarea, summary') !== null) return
    event.preventDefault()
    if (blocked === null) onRun(false)
  }

  return (
    <div className="preview-step" onKeyDown={onKeyDown}>
      <FileFacts preview={preview} options={options} isRemembered={file.isRemembered} />
      {notice !== null && <NoticeBanner notice={notice} />}
      <MappingEditor preview={preview} options={options} onChange={onChange} />
      {preview.kind === 'sales' && <FormatQuestions options={options} open={open} onChange={onChange} />}
      <ImportChoices kind={preview.kind} options={options} onChange={onChange} />
      <div className="import-actions">
        <button
          ref={importRef}
          type="button"
          className="button primary"
          data-testid="import-run"
          disabled={blocked !== null}
          aria-describedby={blocked === null ? undefined : reasonId}
          onClick={() => onRun(false)}
        >
          Import <kbd>Enter</kbd>
        </button>
        {preview.kind === 'sales' && (
          <button type="button" className="button secondary" data-testid="import-dry-run" disabled={blocked !== null} aria-describedby={blocked === null ? undefined : reasonId} onClick={() => onRun(true)}>
            Check only (dry run)
          </button>
        )}
        <button type="button" className="button ghost" onClick={onClose}>
          Choose another file
        </button>
        {blocked !== null && (
          <p id={reasonId} className={`blocked-reason${isChecking && open.length === 0 ? ' muted' : ''}`} data-testid="import-blocked" role="status">
            {blocked}
          </p>
        )}
      </div>
      <h3 className="preview-title">
        First {preview.rows.length} rows, checked{isChecking ? ' (checking…)' : ''}
      </h3>
      <PreviewTable
        rows={preview.rows}
        headers={options.hasHeader ? preview.firstRecord : null}
        columnCount={preview.columnCount}
        isChecking={isChecking}
        waitingFor={(row) => waitingFor(row, preview, options)}
      />
    </div>
  )
}
