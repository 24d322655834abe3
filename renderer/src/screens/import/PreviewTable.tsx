import type { PreviewRow, RowStatus } from '../../../../electron/shared/import-contract'

export const ROW_STATUS_LABELS: Record<RowStatus, string> = {
  ok: 'OK',
  refused: 'Refused',
  duplicate: 'Duplicate',
  skipped: 'Skipped',
}

function verdict(row: PreviewRow, waiting: string | null): string {
  if (waiting !== null) return `Waiting for ${waiting}`
  const label = ROW_STATUS_LABELS[row.status]
  return row.message === null ? label : `${label}: ${row.message}`
}

/**
 * The first rows as the import will take them, each with its verdict; a row refused only because
 * a question is still open shows as waiting. Cells are text, whatever they hold.
 */
export function PreviewTable({
  rows,
  headers,
  columnCount,
  isChecking,
  waitingFor,
}: {
  rows: readonly PreviewRow[]
  headers: readonly string[] | null
  columnCount: number
  isChecking: boolean
  waitingFor: (row: PreviewRow) => string | null
}) {
  const columns = Array.from({ length: columnCount }, (_, index) => index)
  return (
    <div className="preview-scroll">
      <table className="problems preview-table" data-testid="import-preview-rows" aria-busy={isChecking} aria-label="First rows of the file, checked">
        <thead>
          <tr>
            <th>Line</th>
            {columns.map((index) => (
              <th key={index}>{headers?.[index] ?? `Column ${index + 1}`}</th>
            ))}
            <th>Result</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const waiting = waitingFor(row)
            return (
              <tr key={row.line} className={waiting === null ? `row-${row.status}` : 'row-waiting'} data-status={waiting === null ? row.status : 'waiting'}>
                <td>{row.line}</td>
                {columns.map((index) => (
                  <td key={index}>{row.cells[index] ?? ''}</td>
                ))}
                <td className="row-verdict">{verdict(row, waiting)}</td>
              </tr>
            )
          })}
        </tbody>
      </table>
      {rows.length === 0 && <p className="empty-table">No data rows.</p>}
    </div>
  )
}
