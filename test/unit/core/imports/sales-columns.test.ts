import { describe, expect, it } from 'vitest'
import { columnsFromValues, guessSalesLayout, headerColumns } from '../../../../electron/core/imports/sales/sales-columns'
import { layoutSignature, normaliseHeader } from '../../../../electron/core/imports/mapping/header-match'

describe('the columns of a till export', () => {
  it.each([
    [['Coupon', 'Sales amount', 'Order ID', 'Date'], { coupon: 0, amount: 1, orderId: 2, date: 3 }],
    [['promo', 'total', 'order #', 'sale date'], { coupon: 0, amount: 1, orderId: 2, date: 3 }],
    [['Voucher', 'Revenue', 'Receipt', 'Time'], { coupon: 0, amount: 1, orderId: 2, date: 3 }],
    [['Transaction', 'Code', 'Amount'], { coupon: 1, amount: 2, orderId: 0, date: null }],
    [['Gutschein', 'Betrag', 'Beleg', 'Datum'], { coupon: 0, amount: 1, orderId: 2, date: 3 }],
  ])('maps the header %j', (header, expected) => {
    expect(headerColumns(header)).toEqual(expected)
  })

  it('takes a first row of words we do not know as a header when the next rows hold values', () => {
    expect(headerColumns(['Gutscheinnummer', 'Wert', 'Nr', 'Tag'], [['ANNA10', '12,50', 'R-1', '20.11.2026']])).toEqual({ coupon: null, amount: null, orderId: null, date: null })
    expect(headerColumns(['ANNA10', '12,50', 'R-1', '20.11.2026'], [['BOB20', '1,00', 'R-2', '21.11.2026']])).toBeNull()
  })

  it("reads AffiliationSoftware's headerless layout, spacing and all", () => {
    expect(guessSalesLayout(['test-coupon1', '100', ' order123', '2020-09-07'], [['test-coupon1', '100', ' order123', '2020-09-07']])).toEqual({
      hasHeader: false,
      columns: { coupon: 0, amount: 1, orderId: 2, date: 3 },
      complete: true,
    })
  })

  it('tells headerless columns apart by their values in another order', () => {
    expect(columnsFromValues([['2026-11-20', 'ANNA10', 'R-1', '12.50']])).toEqual({ date: 0, coupon: 1, amount: 3, orderId: 2 })
  })

  it('gives the same layout signature to the same header whatever its spelling', () => {
    expect(normaliseHeader(' Order #')).toBe('order')
    expect(normaliseHeader('Verkäufer')).toBe('verkaufer')
    expect(layoutSignature(true, ['Coupon', 'Sales Amount'], ';')).toBe(layoutSignature(true, ['coupon', 'sales amount'], ';'))
    expect(layoutSignature(false, ['a', 'b'], '\t')).toBe('tab:no-header:2')
  })
})
