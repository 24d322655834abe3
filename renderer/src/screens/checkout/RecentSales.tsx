import { usePosData } from '../../api/usePosData'
import { StateBadge } from '../../components/StateBadge'
import { useSettings } from '../../settings-context'
import { formatDateTime, money } from '../../format'

/** The last sales of this till, so the cashier sees each one land. */
export function RecentSales() {
  const settings = useSettings()
  const recent = usePosData('sale:list', { offset: 0, limit: 12 }, ['sales:changed'])
  return (
    <aside className="recent" aria-label="Last sales">
      <h2>Last sales</h2>
      {recent.error !== null && <p className="error-text">{recent.error}</p>}
      {recent.data?.rows.length === 0 && <p className="muted">No sales yet today.</p>}
      <ol className="recent-list" data-testid="recent-sales">
        {recent.data?.rows.map((sale) => (
          <li key={sale.id} className="recent-row" data-order-id={sale.orderId}>
            <div className="recent-main">
              <span className="recent-code">{sale.code}</span>
              <span className="recent-amount">{money(sale.amountMinor, sale.currency, settings.amountFormat)}</span>
            </div>
            <div className="recent-meta">
              <span>{formatDateTime(sale.occurredAt, settings.timeZone)}</span>
              <span className="mono">{sale.orderId}</span>
              <StateBadge state={sale.state} />
              {sale.isUnverified && <span className="badge flag">Unverified</span>}
            </div>
          </li>
        ))}
      </ol>
    </aside>
  )
}
