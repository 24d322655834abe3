import { useState } from 'react'
import { DropZone } from '../../components/DropZone'
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
        <DropZone testId="catalog-dropzone" inputTestId="catalog-file" inputLabel="Coupon list file" onFile={(file) => void start(file, mode)} />
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
