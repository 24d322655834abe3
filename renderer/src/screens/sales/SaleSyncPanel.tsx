import { useState } from 'react'
import type { SaleView } from '../../../../electron/shared/contract'
import { ATTENTION_LABELS } from '../../../../electron/shared/sync-contract'
import { invoke } from '../../api/pos'
import { useSettings } from '../../settings-context'
import { formatAmountPlain } from '../../../../electron/shared/money'
import { formatDateTime } from '../../format'

const REVERSAL_LABELS = {
  pending: 'Reversal waiting to be sent',
  sent: 'Reversed at the platform',
  failed: 'The platform refused the reversal: reverse it there',
  manual: 'Reversed by hand in the platform',
} as const

/**
 * A sale's road to the platform: attempts, the last error, and the manager's answers to a sale
 * the platform did not take cleanly: fix and resend (coupon or amount, audit-logged), resend,
 * or mark as sent after checking the platform.
 */
export function SaleSyncPanel({ sale, onChanged }: { sale: SaleView; onChanged: (sale: SaleView) => void }) {
  const settings = useSettings()
  const [mode, setMode] = useState<'none' | 'fix' | 'mark'>('none')
  const [code, setCode] = useState(sale.code)
  const [amount, setAmount] = useState(formatAmountPlain(sale.amountMinor, sale.currency, settings.amountFormat))
  const [reason, setReason] = useState('')
  const [allowUnverified, setAllowUnverified] = useState(false)
  const [needsUnverified, setNeedsUnverified] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const zone = settings.timeZone
  const { sync } = sale

  const resend = async (changes: { code?: string; amount?: string }): Promise<void> => {
    const result = await invoke('sale:fix-and-resend', {
      saleId: sale.id,
      ...changes,
      ...(allowUnverified ? { allowUnverified } : {}),
      ...(reason.trim() === '' ? {} : { reason: reason.trim() }),
    })
    if (!result.ok) {
      setNeedsUnverified(result.error.code === 'COUPON_UNKNOWN')
      setError(result.error.message)
      return
    }
    setError(null)
    setMode('none')
    onChanged(result.value)
  }

  const markSent = async (): Promise<void> => {
    const result = await invoke('sale:mark-sent', { saleId: sale.id, ...(reason.trim() === '' ? {} : { note: reason.trim() }) })
    if (!result.ok) {
      setError(result.error.message)
      return
    }
    setError(null)
    setMode('none')
    onChanged(result.value)
  }

  const isUnsure = sync.attention === 'unconfirmed' || sync.attention === 'not_found'
  const canFix = sale.state === 'needs_attention' || sale.state === 'saved'

  return (
    <div className="sync-panel" data-testid="sale-sync">
      <dl className="facts">
        <div>
          <dt>Attempts</dt>
          <dd data-testid="sale-attempts">{sync.attempts}</dd>
        </div>
        {sync.lastAttemptAt !== null && (
          <div>
            <dt>Last attempt</dt>
            <dd>{formatDateTime(sync.lastAttemptAt, zone)}</dd>
          </div>
        )}
        {sale.state === 'saved' && sync.nextAttemptAt !== null && (
          <div>
            <dt>Next attempt</dt>
            <dd>{formatDateTime(sync.nextAttemptAt, zone)}</dd>
          </div>
        )}
        {sync.reversal !== null && (
          <div>
            <dt>Reversal</dt>
            <dd>{REVERSAL_LABELS[sync.reversal]}</dd>
          </div>
        )}
      </dl>
      {sale.state === 'needs_attention' && (
        <div className="banner tone-bad" role="alert" data-testid="attention-reason">
          <div>
            <div className="banner-title">{sync.attention === null ? 'Needs attention' : ATTENTION_LABELS[sync.attention]}</div>
            {sale.lastError !== null && <div className="banner-detail">{sale.lastError}</div>}
          </div>
        </div>
      )}
      {sale.state === 'needs_attention' && mode === 'none' && (
        <div className="dialog-buttons">
          {isUnsure && (
            <button type="button" className="button secondary" data-testid="mark-sent" onClick={() => setMode('mark')}>
              It is in the platform: mark as sent…
            </button>
          )}
          <button type="button" className="button primary" data-testid="fix-sale" onClick={() => setMode('fix')}>
            {isUnsure ? 'Not in the platform: resend…' : 'Fix and resend…'}
          </button>
        </div>
      )}
      {sale.state === 'saved' && mode === 'none' && (
        <button type="button" className="button secondary" data-testid="fix-sale" onClick={() => setMode('fix')}>
          Correct before it is sent…
        </button>
      )}
      {mode === 'fix' && canFix && (
        <form
          className="void-box"
          onSubmit={(event) => {
            event.preventDefault()
            const changes = { ...(code.trim() !== sale.code ? { code } : {}), ...(amount.trim() !== formatAmountPlain(sale.amountMinor, sale.currency, settings.amountFormat) ? { amount } : {}) }
            void resend(changes)
          }}
        >
          <label className="field">
            <span className="field-label">Coupon</span>
            <input className="input mono" data-testid="fix-code" value={code} onChange={(event) => setCode(event.target.value)} />
          </label>
          <label className="field">
            <span className="field-label">Amount ({sale.currency})</span>
            <input className="input" data-testid="fix-amount" inputMode="decimal" value={amount} onChange={(event) => setAmount(event.target.value)} />
          </label>
          <label className="field">
            <span className="field-label">Why (kept in the audit log)</span>
            <input className="input" data-testid="fix-reason" value={reason} onChange={(event) => setReason(event.target.value)} />
          </label>
          {needsUnverified && (
            <label className="checkbox">
              <input type="checkbox" checked={allowUnverified} onChange={(event) => setAllowUnverified(event.target.checked)} /> Send it with a code that is not in the coupon list
            </label>
          )}
          {isUnsure && <p className="tone-warn-text">Resend only after checking that the platform does not have order {sale.orderId}: otherwise it counts twice.</p>}
          <div className="dialog-buttons">
            <button type="button" className="button secondary" onClick={() => setMode('none')}>
              Cancel
            </button>
            <button type="submit" className="button primary" data-testid="resend-sale">
              Resend
            </button>
          </div>
        </form>
      )}
      {mode === 'mark' && (
        <div className="void-box">
          <p>Mark order {sale.orderId} as sent because you found it in the platform. It will not be sent again.</p>
          <label className="field">
            <span className="field-label">Note (kept in the audit log)</span>
            <input className="input" data-testid="mark-note" value={reason} onChange={(event) => setReason(event.target.value)} />
          </label>
          <div className="dialog-buttons">
            <button type="button" className="button secondary" onClick={() => setMode('none')}>
              Cancel
            </button>
            <button type="button" className="button primary" data-testid="confirm-mark-sent" onClick={() => void markSent()}>
              Mark as sent
            </button>
          </div>
        </div>
      )}
      {error !== null && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
    </div>
  )
}
