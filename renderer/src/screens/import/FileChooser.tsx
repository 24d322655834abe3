import { useRef, useState } from 'react'
import type { ImportKind } from '../../../../electron/shared/import-contract'

const KIND_CHOICES: { kind: ImportKind; label: string; hint: string }[] = [
  { kind: 'sales', label: 'Sales from the till', hint: 'A till or spreadsheet export: coupon, sales amount, order ID and, if there is one, the date.' },
  { kind: 'catalog', label: 'Coupon list', hint: 'The platform’s coupon list: codes, and any of affiliate, campaign, validity, uses, minimum order.' },
]

/** Step 1: what the file is, then the file (dropped or chosen). */
export function FileChooser({ kind, onKind, onFile }: { kind: ImportKind; onKind: (kind: ImportKind) => void; onFile: (file: File) => void }) {
  const [isOver, setIsOver] = useState(false)
  const inputRef = useRef<HTMLInputElement>(null)
  const take = (files: FileList | null): void => {
    const file = files?.[0]
    if (file !== undefined) onFile(file)
  }
  const hint = KIND_CHOICES.find((choice) => choice.kind === kind)?.hint

  return (
    <div className="file-chooser">
      <div className="mode" role="radiogroup" aria-label="What is in the file">
        {KIND_CHOICES.map((choice) => (
          <label key={choice.kind}>
            <input type="radio" name="import-kind" value={choice.kind} checked={kind === choice.kind} onChange={() => onKind(choice.kind)} /> {choice.label}
          </label>
        ))}
      </div>
      <p className="muted">{hint} CSV or text, any common encoding and separator; you check the columns before anything is saved.</p>
      <div
        className={`dropzone${isOver ? ' over' : ''}`}
        data-testid="import-dropzone"
        onDragOver={(event) => {
          event.preventDefault()
          setIsOver(true)
        }}
        onDragLeave={() => setIsOver(false)}
        onDrop={(event) => {
          event.preventDefault()
          setIsOver(false)
          take(event.dataTransfer.files)
        }}
      >
        <p>Drop the file here, or</p>
        <button type="button" className="button primary" onClick={() => inputRef.current?.click()}>
          Choose a file…
        </button>
        <input
          ref={inputRef}
          type="file"
          accept=".csv,.txt,.tsv,text/csv,text/plain"
          hidden
          data-testid="import-file"
          aria-label="File to import"
          onChange={(event) => {
            take(event.target.files)
            event.target.value = ''
          }}
        />
      </div>
    </div>
  )
}
