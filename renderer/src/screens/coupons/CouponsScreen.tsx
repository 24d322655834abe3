import { useMemo, useState } from 'react'
import type { CouponView } from '../../../../electron/shared/contract'
import { call } from '../../api/pos'
import { usePosData } from '../../api/usePosData'
import { usePagedRows } from '../../components/usePagedRows'
import type { Column } from '../../components/VirtualTable'
import { VirtualTable } from '../../components/VirtualTable'
import { useNow } from '../../components/useNow'
import { useSettings } from '../../settings-context'
import { ago, count, formatDay, money } from '../../format'
import { ImportPanel } from './ImportPanel'
import { DownloadPanel } from './DownloadPanel'

/** The catalogue: how old it is, loading a new one, and every code in it. */
export function CouponsScreen({ onMapByHand }: { onMapByHand: () => void }) {
  const settings = useSettings()
  const status = usePosData('catalog:status', {}, ['catalog:changed'])
  const [search, setSearch] = useState('')
  const now = useNow()
  const rows = usePagedRows(search, (offset, limit) => call('catalog:list', { ...(search.trim() === '' ? {} : { search }), offset, limit }), 'catalog:changed')

  const columns = useMemo<Column<CouponView>[]>(
    () => [
      { header: 'Code', className: 'mono', render: (coupon) => coupon.code },
      { header: 'Affiliate', render: (coupon) => coupon.affiliateName ?? coupon.affiliateId ?? '—' },
      { header: 'Campaign', render: (coupon) => coupon.campaignName ?? coupon.campaignId ?? '—' },
      {
        header: 'Valid',
        render: (coupon) =>
          !coupon.isActive
            ? 'switched off'
            : coupon.validTo === null
              ? coupon.validFrom === null ? 'always' : `from ${formatDay(coupon.validFrom, settings.timeZone)}`
              : coupon.validTo < now
                ? `expired ${formatDay(coupon.validTo, settings.timeZone)}`
                : `until ${formatDay(coupon.validTo, settings.timeZone)}`,
      },
      { header: 'Uses', render: (coupon) => (coupon.maxUses === null || coupon.maxUses === 0 ? String(coupon.timesUsed) : `${coupon.timesUsed} of ${coupon.maxUses}`) },
      { header: 'Minimum order', render: (coupon) => (coupon.minOrderMinor === null ? '—' : money(coupon.minOrderMinor, settings.currency, settings.amountFormat)) },
    ],
    [now, settings.amountFormat, settings.currency, settings.timeZone],
  )

  return (
    <div className="coupons-screen">
      <div className="coupons-top">
        <section className="panel">
          <h2>Coupon list</h2>
          <p className="big-number" data-testid="catalog-count">{count(status.data?.coupons ?? 0)} coupons</p>
          <p className="muted">
            {status.data?.importedAt == null ? 'No list loaded yet.' : `Updated ${ago(status.data.importedAt, now)} from ${status.data.lastImportFile ?? '?'}`}
          </p>
          <DownloadPanel />
        </section>
        <ImportPanel onMapByHand={onMapByHand} />
      </div>
      <div className="toolbar">
        <input className="input search" type="search" placeholder="Search code, affiliate or campaign" aria-label="Search coupons" value={search} onChange={(event) => setSearch(event.target.value)} />
      </div>
      <VirtualTable label="Coupons" testId="coupons-table" columns={columns} total={rows.total} rowAt={rows.rowAt} ensureRange={rows.ensureRange} rowId={(coupon) => coupon.code} emptyText="No coupons match." />
    </div>
  )
}
