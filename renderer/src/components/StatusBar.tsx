import { usePosData } from '../api/usePosData'
import { useSettings } from '../settings-context'
import { ago, count, describeAge } from '../format'
import { useNow } from './useNow'

const STALE_CATALOGUE_MS = 24 * 60 * 60_000

/** Always visible: this till, how old the coupon list is, what waits to be sent. */
export function StatusBar({ onOpenSales, onOpenCoupons }: { onOpenSales: () => void; onOpenCoupons: () => void }) {
  const settings = useSettings()
  const catalog = usePosData('catalog:status', {}, ['catalog:changed'])
  const summary = usePosData('sale:summary', {}, ['sales:changed'])
  const now = useNow()

  const importedAt = catalog.data?.importedAt ?? null
  const catalogueTone = importedAt === null ? 'bad' : now - importedAt > STALE_CATALOGUE_MS ? 'warn' : 'ok'
  const unsent = summary.data === null ? 0 : summary.data.byState.saved + summary.data.byState.sending
  const attention = summary.data?.byState.needs_attention ?? 0

  return (
    <div className="status-bar" role="status" aria-label="Till status">
      <span className="status-item">
        Till <strong data-testid="terminal-id">{settings.terminalId}</strong>
      </span>
      <button type="button" className={`status-item link tone-${catalogueTone}`} onClick={onOpenCoupons} data-testid="catalogue-age">
        {importedAt === null
          ? 'No coupon list loaded'
          : `${count(catalog.data?.coupons ?? 0)} coupons, updated ${ago(importedAt, now)}`}
      </button>
      <button type="button" className={`status-item link tone-${unsent === 0 ? 'ok' : 'info'}`} onClick={onOpenSales} data-testid="unsent-count">
        {unsent === 0
          ? 'All sales sent'
          : `${count(unsent)} unsent${summary.data?.oldestUnsentAt == null ? '' : `, oldest ${describeAge(now - summary.data.oldestUnsentAt)}`}`}
      </button>
      {attention > 0 && (
        <button type="button" className="status-item link tone-bad" onClick={onOpenSales}>
          {count(attention)} need attention
        </button>
      )}
      {(summary.data?.unverified ?? 0) > 0 && (
        <span className="status-item tone-warn">{count(summary.data?.unverified ?? 0)} unverified</span>
      )}
    </div>
  )
}
