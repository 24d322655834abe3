import type { CodeCheck, CodeStatus, CouponView } from '../../shared/contract'
import type { AmountFormat } from '../../shared/money'
import { formatMinor } from '../../shared/money'
import { describeAge, formatDateTime, formatDay } from '../../shared/dates'
import { assertNever } from '../../shared/assert'
import type { CouponRow } from '../db/coupons-repo'

/**
 * The validity rules, in the order a cashier needs them: switched off, not started, expired,
 * used up, then (once the amount is known) below the minimum order. Unknown codes are not
 * refused: the catalogue may be older than the coupon, so the cashier may confirm the sale as
 * unverified.
 */

export interface RuleContext {
  nowMs: number
  /** Sales this device recorded with the code since the catalogue counted its uses. */
  localUses: number
  amountMinor: number | null
  currency: string
  amountFormat: AmountFormat
  timeZone: string
  catalogueImportedAt: number | null
}

export function couponStatus(coupon: CouponRow, context: RuleContext): CodeStatus {
  if (coupon.is_active === 0) return 'inactive'
  if (coupon.valid_from_ms !== null && context.nowMs < coupon.valid_from_ms) return 'not_yet_valid'
  if (coupon.valid_to_ms !== null && context.nowMs > coupon.valid_to_ms) return 'expired'
  const used = coupon.times_used + context.localUses
  if (coupon.max_uses !== null && coupon.max_uses > 0 && used >= coupon.max_uses) return 'used_up'
  if (
    context.amountMinor !== null &&
    coupon.min_order_minor !== null &&
    context.amountMinor < coupon.min_order_minor
  ) {
    return 'below_minimum'
  }
  return 'valid'
}

export function toCouponView(coupon: CouponRow, localUses: number): CouponView {
  return {
    code: coupon.code,
    affiliateId: coupon.affiliate_id,
    affiliateName: coupon.affiliate_name,
    campaignId: coupon.campaign_id,
    campaignName: coupon.campaign_name,
    validFrom: coupon.valid_from_ms,
    validTo: coupon.valid_to_ms,
    isActive: coupon.is_active === 1,
    maxUses: coupon.max_uses,
    timesUsed: coupon.times_used + localUses,
    minOrderMinor: coupon.min_order_minor,
  }
}

export function evaluateCode(
  scanned: { code: string; fromUrl: boolean },
  coupon: CouponRow | undefined,
  context: RuleContext,
): CodeCheck {
  if (coupon === undefined) {
    return {
      status: 'unknown',
      code: scanned.code,
      fromUrl: scanned.fromUrl,
      message: unknownMessage(context),
      canSell: false,
      needsConfirmation: true,
      coupon: null,
      catalogueImportedAt: context.catalogueImportedAt,
    }
  }
  const status = couponStatus(coupon, context)
  return {
    status,
    code: coupon.code,
    fromUrl: scanned.fromUrl,
    message: statusMessage(status, coupon, context),
    canSell: status === 'valid',
    needsConfirmation: false,
    coupon: toCouponView(coupon, context.localUses),
    catalogueImportedAt: context.catalogueImportedAt,
  }
}

function unknownMessage(context: RuleContext): string {
  if (context.catalogueImportedAt === null) {
    return 'No coupon list is loaded yet, so this code cannot be checked. You can save the sale as unverified.'
  }
  const age = describeAge(context.nowMs - context.catalogueImportedAt)
  return `Not in the coupon list (updated ${age} ago). If the coupon is new, you can save the sale as unverified.`
}

function statusMessage(status: CodeStatus, coupon: CouponRow, context: RuleContext): string {
  switch (status) {
    case 'valid': {
      const owner = coupon.affiliate_name ?? coupon.affiliate_id ?? 'no affiliate named'
      return coupon.campaign_name === null ? `Valid: ${owner}` : `Valid: ${owner}, ${coupon.campaign_name}`
    }
    case 'inactive':
      return 'Refused: this coupon is switched off'
    case 'not_yet_valid':
      return `Refused: not valid before ${formatDateTime(coupon.valid_from_ms ?? 0, context.timeZone)}`
    case 'expired':
      return `Refused: expired on ${formatDay(coupon.valid_to_ms ?? 0, context.timeZone)}`
    case 'used_up': {
      const used = coupon.times_used + context.localUses
      return `Refused: used up (used ${used} of ${coupon.max_uses ?? 0} times)`
    }
    case 'below_minimum':
      return `Refused: needs a minimum order of ${formatMinor(coupon.min_order_minor ?? 0, context.currency, context.amountFormat)} (this sale: ${formatMinor(context.amountMinor ?? 0, context.currency, context.amountFormat)})`
    case 'unknown':
      return unknownMessage(context)
    default:
      return assertNever(status, 'code status')
  }
}
