import type { CodeCheck } from '../../shared/contract'
import type { Settings } from '../../shared/settings'
import type { Db } from '../db/connection'
import { catalogMeta, countLocalUses, findCoupon } from '../db/coupons-repo'
import { evaluateCode } from './coupon-rules'

/** Looks a parsed code up in the local catalogue and applies the validity rules. */
export function checkCode(
  db: Db,
  scanned: { code: string; key: string; fromUrl: boolean },
  amountMinor: number | null,
  settings: Settings,
  nowMs: number,
): CodeCheck {
  const coupon = findCoupon(db, scanned.key)
  const localUses = coupon === undefined ? 0 : countLocalUses(db, scanned.key, coupon.seen_at_ms)
  return evaluateCode(scanned, coupon, {
    nowMs,
    localUses,
    amountMinor,
    currency: settings.currency,
    amountFormat: settings.amountFormat,
    timeZone: settings.timeZone,
    catalogueImportedAt: catalogMeta(db).importedAt,
  })
}
