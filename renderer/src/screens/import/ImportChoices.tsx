import type { ImportKind, ImportOptions } from '../../../../electron/shared/import-contract'

/** What to do with the rows the check refuses (sales), or with the codes the file leaves out (coupon list). */
export function ImportChoices({ kind, options, onChange }: { kind: ImportKind; options: ImportOptions; onChange: (options: ImportOptions) => void }) {
  if (kind === 'catalog') {
    return (
      <div className="mode" role="radiogroup" aria-label="How to combine with the current list">
        <label>
          <input type="radio" name="import-catalog-mode" checked={options.catalogMode === 'merge'} onChange={() => onChange({ ...options, catalogMode: 'merge' })} /> Add and update codes
        </label>
        <label>
          <input type="radio" name="import-catalog-mode" checked={options.catalogMode === 'replace'} onChange={() => onChange({ ...options, catalogMode: 'replace' })} /> Replace the whole list
        </label>
      </div>
    )
  }
  return (
    <div className="import-choices">
      <label className="checkbox">
        <input type="checkbox" checked={options.allOrNothing} onChange={(event) => onChange({ ...options, allOrNothing: event.target.checked })} /> All or nothing (import nothing if any row is refused)
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={options.allowUnverified} onChange={(event) => onChange({ ...options, allowUnverified: event.target.checked })} /> Import codes missing from the coupon list as unverified sales
      </label>
    </div>
  )
}
