import type { SyncStatus } from '../../../electron/shared/sync-contract'
import { PLATFORM_LABELS } from '../../../electron/shared/platform-config'
import { ago, count, describeAge } from '../format'

/**
 * The sync part of the status bar: online / offline / paused, how many sales wait and how old
 * the oldest is, when the last one went through, and the stuck alert with the last error.
 */
export function SyncIndicator({ status, now, onOpenSales, onOpenSettings }: { status: SyncStatus | null; now: number; onOpenSales: () => void; onOpenSettings: () => void }) {
  if (status === null) return null
  const platform = status.platform === null ? '' : PLATFORM_LABELS[status.platform]
  const connection = describeConnection(status, platform)
  return (
    <>
      <button
        type="button"
        className={`status-item link tone-${connection.tone}`}
        onClick={status.state === 'paused' || status.state === 'not_configured' ? onOpenSettings : onOpenSales}
        data-testid="sync-state"
        data-state={status.state}
        title={status.problem ?? status.lastError ?? undefined}
      >
        <span className={`dot dot-${connection.tone}`} aria-hidden="true" /> {connection.text}
      </button>
      <button type="button" className={`status-item link tone-${status.waiting === 0 ? 'ok' : 'info'}`} onClick={onOpenSales} data-testid="unsent-count">
        {status.waiting === 0
          ? 'All sales sent'
          : `${count(status.waiting)} waiting${status.oldestWaitingAt === null ? '' : `, oldest ${describeAge(now - status.oldestWaitingAt)}`}`}
      </button>
      {status.platform !== null && (
        <span className="status-item" data-testid="last-success">
          Last sent {ago(status.lastSuccessAt, now)}
        </span>
      )}
      {status.stuck && (
        <button type="button" className="status-item link tone-bad stuck" onClick={onOpenSales} role="alert" data-testid="sync-stuck">
          Nothing has gone through for {describeAge(now - Math.max(status.lastSuccessAt ?? 0, status.oldestWaitingAt ?? 0))}: {status.lastError ?? 'no answer from the platform'}
        </button>
      )}
    </>
  )
}

function describeConnection(status: SyncStatus, platform: string): { text: string; tone: 'ok' | 'warn' | 'bad' | 'info' } {
  switch (status.state) {
    case 'not_configured':
      return { text: 'No platform set up: sales stay on this device', tone: 'warn' }
    case 'online':
      return { text: `Online · ${platform}`, tone: 'ok' }
    case 'offline':
      return { text: `Offline · ${platform} cannot be reached; sales are kept here`, tone: 'warn' }
    case 'checking':
      return { text: `Checking ${platform}…`, tone: 'info' }
    case 'paused':
      if (status.pausedBy === 'manager') return { text: 'Sending paused', tone: 'warn' }
      if (status.pausedBy === 'other_process') return { text: 'Another CouponDesk is sending', tone: 'info' }
      return { text: `Sending stopped: ${status.problem ?? 'check the platform settings'}`, tone: 'bad' }
    default:
      return status.state satisfies never
  }
}
