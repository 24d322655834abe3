import { DateTime } from 'luxon'
import type { SaleFilter } from '../../shared/contract'
import { minorToDecimalString } from '../../shared/money'
import { SALE_STATES } from '../../shared/sale-state'
import type { Db } from '../db/connection'
import type { SaleRow } from '../db/sales-repo'
import { iterateSales } from '../db/sales-repo'
import { toSafeCsv } from '../imports/write/safe-csv'

/**
 * Sales exports.
 * - `affiliationsoftware`: `Coupon, sales amount, order ID, date`, no header, dot decimals:
 *   exactly what AffiliationSoftware's offline-sales import takes, the manual fallback.
 * - `full`: every column, with a header, for reconciliation in a spreadsheet.
 * Cells a spreadsheet would run as a formula are escaped (imports/write/safe-csv).
 */

export type ExportLayout = 'affiliationsoftware' | 'full'

export const FULL_HEADER = [
  'order_id',
  'coupon',
  'amount',
  'currency',
  'occurred_at',
  'business_date',
  'state',
  'unverified',
  'future_dated',
  'affiliate',
  'campaign',
  'terminal',
  'source',
  'created_at',
  'voided_at',
  'void_reason',
  'last_error',
] as const


function iso(ms: number | null, timeZone: string): string {
  if (ms === null) return ''
  return DateTime.fromMillis(ms, { zone: timeZone }).startOf('second').toISO({ suppressMilliseconds: true }) ?? ''
}

/** Without a state filter, the platform layout leaves voided sales out: they are not sales. */
export function defaultExportFilter(layout: ExportLayout, filter: SaleFilter | undefined): SaleFilter | undefined {
  if (layout !== 'affiliationsoftware' || (filter?.states !== undefined && filter.states.length > 0)) return filter
  return { ...filter, states: SALE_STATES.filter((state) => state !== 'voided') }
}

function toCells(sale: SaleRow, layout: ExportLayout, timeZone: string): string[] {
  const amount = minorToDecimalString(sale.amount_minor, sale.currency)
  if (layout === 'affiliationsoftware') return [sale.coupon_code, amount, sale.order_id, sale.business_date]
  return [
    sale.order_id,
    sale.coupon_code,
    amount,
    sale.currency,
    iso(sale.occurred_at_ms, timeZone),
    sale.business_date,
    sale.state,
    sale.is_unverified === 1 ? 'yes' : 'no',
    sale.is_future_dated === 1 ? 'yes' : 'no',
    sale.affiliate_name ?? '',
    sale.campaign_name ?? '',
    sale.terminal_id,
    sale.source,
    iso(sale.created_at_ms, timeZone),
    iso(sale.voided_at_ms, timeZone),
    sale.void_reason ?? '',
    sale.last_error ?? '',
  ]
}

export function exportSalesCsv(db: Db, layout: ExportLayout, filter: SaleFilter | undefined, timeZone: string): { csv: string; rows: number } {
  const data: string[][] = []
  for (const sale of iterateSales(db, defaultExportFilter(layout, filter))) data.push(toCells(sale, layout, timeZone))
  return { csv: toSafeCsv(data, layout === 'full' ? FULL_HEADER : undefined), rows: data.length }
}

export function exportFileName(layout: ExportLayout, nowMs: number, timeZone: string): string {
  const stamp = DateTime.fromMillis(nowMs, { zone: timeZone }).toFormat('yyyyMMdd-HHmm')
  return layout === 'full' ? `coupondesk-sales-${stamp}.csv` : `coupondesk-offline-sales-${stamp}.csv`
}
