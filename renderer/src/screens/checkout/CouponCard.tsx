import type { CodeCheck } from '../../../../electron/shared/contract'
import { useSettings } from '../../settings-context'
import { formatDay, money } from '../../format'

const TONE: Record<CodeCheck['status'], 'ok' | 'bad' | 'warn'> = {
  valid: 'ok',
  unknown: 'warn',
  expired: 'bad',
  not_yet_valid: 'bad',
  inactive: 'bad',
  used_up: 'bad',
  below_minimum: 'bad',
}

const HEADLINE: Record<CodeCheck['status'], string> = {
  valid: 'Valid coupon',
  unknown: 'Unknown code',
  expired: 'Expired',
  not_yet_valid: 'Not valid yet',
  inactive: 'Switched off',
  used_up: 'Used up',
  below_minimum: 'Below the minimum order',
}

/** The big card a cashier reads at a glance: whose coupon, and can it be used. */
export function CouponCard({ check, checking }: { check: CodeCheck | null; checking: boolean }) {
  const settings = useSettings()
  if (check === null) {
    return (
      <section className="coupon-card empty" data-testid="coupon-card" aria-live="polite">
        <p className="coupon-hint">{checking ? 'Checking…' : 'Scan a coupon, or type its code and press Enter'}</p>
      </section>
    )
  }
  const coupon = check.coupon
  const tone = TONE[check.status]
  return (
    <section className={`coupon-card tone-${tone}`} data-testid="coupon-card" data-status={check.status} aria-live="polite">
      <div className="coupon-status">
        <span className="coupon-icon" aria-hidden="true">{tone === 'ok' ? '✓' : tone === 'warn' ? '?' : '✕'}</span>
        {HEADLINE[check.status]}
      </div>
      <div className="coupon-code" data-testid="coupon-code">{check.code}</div>
      {coupon !== null && (
        <div className="coupon-owner">
          <span data-testid="coupon-affiliate">{coupon.affiliateName ?? coupon.affiliateId ?? 'No affiliate named'}</span>
          {coupon.campaignName !== null && <span className="coupon-campaign"> · {coupon.campaignName}</span>}
        </div>
      )}
      {check.status !== 'valid' && <p className="coupon-message" data-testid="coupon-message">{check.message}</p>}
      {coupon !== null && (
        <ul className="coupon-facts">
          {coupon.validTo !== null && <li>Valid until {formatDay(coupon.validTo, settings.timeZone)}</li>}
          {coupon.validFrom !== null && <li>From {formatDay(coupon.validFrom, settings.timeZone)}</li>}
          {coupon.maxUses !== null && coupon.maxUses > 0 && (
            <li>
              Used {coupon.timesUsed} of {coupon.maxUses}
            </li>
          )}
          {coupon.minOrderMinor !== null && <li>Minimum order {money(coupon.minOrderMinor, settings.currency, settings.amountFormat)}</li>}
        </ul>
      )}
      {check.fromUrl && <p className="coupon-note">Read from a coupon link</p>}
    </section>
  )
}
