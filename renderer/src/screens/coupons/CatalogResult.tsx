import Papa from 'papaparse'
import type { CatalogImportResult } from '../../../../electron/shared/contract'
import { downloadText } from '../../download'
import { count } from '../../format'

const LAYOUT_LABELS = { 'codes-only': 'one code per line', 'code-affiliate': 'code and affiliate', header: 'columns named in a header' } as const

function downloadRefusedLines(result: CatalogImportResult): void {
  downloadText(
    `${result.fileName.replace(/\.[^.]+$/, '')}-refused-lines.csv`,
    Papa.unparse({ fields: ['line', 'field', 'problem'], data: result.problems.map((problem) => [String(problem.line), problem.field ?? '', problem.message]) }, { escapeFormulae: true }),
  )
}

/** A coupon list import's outcome: how it was read, what the list holds now, the refused lines. */
export function CatalogResult({ result, testId, problemsTestId }: { result: CatalogImportResult; testId: string; problemsTestId: string }) {
  return (
    <div className="import-result" data-testid={testId}>
      <div className={`banner tone-${result.refused > 0 ? 'warn' : 'ok'}`} role="status">
        <div>
          <div className="banner-title">
            {count(result.imported)} coupons imported from {result.fileName}
            {result.refused > 0 && `, ${count(result.refused)} ${result.refused === 1 ? 'line' : 'lines'} refused`}
          </div>
          <div className="banner-detail">
            Read as {LAYOUT_LABELS[result.layout]}, {result.encoding.toUpperCase()}, separated by {result.delimiter === '\t' ? 'tabs' : `“${result.delimiter}”`}.{' '}
            {result.mode === 'replace' ? 'The list was replaced; it' : 'The list'} now holds {count(result.couponsInCatalogue)} coupons.
          </div>
          {result.notices.map((notice) => (
            <div key={notice} className="banner-detail">
              {notice}
            </div>
          ))}
        </div>
      </div>
      {result.problems.length > 0 && (
        <>
          <table className="problems" data-testid={problemsTestId}>
            <thead>
              <tr>
                <th>Line</th>
                <th>Field</th>
                <th>Problem</th>
              </tr>
            </thead>
            <tbody>
              {result.problems.slice(0, 50).map((problem) => (
                <tr key={`${problem.line}-${problem.field ?? ''}`}>
                  <td>{problem.line}</td>
                  <td>{problem.field ?? ''}</td>
                  <td>{problem.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <button type="button" className="button secondary" onClick={() => downloadRefusedLines(result)}>
            Download the refused lines
          </button>
        </>
      )}
    </div>
  )
}
