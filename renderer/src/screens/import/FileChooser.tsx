import { DropZone } from '../../components/DropZone'
import type { ImportKind } from '../../../../electron/shared/import-contract'

const KIND_CHOICES: { kind: ImportKind; label: string; hint: string }[] = [
  { kind: 'sales', label: 'Sales from the till', hint: 'A till or spreadsheet export: coupon, sales amount, order ID and, if there is one, the date.' },
  { kind: 'catalog', label: 'Coupon list', hint: 'The platform’s coupon list: codes, and any of affiliate, campaign, validity, uses, minimum order.' },
]

/** Step 1: what the file is, then the file (dropped or chosen). */
export function FileChooser({ kind, onKind, onFile }: { kind: ImportKind; onKind: (kind: ImportKind) => void; onFile: (file: File) => void }) {
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
      <DropZone testId="import-dropzone" inputTestId="import-file" onFile={onFile} />
    </div>
  )
}
