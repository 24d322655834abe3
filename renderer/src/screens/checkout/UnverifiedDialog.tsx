import { useEffect, useRef } from 'react'

/**
 * An unknown code is sold only after the cashier says so explicitly. Focus starts on "Cancel",
 * so a second Enter from habit does not confirm; "Save as unverified" needs U, or a click.
 */
export function UnverifiedDialog({ code, message, onConfirm, onCancel }: { code: string; message: string; onConfirm: () => void; onCancel: () => void }) {
  const cancelRef = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    cancelRef.current?.focus()
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.key === 'Escape') {
        event.preventDefault()
        onCancel()
      } else if (event.key.toLowerCase() === 'u' && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.preventDefault()
        onConfirm()
      }
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [onCancel, onConfirm])
  return (
    <div className="dialog-backdrop">
      <div className="dialog tone-warn" role="alertdialog" aria-modal="true" aria-labelledby="unverified-title" aria-describedby="unverified-text">
        <h2 id="unverified-title">Save “{code}” as unverified?</h2>
        <p id="unverified-text">{message}</p>
        <p className="muted">The sale is kept and sent like any other, marked unverified so the manager can check it.</p>
        <div className="dialog-buttons">
          <button ref={cancelRef} type="button" className="button secondary" onClick={onCancel}>
            Cancel <kbd>Esc</kbd>
          </button>
          <button type="button" className="button warn" onClick={onConfirm} data-testid="confirm-unverified">
            Save as unverified <kbd>U</kbd>
          </button>
        </div>
      </div>
    </div>
  )
}
