import { usePosData } from '../api/usePosData'
import { useSyncStatus } from '../api/useSyncStatus'
import { useSettings } from '../settings-context'
import { ago, count } from '../format'
import { SyncIndicator } from './SyncIndicator'
import { useNow } from './useNow'

const STALE_CATALOGUE_MS = 24 * 60 * 60_000

/** Always visible: this till, how old the coupon list is, the platform connection and what waits to be sent. */
export function StatusBar({ onOpenSales, onOpenCoupons, onOpenSettings }: { onOpenSales: () => void; onOpenCoupons: () => void; onOpenSettings: () => void }) {
  const settings = useSettings()
  const catalog = usePosData('catalog:status', {}, ['catalog:changed'])
  const summary = usePosData('sale:summary', {}, ['sales:changed'])
  const sync = useSyncStatus()
  const now = useNow(15_000)

  const importedAt = catalog.data?.importedAt ?? null
  const catalogueTone = importedAt === null ? 'bad' : now - importedAt > STALE_CATALOGUE_MS ? 'warn' : 'ok'
  const attention = summary.data?.byState.needs_attention ?? 0

  return (
    <div className="status-bar" role="status" aria-label="Till status">
      <span className="status-item">
        Till <strong data-testid="terminal-id">{settings.terminalId}</strong>
      </span>
      <button type="button" className={`status-item link tone-${catalogueTone}`} onClick={onOpenCoupons} data-testid="catalogue-age">
        {importedAt === null
          ? 'No coupon list loaded'
          : `${count(catalog.data?.coupons ?? 0)} ${(catalog.data?.coupons ?? 0) === 1 ? 'coupon' : 'coupons'}, updated ${ago(importedAt, now)}`}
      </button>
      <SyncIndicator status={sync} now={now} onOpenSales={onOpenSales} onOpenSettings={onOpenSettings} />
      {attention > 0 && (
        <button type="button" className="status-item link tone-bad" onClick={onOpenSales} data-testid="attention-count">
          {count(attention)} need attention
        </button>
      )}
      {(summary.data?.unverified ?? 0) > 0 && (
        <span className="status-item tone-warn">{count(summary.data?.unverified ?? 0)} unverified</span>
      )}
    </div>
  )
}
