import { PLATFORM_LABELS } from '../../../../electron/shared/platform-config'
import { ProgressBar } from '../../components/ProgressBar'
import { useSyncStatus } from '../../api/useSyncStatus'
import { count } from '../../format'
import { useCatalogDownload } from './useCatalogDownload'

const DOWNLOADABLE = new Set(['pap', 'partnero'])

/** "Update coupons" from the platform (Post Affiliate Pro, Partnero), with progress and cancel. */
export function DownloadPanel() {
  const status = useSyncStatus()
  const { state, start, cancel, clear } = useCatalogDownload()
  const platform = status?.platform ?? null
  if (platform === null) return <p className="muted">Set up the platform in Settings to download its coupon list.</p>
  if (!DOWNLOADABLE.has(platform)) return <p className="muted">{PLATFORM_LABELS[platform]} offers no coupon list download: export the coupons there and load the file here.</p>
  return (
    <div className="download-panel" aria-label="Download the coupon list">
      {state.phase === 'running' ? (
        <ProgressBar progress={state.progress} onCancel={cancel} unit="codes" label="Download progress" />
      ) : (
        <button type="button" className="button primary" data-testid="update-coupons" onClick={() => void start()}>
          Update coupons from {PLATFORM_LABELS[platform]}
        </button>
      )}
      {state.phase === 'done' && (
        <div className={`banner tone-${state.result.refused > 0 ? 'warn' : 'ok'}`} role="status" data-testid="download-result">
          <div>
            <div className="banner-title">{count(state.result.imported)} coupons downloaded</div>
            <div className="banner-detail">
              {count(state.result.received)} codes in {count(state.result.pages)} pages{state.result.refused > 0 ? `, ${count(state.result.refused)} refused` : ''}. The list now holds {count(state.result.couponsInCatalogue)} coupons.
            </div>
            {state.result.problems.slice(0, 5).map((problem) => (
              <div key={`${problem.line}-${problem.field ?? ''}`} className="banner-detail">
                #{problem.line}: {problem.message}
              </div>
            ))}
          </div>
          <button type="button" className="button ghost" onClick={clear}>
            OK
          </button>
        </div>
      )}
      {state.phase === 'failed' && (
        <div className={`banner tone-${state.cancelled ? 'warn' : 'bad'}`} role="alert" data-testid="download-result">
          <div>
            <div className="banner-title">{state.cancelled ? 'Download cancelled; the coupon list is unchanged' : 'The coupon list was not updated'}</div>
            {!state.cancelled && <div className="banner-detail">{state.message}</div>}
          </div>
          <button type="button" className="button ghost" onClick={clear}>
            OK
          </button>
        </div>
      )}
    </div>
  )
}
