import { useState } from 'react'
import type { SalesImportResult } from '../../../../electron/shared/import-contract'
import { count } from '../../format'
import { ROW_STATUS_LABELS } from './PreviewTable'
import { downloadRefusedRows } from './download-refused-rows'
import { duration, fieldLabel, plural } from './import-text'

// The core also says how many totals rows it skipped: the facts line already does.
const SKIPPED_NOTICE = /^[\d,]+ totals rows? skipped\.$/

const PROBLEMS_SHOWN = 50

function headline(result: SalesImportResult): string {
  const rest = `${plural(result.refused, 'row', 'rows')} refused, ${plural(result.duplicates, 'duplicate', 'duplicates')}`
  switch (result.status) {
    case 'committed':
      return `${plural(result.imported, 'sale', 'sales')} imported, ${rest}`
    case 'dry_run':
      return `Checked only: ${plural(result.imported, 'sale', 'sales')} would be imported, ${rest}`
    case 'refused':
      return `Nothing imported: ${plural(result.refused, 'row was', 'rows were')} refused`
    case 'cancelled':
      return 'Import cancelled; no sale was added'
    default: {
      const unreachable: never = result.status
      return unreachable
    }
  }
}

function tone(result: SalesImportResult): 'ok' | 'warn' | 'bad' {
  if (result.status === 'refused' || result.status === 'cancelled') return 'bad'
  return result.refused + result.duplicates > 0 ? 'warn' : 'ok'
}

/** A sales import's outcome: the counts, what the reader noticed, the first problems and the refused-rows file. */
export function SalesSummary({ result }: { result: SalesImportResult }) {
  const [downloadError, setDownloadError] = useState<string | null>(null)
  const facts = [`${plural(result.rowsRead, 'row', 'rows')} read in ${duration(result.durationMs)}`]
  if (result.skipped > 0) facts.push(`${plural(result.skipped, 'totals row', 'totals rows')} skipped`)
  if (result.unverified > 0) facts.push(`${plural(result.unverified, 'sale', 'sales')} unverified (code not in the coupon list)`)
  if (result.futureDated > 0) facts.push(`${plural(result.futureDated, 'sale', 'sales')} dated in the future (flagged)`)
  const notices = result.notices.filter((notice) => !SKIPPED_NOTICE.test(notice))
  const batchId = result.batchId

  return (
    <div className="sales-summary">
      <div className={`banner tone-${tone(result)}`} role="status">
        <div>
          <div className="banner-title" data-testid="import-headline">
            {headline(result)}
          </div>
          <div className="banner-detail">
            {result.fileName}
            {batchId !== null && ` (import #${batchId})`}: {facts.join(', ')}.
          </div>
          {notices.map((notice) => (
            <div key={notice} className="banner-detail">
              {notice}
            </div>
          ))}
        </div>
      </div>
      {result.problems.length > 0 && (
        <table className="problems" data-testid="import-summary-problems" aria-label="Refused rows">
          <thead>
            <tr>
              <th>Line</th>
              <th>Field</th>
              <th>Reason</th>
            </tr>
          </thead>
          <tbody>
            {result.problems.slice(0, PROBLEMS_SHOWN).map((problem, index) => (
              <tr key={`${index}-${problem.line}`} className={`row-${problem.status}`}>
                <td>{problem.line}</td>
                <td>{problem.field === null ? '' : fieldLabel(problem.field)}</td>
                <td>
                  <span className={`badge row-badge-${problem.status}`}>{ROW_STATUS_LABELS[problem.status]}</span> {problem.message}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {result.refused + result.duplicates > PROBLEMS_SHOWN && (
        <p className="muted">The first {PROBLEMS_SHOWN} are shown; all {count(result.refused + result.duplicates)} are in the refused rows file.</p>
      )}
      {result.refused + result.duplicates > 0 && batchId !== null && (
        <button
          type="button"
          className="button secondary"
          data-testid="download-refused-rows"
          onClick={() => void downloadRefusedRows(batchId).then(setDownloadError)}
        >
          Download the refused rows
        </button>
      )}
      {downloadError !== null && (
        <p className="error-text" role="alert">
          {downloadError}
        </p>
      )}
    </div>
  )
}
