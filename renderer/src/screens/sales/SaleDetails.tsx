import { useEffect, useState } from 'react'
import type { SaleView } from '../../../../electron/shared/contract'
import { SALE_STATE_LABELS, canVoidLocally, canVoidWithReversal } from '../../../../electron/shared/sale-state'
import { call, invoke, subscribe } from '../../api/pos'
import { SaleSyncPanel } from './SaleSyncPanel'
import { StateBadge } from '../../components/StateBadge'
import { useSettings } from '../../settings-context'
import { formatDateTime, money } from '../../format'

/** One sale, all of it, and the void action when the platform has not seen the sale. */
export function SaleDetails({ sale, onClose, onChanged }: { sale: SaleView; onClose: () => void; onChanged: (sale: SaleView) => void }) {
  const settings = useSettings()
  const [confirmVoid, setConfirmVoid] = useState(false)
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [needsManualReversal, setNeedsManualReversal] = useState(false)
  const [reversedByHand, setReversedByHand] = useState(false)
  const zone = settings.timeZone

  // The engine changes sales on its own: keep the one on screen current.
  useEffect(
    () =>
      subscribe('sales:changed', ({ saleIds }) => {
        if (!saleIds.includes(sale.id)) return
        void call('sale:list', { filter: { search: sale.orderId }, offset: 0, limit: 20 }).then(({ rows }) => {
          const fresh = rows.find((row) => row.id === sale.id)
          if (fresh !== undefined) onChanged(fresh)
        })
      }),
    [sale.id, sale.orderId, onChanged],
  )

  const doVoid = async (): Promise<void> => {
    const result = await invoke('sale:void', {
      saleId: sale.id,
      ...(reason.trim() === '' ? {} : { reason }),
      ...(reversedByHand ? { alreadyReversedAtPlatform: true } : {}),
    })
    if (!result.ok) {
      setNeedsManualReversal(result.error.details?.needsManualReversal === true)
      setError(result.error.message)
      return
    }
    setConfirmVoid(false)
    setError(null)
    onChanged(result.value)
  }

  const facts: [string, string][] = [
    ['Order ID', sale.orderId],
    ['Coupon', sale.code],
    ['Affiliate', sale.affiliateName ?? '—'],
    ['Campaign', sale.campaignName ?? '—'],
    ['Amount', money(sale.amountMinor, sale.currency, settings.amountFormat)],
    ['Sale time', formatDateTime(sale.occurredAt, zone)],
    ['Business date', sale.businessDate],
    ['Recorded', `${formatDateTime(sale.createdAt, zone)} on till ${sale.terminalId} (${sale.source})`],
    ['State since', formatDateTime(sale.stateChangedAt, zone)],
  ]
  if (sale.voidedAt !== null) facts.push(['Voided', `${formatDateTime(sale.voidedAt, zone)}${sale.voidReason === null ? '' : `: ${sale.voidReason}`}`])
  if (sale.lastError !== null) facts.push(['Last error', sale.lastError])

  return (
    <aside className="details" aria-label={`Sale ${sale.orderId}`} data-testid="sale-details">
      <div className="details-head">
        <h2>Sale {sale.orderId}</h2>
        <button type="button" className="button ghost" onClick={onClose} aria-label="Close details">
          ✕
        </button>
      </div>
      <StateBadge state={sale.state} />
      {sale.isUnverified && <p className="tone-warn-text">Unverified: the code was not in the coupon list when it was sold.</p>}
      {sale.isFutureDated && <p className="tone-warn-text">The sale time was more than 5 minutes in the future when recorded.</p>}
      <dl className="facts">
        {facts.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <SaleSyncPanel key={`${sale.id}-${sale.state}`} sale={sale} onChanged={onChanged} />
      {canVoidLocally(sale.state) || canVoidWithReversal(sale.state) ? (
        confirmVoid ? (
          <div className="void-box">
            <label className="field">
              <span className="field-label">Why is it voided? (kept in the audit log)</span>
              <input className="input" data-testid="void-reason" value={reason} autoFocus onChange={(event) => setReason(event.target.value)} />
            </label>
            {canVoidWithReversal(sale.state) && <p className="muted">The platform has this sale: voiding sends a reversal after it.</p>}
            {needsManualReversal && (
              <label className="checkbox">
                <input type="checkbox" data-testid="reversed-by-hand" checked={reversedByHand} onChange={(event) => setReversedByHand(event.target.checked)} /> I have reversed it in the platform
              </label>
            )}
            <div className="dialog-buttons">
              <button type="button" className="button secondary" onClick={() => setConfirmVoid(false)}>
                Keep the sale
              </button>
              <button type="button" className="button danger" data-testid="confirm-void" onClick={() => void doVoid()}>
                Void sale
              </button>
            </div>
          </div>
        ) : (
          <button type="button" className="button danger" data-testid="void-sale" onClick={() => setConfirmVoid(true)}>
            Void this sale…
          </button>
        )
      ) : (
        <p className="muted">
          {sale.state === 'voided' ? 'This sale is voided.' : `A sale that is “${SALE_STATE_LABELS[sale.state]}” cannot be voided on this device.`}
        </p>
      )}
      {error !== null && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
    </aside>
  )
}
