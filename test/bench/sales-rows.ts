import { closeSync, openSync, writeSync } from 'node:fs'

/**
 * A synthetic day of till exports for the sales-import benchmark: the AffiliationSoftware layout
 * with a header (`Coupon,Sales amount,Order ID,Date`), codes drawn from a catalogue of
 * `codes` coupons, amounts with two decimals, a date-time per row. About 40 bytes a row.
 */

export function benchCode(index: number): string {
  return `BENCH${String(index).padStart(4, '0')}`
}

export function writeCatalogueForSales(file: string, codes: number): void {
  const lines = ['code,affiliate_name,campaign_name']
  for (let index = 0; index < codes; index++) lines.push(`${benchCode(index)},Affiliate ${index},Campaign ${index % 7}`)
  const fd = openSync(file, 'w')
  writeSync(fd, `${lines.join('\n')}\n`)
  closeSync(fd)
}

export function salesRow(index: number, codes: number): { code: string; amount: string; orderId: string; date: string } {
  const minute = index % 1440
  return {
    code: benchCode((index * 7919) % codes),
    amount: `${(index % 500) + 1}.${String(index % 100).padStart(2, '0')}`,
    orderId: `R-${String(index).padStart(8, '0')}`,
    date: `2026-11-20 ${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:${String(index % 60).padStart(2, '0')}`,
  }
}

/** Writes the CSV in 1 MB pieces; returns its size in bytes. */
export function writeSalesCsv(file: string, rows: number, codes: number): number {
  const fd = openSync(file, 'w')
  let bytes = 0
  let chunk = 'Coupon,Sales amount,Order ID,Date\n'
  for (let index = 0; index < rows; index++) {
    const row = salesRow(index, codes)
    chunk += `${row.code},${row.amount},${row.orderId},${row.date}\n`
    if (chunk.length > 1_000_000) {
      bytes += writeSync(fd, chunk)
      chunk = ''
    }
  }
  bytes += writeSync(fd, chunk)
  closeSync(fd)
  return bytes
}
