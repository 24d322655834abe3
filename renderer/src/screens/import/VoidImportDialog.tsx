import { useEffect, useRef, useState } from 'react'
import type { ImportBatchView } from '../../../../electron/shared/import-contract'
import { invoke } from '../../api/pos'
import { plural } from './import-text'

/**
 * Voiding a whole import asks for a reason (kept in the audit log). Focus starts in the reason;
 * Esc keeps the import, and voiding needs the button: Enter in the reason does not void.
 */
export function VoidImportDialog({ batch, onDone }: { batch: ImportBatchView; onDone: () => void }) {
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [isBusy, setIsBusy] = useState(false)
  const reasonRef = useRef<HTMLInputElement>(null)

  useEffect(() => reasonRef.current?.focus(), [])
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.key !== 'Escape') return
      event.preventDefault()
      onDone()
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [onDone])

  const doVoid = async (): Promise<void> => {
    setIsBusy(true)
    const result = await invoke('import:void', { batchId: batch.id, ...(reason.trim() === '' ? {} : { reason: reason.trim() }) })
    setIsBusy(false)
    if (result.ok) onDone()
    else setError(result.error.message)
  }

  return (
    <div className="dialog-backdrop">
      <div className="dialog" role="alertdialog" aria-modal="true" aria-labelledby="void-import-title" aria-describedby="void-import-text">
        <h2 id="void-import-title">Void import #{batch.id}?</h2>
        <p id="void-import-text">
          All {plural(batch.imported, 'sale', 'sales')} imported from {batch.fileName} are voided and will not be sent. Their order IDs stay recorded, so
          importing this file again adds nothing.
        </p>
        <label className="field">
          <span className="field-label">Why is it voided? (kept in the audit log)</span>
          <input ref={reasonRef} className="input" data-testid="void-import-reason" value={reason} maxLength={500} onChange={(event) => setReason(event.target.value)} />
        </label>
        {error !== null && (
          <p className="error-text" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-buttons">
          <button type="button" className="button secondary" onClick={onDone}>
            Keep the import <kbd>Esc</kbd>
          </button>
          <button type="button" className="button danger" data-testid="confirm-void-import" disabled={isBusy} onClick={() => void doVoid()}>
            Void {plural(batch.imported, 'sale', 'sales')}
          </button>
        </div>
      </div>
    </div>
  )
}
