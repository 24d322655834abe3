import type { CodeCheck } from '../../shared/contract'
import type { Settings } from '../../shared/settings'
import type { Db } from '../db/connection'
import type { CouponRow } from '../db/coupons-repo'
import { catalogMeta, findCoupon } from '../db/coupons-repo'
import { localUses } from '../db/local-uses'
import { evaluateCode } from './coupon-rules'

/** Looks a parsed code up in the local catalogue and applies the validity rules. */
export function checkCode(
  db: Db,
  scanned: { code: string; key: string; fromUrl: boolean },
  amountMinor: number | null,
  settings: Settings,
  nowMs: number,
): CodeCheck {
  return lookupCode(db, scanned, amountMinor, settings, nowMs).check
}

/** The check together with the catalogue row it was made against (undefined when unknown). */
export function lookupCode(
  db: Db,
  scanned: { code: string; key: string; fromUrl: boolean },
  amountMinor: number | null,
  settings: Settings,
  nowMs: number,
): { check: CodeCheck; coupon: CouponRow | undefined } {
  const coupon = findCoupon(db, scanned.key)
  // Local uses matter only against a limit (the card shows "used n of m" only then).
  const limit = coupon?.max_uses ?? 0
  const usesHere = coupon === undefined || limit <= 0 ? 0 : localUses(db, scanned.key, coupon.seen_at_ms)
  const check = evaluateCode(scanned, coupon, {
    nowMs,
    localUses: usesHere,
    amountMinor,
    currency: settings.currency,
    amountFormat: settings.amountFormat,
    timeZone: settings.timeZone,
    catalogueImportedAt: catalogMeta(db).importedAt,
  })
  return { check, coupon }
}
