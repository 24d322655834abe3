import { useRef, useState } from 'react'
import { ProgressBar } from '../../components/ProgressBar'
import { CatalogResult } from './CatalogResult'
import { useCatalogImport } from './useCatalogImport'

/**
 * Drop or pick the platform's coupon list; see how it was read and which lines were refused.
 * A file whose columns are not recognised goes through the Import screen's wizard instead.
 */
export function ImportPanel({ onMapByHand }: { onMapByHand: () => void }) {
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
        <code> code, affiliate_id, affiliate_name, campaign_id, campaign_name, valid_from, valid_to, status, max_uses, times_used, min_order</code>.{' '}
        Other column names?{' '}
        <button type="button" className="button link" data-testid="catalog-map-by-hand" onClick={onMapByHand}>
          Map columns by hand…
        </button>
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

      {state.phase === 'done' && <CatalogResult result={state.result} testId="import-result" problemsTestId="import-problems" />}
    </section>
  )
}
