import { describe, it, expect } from 'vitest'
import type { RuleContext } from '../../../../electron/core/catalog/coupon-rules'
import { couponStatus, evaluateCode, toCouponView } from '../../../../electron/core/catalog/coupon-rules'
import type { CouponRow } from '../../../../electron/core/db/coupons-repo'

const NOW = Date.UTC(2026, 10, 21, 12, 0)
const HOUR = 3_600_000

function coupon(overrides: Partial<CouponRow> = {}): CouponRow {
  return {
    key: 'ANNA10',
    code: 'Anna10',
    affiliate_id: 'aff-1',
    affiliate_name: 'Anna Schmidt',
    campaign_id: 'camp-1',
    campaign_name: 'Winter Sale',
    valid_from_ms: null,
    valid_to_ms: null,
    is_active: 1,
    max_uses: null,
    times_used: 0,
    min_order_minor: null,
    seen_at_ms: NOW - HOUR,
    ...overrides,
  }
}

function context(overrides: Partial<RuleContext> = {}): RuleContext {
  return {
    nowMs: NOW,
    localUses: 0,
    amountMinor: null,
    currency: 'EUR',
    amountFormat: 'point',
    timeZone: 'Europe/Berlin',
    catalogueImportedAt: NOW - 2 * HOUR,
    ...overrides,
  }
}

const scanned = { code: 'anna10', fromUrl: false }

describe('couponStatus', () => {
  it('is valid for an active coupon without limits', () => {
    expect(couponStatus(coupon(), context())).toBe('valid')
  })

  it('is inactive when the coupon is switched off', () => {
    expect(couponStatus(coupon({ is_active: 0 }), context())).toBe('inactive')
  })

  describe('validity window', () => {
    it('is not yet valid one millisecond before valid_from', () => {
      expect(couponStatus(coupon({ valid_from_ms: NOW + 1 }), context())).toBe('not_yet_valid')
    })

    it('is valid exactly at valid_from', () => {
      expect(couponStatus(coupon({ valid_from_ms: NOW }), context())).toBe('valid')
    })

    it('is expired one millisecond after valid_to', () => {
      expect(couponStatus(coupon({ valid_to_ms: NOW - 1 }), context())).toBe('expired')
    })

    it('is still valid exactly at valid_to', () => {
      expect(couponStatus(coupon({ valid_to_ms: NOW }), context())).toBe('valid')
    })

    it('is valid inside a window with both bounds', () => {
      expect(couponStatus(coupon({ valid_from_ms: NOW - HOUR, valid_to_ms: NOW + HOUR }), context())).toBe('valid')
    })
  })

  describe('use limits', () => {
    it('is used up when the catalogue count alone reaches max_uses', () => {
      expect(couponStatus(coupon({ max_uses: 5, times_used: 5 }), context())).toBe('used_up')
    })

    it('is used up when catalogue uses plus local uses reach max_uses', () => {
      expect(couponStatus(coupon({ max_uses: 5, times_used: 3 }), context({ localUses: 2 }))).toBe('used_up')
    })

    it('is valid while one use is left', () => {
      expect(couponStatus(coupon({ max_uses: 5, times_used: 3 }), context({ localUses: 1 }))).toBe('valid')
    })

    it.each([0, null])('treats max_uses %j as unlimited', (maxUses) => {
      expect(couponStatus(coupon({ max_uses: maxUses, times_used: 999 }), context({ localUses: 50 }))).toBe('valid')
    })
  })

  describe('minimum order', () => {
    it('is below minimum when the amount is one minor unit short', () => {
      expect(couponStatus(coupon({ min_order_minor: 2000 }), context({ amountMinor: 1999 }))).toBe('below_minimum')
    })

    it('is valid when the amount equals the minimum', () => {
      expect(couponStatus(coupon({ min_order_minor: 2000 }), context({ amountMinor: 2000 }))).toBe('valid')
    })

    it('is valid when no amount is known yet', () => {
      expect(couponStatus(coupon({ min_order_minor: 2000 }), context({ amountMinor: null }))).toBe('valid')
    })

    it('is valid when the coupon has no minimum', () => {
      expect(couponStatus(coupon({ min_order_minor: null }), context({ amountMinor: 1 }))).toBe('valid')
    })
  })

  describe('priority when several rules apply', () => {
    const everythingWrong = {
      is_active: 0 as const,
      valid_from_ms: NOW + HOUR,
      valid_to_ms: NOW - HOUR,
      max_uses: 1,
      times_used: 1,
      min_order_minor: 5000,
    }
    const amount = context({ amountMinor: 100 })

    it('reports inactive first', () => {
      expect(couponStatus(coupon(everythingWrong), amount)).toBe('inactive')
    })

    it('then not yet valid', () => {
      expect(couponStatus(coupon({ ...everythingWrong, is_active: 1 }), amount)).toBe('not_yet_valid')
    })

    it('then expired', () => {
      expect(couponStatus(coupon({ ...everythingWrong, is_active: 1, valid_from_ms: null }), amount)).toBe('expired')
    })

    it('then used up', () => {
      expect(
        couponStatus(coupon({ ...everythingWrong, is_active: 1, valid_from_ms: null, valid_to_ms: null }), amount),
      ).toBe('used_up')
    })

    it('then below minimum', () => {
      expect(
        couponStatus(
          coupon({ ...everythingWrong, is_active: 1, valid_from_ms: null, valid_to_ms: null, max_uses: null }),
          amount,
        ),
      ).toBe('below_minimum')
    })
  })
})

describe('evaluateCode', () => {
  describe('a code in the catalogue', () => {
    it('can be sold when valid, and names the affiliate and the campaign', () => {
      expect(evaluateCode({ code: 'anna10', fromUrl: true }, coupon(), context())).toEqual({
        status: 'valid',
        code: 'Anna10',
        fromUrl: true,
        message: 'Valid: Anna Schmidt, Winter Sale',
        canSell: true,
        needsConfirmation: false,
        coupon: {
          code: 'Anna10',
          affiliateId: 'aff-1',
          affiliateName: 'Anna Schmidt',
          campaignId: 'camp-1',
          campaignName: 'Winter Sale',
          validFrom: null,
          validTo: null,
          isActive: true,
          maxUses: null,
          timesUsed: 0,
          minOrderMinor: null,
        },
        catalogueImportedAt: NOW - 2 * HOUR,
      })
    })

    it('names the affiliate alone when there is no campaign', () => {
      expect(evaluateCode(scanned, coupon({ campaign_name: null }), context()).message).toBe('Valid: Anna Schmidt')
    })

    it('falls back to the affiliate id, then to a placeholder', () => {
      expect(evaluateCode(scanned, coupon({ affiliate_name: null }), context()).message).toBe('Valid: aff-1, Winter Sale')
      expect(
        evaluateCode(scanned, coupon({ affiliate_name: null, affiliate_id: null, campaign_name: null }), context()).message,
      ).toBe('Valid: no affiliate named')
    })

    it.each([
      ['inactive', { is_active: 0 as const }, {}, 'Refused: this coupon is switched off'],
      [
        'not_yet_valid',
        { valid_from_ms: Date.UTC(2026, 11, 1, 8, 30) },
        {},
        'Refused: not valid before 1 Dec 2026 09:30',
      ],
      ['expired', { valid_to_ms: Date.UTC(2026, 10, 20, 22, 59, 59, 999) }, {}, 'Refused: expired on 20 Nov 2026'],
      ['used_up', { max_uses: 5, times_used: 3 }, { localUses: 2 }, 'Refused: used up (used 5 of 5 times)'],
      [
        'below_minimum',
        { min_order_minor: 200000 },
        { amountMinor: 1999 },
        'Refused: needs a minimum order of 2,000.00 EUR (this sale: 19.99 EUR)',
      ],
    ] as const)('refuses a coupon that is %s, says why and cannot be sold', (status, row, extra, message) => {
      const check = evaluateCode(scanned, coupon(row), context(extra))
      expect(check).toMatchObject({ status, message, canSell: false, needsConfirmation: false, code: 'Anna10' })
      expect(check.coupon).not.toBeNull()
    })

    it('writes the minimum order in the store format', () => {
      const check = evaluateCode(
        scanned,
        coupon({ min_order_minor: 200000 }),
        context({ amountMinor: 1999, amountFormat: 'comma' }),
      )
      expect(check.message).toBe('Refused: needs a minimum order of 2.000,00 EUR (this sale: 19,99 EUR)')
    })

    it('shows the expiry day in the store zone', () => {
      // 23:30 UTC on the 20th is already the 21st in Berlin.
      const check = evaluateCode(
        scanned,
        coupon({ valid_to_ms: Date.UTC(2026, 10, 20, 23, 30) }),
        context(),
      )
      expect(check.message).toBe('Refused: expired on 21 Nov 2026')
    })

    it('counts local uses in the coupon view', () => {
      const check = evaluateCode(scanned, coupon({ max_uses: 10, times_used: 3 }), context({ localUses: 4 }))
      expect(check.status).toBe('valid')
      expect(check.coupon?.timesUsed).toBe(7)
      expect(check.coupon?.maxUses).toBe(10)
    })

    it('keeps the catalogue spelling, not the scanned one', () => {
      expect(evaluateCode({ code: 'ANNA10', fromUrl: false }, coupon(), context()).code).toBe('Anna10')
    })
  })

  describe('a code not in the catalogue', () => {
    it('asks for confirmation and says the list was never loaded', () => {
      expect(evaluateCode(scanned, undefined, context({ catalogueImportedAt: null }))).toEqual({
        status: 'unknown',
        code: 'anna10',
        fromUrl: false,
        message:
          'No coupon list is loaded yet, so this code cannot be checked. You can save the sale as unverified.',
        canSell: false,
        needsConfirmation: true,
        coupon: null,
        catalogueImportedAt: null,
      })
    })

    it('says how old the coupon list is', () => {
      const check = evaluateCode({ code: 'NEW1', fromUrl: true }, undefined, context({ catalogueImportedAt: NOW - 3 * HOUR }))
      expect(check).toEqual({
        status: 'unknown',
        code: 'NEW1',
        fromUrl: true,
        message: 'Not in the coupon list (updated 3 hours ago). If the coupon is new, you can save the sale as unverified.',
        canSell: false,
        needsConfirmation: true,
        coupon: null,
        catalogueImportedAt: NOW - 3 * HOUR,
      })
    })

    it('describes a fresh list in minutes', () => {
      const check = evaluateCode(scanned, undefined, context({ catalogueImportedAt: NOW - 5 * 60_000 }))
      expect(check.message).toBe(
        'Not in the coupon list (updated 5 minutes ago). If the coupon is new, you can save the sale as unverified.',
      )
    })
  })
})

describe('toCouponView', () => {
  it('maps every column and turns is_active into a boolean', () => {
    const row = coupon({
      valid_from_ms: 1,
      valid_to_ms: 2,
      is_active: 0,
      max_uses: 9,
      times_used: 4,
      min_order_minor: 1500,
    })
    expect(toCouponView(row, 2)).toEqual({
      code: 'Anna10',
      affiliateId: 'aff-1',
      affiliateName: 'Anna Schmidt',
      campaignId: 'camp-1',
      campaignName: 'Winter Sale',
      validFrom: 1,
      validTo: 2,
      isActive: false,
      maxUses: 9,
      timesUsed: 6,
      minOrderMinor: 1500,
    })
  })
})
