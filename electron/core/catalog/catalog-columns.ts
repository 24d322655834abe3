import type { RowProblem } from '../../shared/contract'
import type { CatalogFieldName } from '../../shared/import-contract'
import { cleanCode } from '../../shared/coupon-code'
import { parseValidityBound } from '../../shared/dates'
import { minorDigits } from '../../shared/money'
import type { CouponRow } from '../db/coupons-repo'
import { matchHeader } from '../imports/mapping/header-match'

/**
 * The coupon lists platforms hand out, read into catalogue rows:
 * - one code per line;
 * - `code;affiliate` or `code,affiliate` (no header);
 * - a header naming columns, in any order, any but `code` optional:
 *   code, affiliate_id, affiliate_name, campaign_id, campaign_name, valid_from, valid_to,
 *   status, max_uses, times_used, min_order (plus the spellings platforms use, below).
 */

export type CatalogField = CatalogFieldName

export const CATALOG_SYNONYMS: Record<CatalogField, readonly string[]> = {
  code: ['code', 'coupon', 'coupon_code', 'couponcode', 'voucher', 'voucher_code', 'promo', 'promo_code', 'promotion_code'],
  affiliate_id: ['affiliate_id', 'affiliateid', 'userid', 'user_id', 'partner_id', 'partner_key', 'publisher_id'],
  affiliate_name: ['affiliate_name', 'affiliate', 'partner', 'partner_name', 'publisher', 'publisher_name', 'influencer'],
  campaign_id: ['campaign_id', 'campaignid', 'offer_id'],
  campaign_name: ['campaign_name', 'campaign', 'offer', 'offer_name'],
  valid_from: ['valid_from', 'validfrom', 'start', 'start_date', 'starts_at', 'from'],
  valid_to: ['valid_to', 'validto', 'valid_until', 'end', 'end_date', 'expires', 'expires_at', 'expiry', 'expiry_date', 'to'],
  status: ['status', 'rstatus', 'state', 'active'],
  max_uses: ['max_uses', 'maxuses', 'limit_use', 'maxusecount', 'usage_limit', 'max_redemptions'],
  times_used: ['times_used', 'usecount', 'use_count', 'used', 'times_redeemed', 'redemptions'],
  min_order: ['min_order', 'minimum_order', 'min_order_amount', 'min_amount', 'minimum_amount'],
}

export type CatalogLayout = 'codes-only' | 'code-affiliate' | 'header'

export interface ColumnMap {
  layout: CatalogLayout
  columns: Partial<Record<CatalogField, number>>
}

/** Decides the layout from the first non-blank record and the number of columns. */
export function detectCatalogLayout(firstRecord: readonly string[]): ColumnMap {
  const columns = matchHeader(firstRecord, CATALOG_SYNONYMS)
  if (columns.code !== undefined) return { layout: 'header', columns }
  if (firstRecord.length >= 2) return { layout: 'code-affiliate', columns: { code: 0, affiliate_name: 1 } }
  return { layout: 'codes-only', columns: { code: 0 } }
}

export interface RowContext {
  line: number
  timeZone: string
  currency: string
  nowMs: number
}

export type RowOutcome = { ok: true; row: CouponRow } | { ok: false; problem: RowProblem }

const ACTIVE = new Set(['active', 'a', 'approved', 'enabled', 'on', 'yes', 'true', '1', 'valid'])
const INACTIVE = new Set(['inactive', 'd', 'declined', 'disabled', 'off', 'no', 'false', '0', 'paused', 'p', 'pending', 'deleted', 'expired'])

export function recordToCoupon(fields: readonly string[], map: ColumnMap, context: RowContext): RowOutcome {
  const cell = (field: CatalogField): string => {
    const index = map.columns[field]
    return index === undefined ? '' : (fields[index] ?? '').trim()
  }
  const problem = (field: CatalogField, message: string): RowOutcome => ({
    ok: false,
    problem: { line: context.line, field, message },
  })

  if (cell('code') === '') return problem('code', 'code is empty')
  const cleaned = cleanCode(cell('code'))
  if (!cleaned.ok) return problem('code', cleaned.reason)
  const { code, key } = cleaned

  let validFrom: number | null = null
  let validTo: number | null = null
  for (const [field, bound] of [['valid_from', 'from'], ['valid_to', 'to']] as const) {
    const text = cell(field)
    if (text === '') continue
    const parsed = parseValidityBound(text, bound, context.timeZone)
    if (!parsed.ok) return problem(field, parsed.reason)
    if (bound === 'from') validFrom = parsed.atMs
    else validTo = parsed.atMs
  }
  if (validFrom !== null && validTo !== null && validTo < validFrom) {
    return problem('valid_to', 'valid_to is before valid_from')
  }

  const statusText = cell('status').toLowerCase()
  let isActive: 0 | 1 = 1
  if (statusText !== '') {
    if (ACTIVE.has(statusText)) isActive = 1
    else if (INACTIVE.has(statusText)) isActive = 0
    else return problem('status', `status "${cell('status')}" is neither active nor inactive`)
  }

  const maxUses = wholeNumber(cell('max_uses'))
  if (maxUses === 'invalid') return problem('max_uses', `max_uses "${cell('max_uses')}" is not a whole number`)
  const timesUsed = wholeNumber(cell('times_used'))
  if (timesUsed === 'invalid') return problem('times_used', `times_used "${cell('times_used')}" is not a whole number`)
  const minOrder = decimalToMinor(cell('min_order'), context.currency)
  if (minOrder === 'invalid') return problem('min_order', `min_order "${cell('min_order')}" is not an amount (use 20 or 20.00)`)

  return {
    ok: true,
    row: {
      key,
      code,
      affiliate_id: nullIfEmpty(cell('affiliate_id')),
      affiliate_name: nullIfEmpty(cell('affiliate_name')),
      campaign_id: nullIfEmpty(cell('campaign_id')),
      campaign_name: nullIfEmpty(cell('campaign_name')),
      valid_from_ms: validFrom,
      valid_to_ms: validTo,
      is_active: isActive,
      max_uses: maxUses,
      times_used: timesUsed ?? 0,
      min_order_minor: minOrder,
      seen_at_ms: context.nowMs,
    },
  }
}

function nullIfEmpty(text: string): string | null {
  return text === '' ? null : text.slice(0, 500)
}

function wholeNumber(text: string): number | null | 'invalid' {
  if (text === '') return null
  if (!/^\d{1,12}$/.test(text)) return 'invalid'
  return Number(text)
}

/** Minimum order in a coupon list: a plain decimal with `.` or `,` and no thousands marks. */
function decimalToMinor(text: string, currency: string): number | null | 'invalid' {
  if (text === '') return null
  const match = /^(\d{1,12})(?:[.,](\d+))?$/.exec(text.replace(/^\p{Sc}\s*|\s*\p{Sc}$/gu, ''))
  if (match === null) return 'invalid'
  const digits = minorDigits(currency)
  const fraction = match[2] ?? ''
  if (fraction.length > digits) return 'invalid'
  return Number(`${match[1]}${fraction.padEnd(digits, '0')}`)
}
