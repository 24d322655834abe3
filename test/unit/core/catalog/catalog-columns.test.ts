import { describe, it, expect } from 'vitest'
import type { CatalogField, ColumnMap, RowContext } from '../../../../electron/core/catalog/catalog-columns'
import { normaliseHeader } from '../../../../electron/core/imports/mapping/header-match'
import { CATALOG_FIELDS } from '../../../../electron/shared/import-contract'
import { parseScannedCode } from '../../../../electron/shared/coupon-code'
import {
  CATALOG_SYNONYMS,
  detectCatalogLayout,
  recordToCoupon,
} from '../../../../electron/core/catalog/catalog-columns'

const FIELDS: CatalogField[] = [...CATALOG_FIELDS]

const FULL_MAP: ColumnMap = detectCatalogLayout(FIELDS)

const CONTEXT: RowContext = { line: 7, timeZone: 'Europe/Berlin', currency: 'EUR', nowMs: 1_000 }

function record(values: Partial<Record<CatalogField, string>>): string[] {
  return FIELDS.map((field) => values[field] ?? '')
}

function convert(values: Partial<Record<CatalogField, string>>, context: RowContext = CONTEXT) {
  return recordToCoupon(record(values), FULL_MAP, context)
}

const BARE_ROW = {
  affiliate_id: null,
  affiliate_name: null,
  campaign_id: null,
  campaign_name: null,
  valid_from_ms: null,
  valid_to_ms: null,
  is_active: 1,
  max_uses: null,
  times_used: 0,
  min_order_minor: null,
  seen_at_ms: 1_000,
}

describe('normaliseHeader', () => {
  it.each([
    ['  Coupon  Code!! ', 'coupon_code'],
    ['Valid-To', 'valid_to'],
    ['MAX USES', 'max_uses'],
    ['Order #', 'order'],
    ['__code__', 'code'],
  ])('turns %j into %j', (cell, expected) => {
    expect(normaliseHeader(cell)).toBe(expected)
  })
})

describe('detectCatalogLayout', () => {
  it('maps a header with every canonical name to its columns', () => {
    expect(FULL_MAP).toEqual({
      layout: 'header',
      columns: {
        code: 0,
        affiliate_id: 1,
        affiliate_name: 2,
        campaign_id: 3,
        campaign_name: 4,
        valid_from: 5,
        valid_to: 6,
        status: 7,
        max_uses: 8,
        times_used: 9,
        min_order: 10,
      },
    })
  })

  it('reads synonyms in any order, case and spacing', () => {
    expect(
      detectCatalogLayout([
        'Voucher',
        ' Partner ',
        'OFFER',
        'Start',
        'Expires',
        'State',
        'Usage Limit',
        'Redemptions',
        'Minimum Amount',
        'Partner ID',
        'Offer-ID',
      ]),
    ).toEqual({
      layout: 'header',
      columns: {
        code: 0,
        affiliate_name: 1,
        campaign_name: 2,
        valid_from: 3,
        valid_to: 4,
        status: 5,
        max_uses: 6,
        times_used: 7,
        min_order: 8,
        affiliate_id: 9,
        campaign_id: 10,
      },
    })
  })

  it.each([
    [['Coupon Code', 'Affiliate'], { code: 0, affiliate_name: 1 }],
    [['affiliate', 'COUPON'], { affiliate_name: 0, code: 1 }],
    [['  CODE  ', 'Valid-To', 'Max Uses'], { code: 0, valid_to: 1, max_uses: 2 }],
    [['from', 'to', 'promo'], { valid_from: 0, valid_to: 1, code: 2 }],
    [['UserID', 'Coupon'], { affiliate_id: 0, code: 1 }],
  ])('recognises the header %j', (header, columns) => {
    expect(detectCatalogLayout(header)).toEqual({ layout: 'header', columns })
  })

  it('keeps the first column when a name appears twice', () => {
    expect(detectCatalogLayout(['code', 'code'])).toEqual({ layout: 'header', columns: { code: 0 } })
  })

  it('maps every synonym it lists to its own field', () => {
    for (const [field, synonyms] of Object.entries(CATALOG_SYNONYMS)) {
      for (const synonym of synonyms) {
        expect({ synonym, column: detectCatalogLayout([synonym, 'code']).columns[field as CatalogField] }).toEqual({
          synonym,
          column: 0,
        })
      }
    }
  })

  it('reads two columns without a header as code and affiliate', () => {
    expect(detectCatalogLayout(['ANNA10', 'Anna'])).toEqual({
      layout: 'code-affiliate',
      columns: { code: 0, affiliate_name: 1 },
    })
    expect(detectCatalogLayout(['ANNA10', 'Anna', 'extra'])).toEqual({
      layout: 'code-affiliate',
      columns: { code: 0, affiliate_name: 1 },
    })
  })

  it('reads a single column without a header as codes only', () => {
    expect(detectCatalogLayout(['ANNA10'])).toEqual({ layout: 'codes-only', columns: { code: 0 } })
  })
})

describe('recordToCoupon', () => {
  it('reads every field of a full row', () => {
    expect(
      convert({
        code: ' anna10 ',
        affiliate_id: ' a1 ',
        affiliate_name: 'Anna',
        campaign_id: 'c1',
        campaign_name: 'Winter',
        valid_from: '2026-01-01',
        valid_to: '2026-12-31',
        status: 'Active',
        max_uses: '100',
        times_used: '3',
        min_order: '20',
      }),
    ).toEqual({
      ok: true,
      row: {
        key: 'ANNA10',
        code: 'anna10',
        affiliate_id: 'a1',
        affiliate_name: 'Anna',
        campaign_id: 'c1',
        campaign_name: 'Winter',
        valid_from_ms: Date.UTC(2025, 11, 31, 23, 0),
        valid_to_ms: Date.UTC(2026, 11, 31, 22, 59, 59, 999),
        is_active: 1,
        max_uses: 100,
        times_used: 3,
        min_order_minor: 2000,
        seen_at_ms: 1_000,
      },
    })
  })

  it('fills defaults for a row with only a code', () => {
    expect(convert({ code: 'X1' })).toEqual({ ok: true, row: { key: 'X1', code: 'X1', ...BARE_ROW } })
  })

  it('reads a codes-only record', () => {
    expect(recordToCoupon(['ANNA10'], detectCatalogLayout(['ANNA10']), CONTEXT)).toEqual({
      ok: true,
      row: { key: 'ANNA10', code: 'ANNA10', ...BARE_ROW },
    })
  })

  it('reads a code-affiliate record, trimming the name', () => {
    expect(recordToCoupon(['ANNA10', ' Anna '], detectCatalogLayout(['ANNA10', 'Anna']), CONTEXT)).toEqual({
      ok: true,
      row: { key: 'ANNA10', code: 'ANNA10', ...BARE_ROW, affiliate_name: 'Anna' },
    })
  })

  it('treats a column missing from a short record as empty', () => {
    expect(recordToCoupon(['X'], detectCatalogLayout(['code', 'affiliate']), CONTEXT)).toEqual({
      ok: true,
      row: { key: 'X', code: 'X', ...BARE_ROW },
    })
  })

  it('normalises full-width codes with NFKC', () => {
    expect(convert({ code: 'ＡＢ１' })).toMatchObject({ ok: true, row: { key: 'AB1', code: 'AB1' } })
  })

  it('cuts text fields at 500 characters', () => {
    const outcome = convert({ code: 'X', campaign_name: 'n'.repeat(600) })
    expect(outcome.ok && outcome.row.campaign_name).toBe('n'.repeat(500))
  })

  describe('code', () => {
    const CONTROL_CHARS = 'The coupon code contains control characters a code cannot have'
    const TOO_LONG = 'The coupon code is too long (at most 100 characters)'

    it.each([
      ['', 'code is empty'],
      ['   ', 'code is empty'],
      ['A'.repeat(101), TOO_LONG],
      ['A\tB', CONTROL_CHARS],
      ['A\u0000B', CONTROL_CHARS],
      ['A\u007fB', CONTROL_CHARS],
    ])('refuses %j: %s', (code, message) => {
      expect(convert({ code })).toEqual({ ok: false, problem: { line: 7, field: 'code', message } })
    })

    it('accepts a code of exactly 100 characters', () => {
      expect(convert({ code: 'A'.repeat(100) })).toMatchObject({ ok: true, row: { code: 'A'.repeat(100) } })
    })

    describe('regression: cleaned like a scanned code, so the keys match', () => {
      it.each(['ANNA\u200b10', '\ufeffANNA10', 'AN\u200cNA\u200d1\u20600', 'anna\u200b10'])(
        'strips zero-width characters from %j',
        (raw) => {
          const scanned = parseScannedCode(raw)
          expect(scanned).toMatchObject({ ok: true, key: 'ANNA10' })
          expect(convert({ code: raw })).toMatchObject({
            ok: true,
            row: { key: 'ANNA10', code: scanned.ok ? scanned.code : null },
          })
        },
      )

      it('keeps the cleaned spelling as the code and upper-cases only the key', () => {
        expect(convert({ code: 'anna\u200b10' })).toMatchObject({ ok: true, row: { key: 'ANNA10', code: 'anna10' } })
      })

      it.each(['A\u0080B', 'A\u0085B', 'A\u009fB'])('refuses the C1 control character in %j', (code) => {
        expect(convert({ code })).toEqual({ ok: false, problem: { line: 7, field: 'code', message: CONTROL_CHARS } })
      })

      it('measures the length after removing zero-width characters', () => {
        const code = 'A'.repeat(100)
        expect(convert({ code: `${code}\u200b` })).toMatchObject({ ok: true, row: { key: code, code } })
      })

      it('counts characters, not UTF-16 units', () => {
        expect(convert({ code: '😀'.repeat(100) })).toMatchObject({ ok: true, row: { code: '😀'.repeat(100) } })
        expect(convert({ code: '😀'.repeat(101) })).toEqual({
          ok: false,
          problem: { line: 7, field: 'code', message: TOO_LONG },
        })
      })
    })
  })

  describe('validity dates', () => {
    it('refuses an invalid valid_from, naming the line and field', () => {
      expect(convert({ code: 'X', valid_from: 'nope' })).toEqual({
        ok: false,
        problem: { line: 7, field: 'valid_from', message: '"nope" is not an ISO date (2026-12-31) or date-time (2026-12-31T23:59)' },
      })
    })

    it('refuses an invalid valid_to', () => {
      expect(convert({ code: 'X', valid_to: '31.12.2026' })).toEqual({
        ok: false,
        problem: { line: 7, field: 'valid_to', message: '"31.12.2026" is not an ISO date (2026-12-31) or date-time (2026-12-31T23:59)' },
      })
    })

    it.each(['2026', '2026-12', '20261231', '2026-W53'])('regression: refuses the partial or non-extended date %j', (text) => {
      const message = `"${text}" is not an ISO date (2026-12-31) or date-time (2026-12-31T23:59)`
      expect(convert({ code: 'X', valid_from: text })).toEqual({ ok: false, problem: { line: 7, field: 'valid_from', message } })
      expect(convert({ code: 'X', valid_to: text })).toEqual({ ok: false, problem: { line: 7, field: 'valid_to', message } })
    })

    it('refuses valid_to before valid_from', () => {
      expect(convert({ code: 'X', valid_from: '2026-12-31', valid_to: '2026-01-01' })).toEqual({
        ok: false,
        problem: { line: 7, field: 'valid_to', message: 'valid_to is before valid_from' },
      })
    })

    it('accepts a coupon valid for one single day', () => {
      expect(convert({ code: 'X', valid_from: '2026-12-31', valid_to: '2026-12-31' })).toMatchObject({
        ok: true,
        row: {
          valid_from_ms: Date.UTC(2026, 11, 30, 23, 0),
          valid_to_ms: Date.UTC(2026, 11, 31, 22, 59, 59, 999),
        },
      })
    })

    it('reads date-times with an offset as exact instants', () => {
      expect(convert({ code: 'X', valid_from: '2026-06-01T08:00:00Z', valid_to: '2026-06-30T18:00:00+02:00' })).toMatchObject({
        ok: true,
        row: { valid_from_ms: Date.UTC(2026, 5, 1, 8, 0), valid_to_ms: Date.UTC(2026, 5, 30, 16, 0) },
      })
    })
  })

  describe('status', () => {
    it.each(['active', 'Active', 'A', 'approved', 'enabled', 'on', 'YES', 'true', '1', 'valid', ' active '])(
      'reads %j as active',
      (status) => {
        expect(convert({ code: 'X', status })).toMatchObject({ ok: true, row: { is_active: 1 } })
      },
    )

    it.each(['inactive', 'D', 'declined', 'disabled', 'off', 'no', 'false', '0', 'Paused', 'p', 'pending', 'deleted', 'expired'])(
      'reads %j as inactive',
      (status) => {
        expect(convert({ code: 'X', status })).toMatchObject({ ok: true, row: { is_active: 0 } })
      },
    )

    it('refuses a status word it does not know', () => {
      expect(convert({ code: 'X', status: 'Bogus' })).toEqual({
        ok: false,
        problem: { line: 7, field: 'status', message: 'status "Bogus" is neither active nor inactive' },
      })
    })
  })

  describe('use counts', () => {
    it('reads max_uses and times_used as whole numbers', () => {
      expect(convert({ code: 'X', max_uses: '0', times_used: '12' })).toMatchObject({
        ok: true,
        row: { max_uses: 0, times_used: 12 },
      })
    })

    it.each(['1.5', '-1', 'ten', '1234567890123'])('refuses max_uses %j', (text) => {
      expect(convert({ code: 'X', max_uses: text })).toEqual({
        ok: false,
        problem: { line: 7, field: 'max_uses', message: `max_uses "${text}" is not a whole number` },
      })
    })

    it.each(['abc', '2.0', '+3'])('refuses times_used %j', (text) => {
      expect(convert({ code: 'X', times_used: text })).toEqual({
        ok: false,
        problem: { line: 7, field: 'times_used', message: `times_used "${text}" is not a whole number` },
      })
    })
  })

  describe('minimum order', () => {
    it.each([
      ['20', 2000],
      ['20.00', 2000],
      ['20,5', 2050],
      ['20.05', 2005],
      ['€20', 2000],
      ['20 €', 2000],
      ['0', 0],
    ])('reads %j as %i cents', (text, minor) => {
      expect(convert({ code: 'X', min_order: text })).toMatchObject({ ok: true, row: { min_order_minor: minor } })
    })

    it.each(['20.001', '1,000.00', 'abc', '-5', '20.', '.5', 'EUR 20'])('refuses %j', (text) => {
      expect(convert({ code: 'X', min_order: text })).toEqual({
        ok: false,
        problem: { line: 7, field: 'min_order', message: `min_order "${text}" is not an amount (use 20 or 20.00)` },
      })
    })

    it('uses the minor digits of the store currency', () => {
      expect(convert({ code: 'X', min_order: '20' }, { ...CONTEXT, currency: 'JPY' })).toMatchObject({
        ok: true,
        row: { min_order_minor: 20 },
      })
      expect(convert({ code: 'X', min_order: '20.5' }, { ...CONTEXT, currency: 'JPY' })).toMatchObject({
        ok: false,
        problem: { field: 'min_order' },
      })
      expect(convert({ code: 'X', min_order: '1.234' }, { ...CONTEXT, currency: 'BHD' })).toMatchObject({
        ok: true,
        row: { min_order_minor: 1234 },
      })
    })
  })

  it('reports the line it was given', () => {
    expect(convert({ code: '' }, { ...CONTEXT, line: 42 })).toEqual({
      ok: false,
      problem: { line: 42, field: 'code', message: 'code is empty' },
    })
  })
})
