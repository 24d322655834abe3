import { closeSync, openSync, statSync, writeSync } from 'node:fs'

/**
 * The synthetic coupon list the catalogue benchmarks use: row `index` is always the same row,
 * so the CSV (written by the parent) and the bare-insert baseline (built in a child) hold the
 * same coupons. Codes look random (a bijection of the index), so inserts land all over the
 * B-tree as they would with a real platform export.
 */

export const CATALOG_HEADER = 'code,affiliate_name,campaign_name,valid_to,max_uses,times_used,status'

const CODE_SPACE = 36 ** 6
// Prime, and shares no factor with 36^6 = 2^12 * 3^12, so index -> index * STEP mod 36^6 is one-to-one.
const STEP = 1_000_003
const PREFIXES = 'ABCDEFGHJKLMNPQR'

export interface SyntheticCoupon {
  code: string
  affiliateName: string
  campaignName: string
  /** yyyy-mm-dd */
  validTo: string
  maxUses: number | null
  timesUsed: number
  isActive: boolean
}

export function syntheticCode(index: number): string {
  const scrambled = (index * STEP) % CODE_SPACE
  return `${PREFIXES[index % PREFIXES.length] ?? 'Z'}${scrambled.toString(36).toUpperCase().padStart(6, '0')}`
}

/** A code of the same shape that no synthetic catalogue of fewer than 36^6 rows holds. */
export function unknownCode(index: number): string {
  const scrambled = (index * STEP) % CODE_SPACE
  return `X${scrambled.toString(36).toUpperCase().padStart(6, '0')}`
}

export function syntheticCoupon(index: number): SyntheticCoupon {
  const month = (index % 12) + 1
  const day = (index % 28) + 1
  return {
    code: syntheticCode(index),
    affiliateName: `Partner ${index % 5000}`,
    campaignName: `Campaign ${index % 40}`,
    validTo: `2099-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    maxUses: index % 3 === 0 ? null : (index % 50) + 10,
    timesUsed: index % 7,
    isActive: index % 25 !== 0,
  }
}

export function couponCsvLine(coupon: SyntheticCoupon): string {
  return [
    coupon.code,
    coupon.affiliateName,
    coupon.campaignName,
    coupon.validTo,
    coupon.maxUses === null ? '' : String(coupon.maxUses),
    String(coupon.timesUsed),
    coupon.isActive ? 'active' : 'inactive',
  ].join(',')
}

/** Writes a header CSV of `rows` synthetic coupons; returns its size in bytes. */
export function writeCatalogCsv(file: string, rows: number): number {
  const fd = openSync(file, 'w')
  try {
    writeSync(fd, `${CATALOG_HEADER}\n`)
    const chunkRows = 20_000
    for (let start = 0; start < rows; start += chunkRows) {
      const lines: string[] = []
      for (let index = start; index < Math.min(rows, start + chunkRows); index++) lines.push(couponCsvLine(syntheticCoupon(index)))
      writeSync(fd, `${lines.join('\n')}\n`)
    }
  } finally {
    closeSync(fd)
  }
  return statSync(file).size
}
