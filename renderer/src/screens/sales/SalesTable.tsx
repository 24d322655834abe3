import { useMemo } from 'react'
import type { SaleView } from '../../../../electron/shared/contract'
import { StateBadge } from '../../components/StateBadge'
import type { Column } from '../../components/VirtualTable'
import { VirtualTable } from '../../components/VirtualTable'
import { useSettings } from '../../settings-context'
import { formatDateTime, money } from '../../format'

export function SalesTable(props: {
  total: number
  rowAt: (index: number) => SaleView | undefined
  ensureRange: (first: number, last: number) => void
  selectedOrderId: string | null
  onSelect: (sale: SaleView) => void
}) {
  const settings = useSettings()
  const columns = useMemo<Column<SaleView>[]>(
    () => [
      { header: 'Time', width: '152px', render: (sale) => formatDateTime(sale.occurredAt, settings.timeZone) },
      { header: 'Order ID', className: 'mono', width: 'minmax(196px, 1.4fr)', render: (sale) => sale.orderId },
      { header: 'Coupon', className: 'mono', render: (sale) => sale.code },
      { header: 'Affiliate', render: (sale) => sale.affiliateName ?? '—' },
      { header: 'Amount', className: 'right', width: 'minmax(96px, 0.7fr)', render: (sale) => money(sale.amountMinor, sale.currency, settings.amountFormat) },
      {
        header: 'State',
        width: 'minmax(160px, 1.2fr)',
        render: (sale) => (
          <>
            <StateBadge state={sale.state} />
            {sale.isUnverified && <span className="badge flag">Unverified</span>}
            {sale.isFutureDated && <span className="badge flag">Future time</span>}
            {sale.state === 'saved' && sale.sync.attempts > 0 && (
              <span className="muted small" title={sale.lastError ?? undefined}>
                tried {sale.sync.attempts}×
              </span>
            )}
            {sale.state === 'needs_attention' && sale.lastError !== null && (
              <span className="muted small attention-reason" title={sale.lastError}>
                {sale.lastError}
              </span>
            )}
          </>
        ),
      },
    ],
    [settings.amountFormat, settings.timeZone],
  )
  return (
    <VirtualTable
      label="Sales"
      testId="sales-table"
      columns={columns}
      total={props.total}
      rowAt={props.rowAt}
      ensureRange={props.ensureRange}
      rowId={(sale) => sale.orderId}
      selectedId={props.selectedOrderId}
      onSelect={props.onSelect}
      emptyText="No sales match."
    />
  )
}
