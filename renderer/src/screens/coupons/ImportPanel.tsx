import { useRef, useState } from 'react'
import Papa from 'papaparse'
import { ProgressBar } from '../../components/ProgressBar'
import { downloadText } from '../../download'
import { count } from '../../format'
import { useCatalogImport } from './useCatalogImport'

const LAYOUT_LABELS = { 'codes-only': 'one code per line', 'code-affiliate': 'code and affiliate', header: 'columns named in a header' } as const

/** Drop or pick the platform's coupon list; see how it was read and which lines were refused. */
export function ImportPanel() {
  const { state, start, cancel, clear } = useCatalogImport()
  const [mode, setMode] = useState<'merge' | 'replace'>('merge')
  const [isOver, setIsOver] = useState(false)
  const inputRef = useRef<HTMLInputElement>(null)

  const take = (files: FileList | null): void => {
    const file = files?.[0]
    if (file !== undefined) void start(file, mode)
  }

  return (
    <section className="panel import-panel" aria-label="Import a coupon list">
      <h2>Load the coupon list</h2>
      <p className="muted">
        CSV or text from your platform: one code per line, <code>code;affiliate</code>, or a header with
        <code> code, affiliate_id, affiliate_name, campaign_id, campaign_name, valid_from, valid_to, status, max_uses, times_used, min_order</code>.
      </p>
      <div className="mode" role="radiogroup" aria-label="How to combine with the current list">
        <label>
          <input type="radio" name="mode" checked={mode === 'merge'} onChange={() => setMode('merge')} /> Add and update codes
        </label>
        <label>
          <input type="radio" name="mode" checked={mode === 'replace'} onChange={() => setMode('replace')} /> Replace the whole list
        </label>
      </div>
      {state.phase === 'running' ? (
        <ProgressBar progress={state.progress} onCancel={cancel} />
      ) : (
        <div
          className={`dropzone${isOver ? ' over' : ''}`}
          data-testid="catalog-dropzone"
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
          <input ref={inputRef} type="file" accept=".csv,.txt,.tsv,text/csv,text/plain" hidden data-testid="catalog-file" onChange={(event) => {
            take(event.target.files)
            event.target.value = ''
          }} />
        </div>
      )}

      {state.phase === 'failed' && (
        <div className={`banner tone-${state.cancelled ? 'warn' : 'bad'}`} role="alert" data-testid="import-result">
          <div>
            <div className="banner-title">{state.cancelled ? 'Import cancelled' : `${state.fileName} was not imported`}</div>
            <div className="banner-detail">{state.message}</div>
          </div>
          <button type="button" className="button ghost" onClick={clear}>OK</button>
        </div>
      )}

      {state.phase === 'done' && (
        <div className="import-result" data-testid="import-result">
          <div className={`banner tone-${state.result.refused > 0 ? 'warn' : 'ok'}`} role="status">
            <div>
              <div className="banner-title">
                {count(state.result.imported)} coupons imported from {state.result.fileName}
                {state.result.refused > 0 && `, ${count(state.result.refused)} lines refused`}
              </div>
              <div className="banner-detail">
                Read as {LAYOUT_LABELS[state.result.layout]}, {state.result.encoding.toUpperCase()}, separated by{' '}
                {state.result.delimiter === '\t' ? 'tabs' : `“${state.result.delimiter}”`}. The list now holds {count(state.result.couponsInCatalogue)} coupons.
              </div>
              {state.result.notices.map((notice) => (
                <div key={notice} className="banner-detail">{notice}</div>
              ))}
            </div>
          </div>
          {state.result.problems.length > 0 && (
            <>
              <table className="problems" data-testid="import-problems">
                <thead>
                  <tr><th>Line</th><th>Field</th><th>Problem</th></tr>
                </thead>
                <tbody>
                  {state.result.problems.slice(0, 50).map((problem) => (
                    <tr key={`${problem.line}-${problem.field ?? ''}`}>
                      <td>{problem.line}</td>
                      <td>{problem.field ?? ''}</td>
                      <td>{problem.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <button
                type="button"
                className="button secondary"
                onClick={() =>
                  downloadText(
                    `${state.result.fileName.replace(/\.[^.]+$/, '')}-refused-lines.csv`,
                    Papa.unparse({ fields: ['line', 'field', 'problem'], data: state.result.problems.map((problem) => [String(problem.line), problem.field ?? '', problem.message]) }, { escapeFormulae: true }),
                  )
                }
              >
                Download the refused lines
              </button>
            </>
          )}
        </div>
      )}
    </section>
  )
}
