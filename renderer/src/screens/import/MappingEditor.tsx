import type { ImportOptions, ImportPreview } from '../../../../electron/shared/import-contract'
import { columnChoiceLabel, fieldLabel, withColumn } from './import-text'

const NOT_IN_FILE = ''

export function fieldSelectId(field: string): string {
  return `import-column-${field}`
}

/** Which column holds each field, and whether the first row names the columns. */
export function MappingEditor({ preview, options, onChange }: { preview: ImportPreview; options: ImportOptions; onChange: (options: ImportOptions) => void }) {
  const required = new Set(preview.requiredFields)
  const columns = Array.from({ length: preview.columnCount }, (_, index) => index)
  return (
    <fieldset className="mapping">
      <legend>Columns</legend>
      <label className="checkbox">
        <input type="checkbox" checked={options.hasHeader} onChange={(event) => onChange({ ...options, hasHeader: event.target.checked })} /> First row is a header
      </label>
      <div className="mapping-fields">
        {preview.fields.map((field) => {
          const index = options.columns[field] ?? null
          const isMissing = required.has(field) && index === null
          return (
            <div key={field} className={`field mapping-field${isMissing ? ' needs-answer' : ''}`}>
              <label className="field-label" htmlFor={fieldSelectId(field)}>
                {fieldLabel(field)}
                {required.has(field) && <span className="required-mark"> (required)</span>}
              </label>
              <select
                id={fieldSelectId(field)}
                className="input"
                aria-label={fieldLabel(field)}
                aria-invalid={isMissing}
                aria-required={required.has(field)}
                data-testid={`import-column-${field}`}
                value={index === null ? NOT_IN_FILE : String(index)}
                onChange={(event) => onChange(withColumn(preview, options, field, event.target.value === NOT_IN_FILE ? null : Number(event.target.value)))}
              >
                <option value={NOT_IN_FILE}>— not in the file —</option>
                {columns.map((column) => (
                  <option key={column} value={String(column)}>
                    {columnChoiceLabel(column, preview.firstRecord, options.hasHeader)}
                  </option>
                ))}
              </select>
            </div>
          )
        })}
      </div>
    </fieldset>
  )
}
