import { describe, it, expect } from 'vitest'
import type { AmountFormat } from '../../../electron/shared/money'
import {
  formatAmountPlain,
  formatMinor,
  isKnownCurrency,
  majorToMinor,
  minorDigits,
  minorToDecimalString,
  parseAmount,
} from '../../../electron/shared/money'

const LARGE = Number.MAX_SAFE_INTEGER

function parse(raw: string, format: AmountFormat, currency = 'EUR', maxMinor = LARGE) {
  return parseAmount(raw, { format, currency, maxMinor })
}

const POINT_HINT =
  'use a point for decimals (12.50) and commas only between thousands (1,234.50)'
const COMMA_HINT =
  'use a comma for decimals (12,50) and points only between thousands (1.234,50)'

describe('parseAmount', () => {
  // Plain digits take a short path; at its edges it must answer exactly as the general one.
  it.each([
    ['12.50', 'point', 'EUR', 1250],
    ['12,50', 'comma', 'EUR', 1250],
    ['999999999999.99', 'point', 'EUR', 99999999999999],
    ['1234567890123.00', 'point', 'EUR', 123456789012300],
    ['5', 'point', 'JPY', 5],
    ['1.5', 'point', 'BHD', 1500],
    ['1.234', 'point', 'BHD', 1234],
  ] as const)('reads the plain amount %j (%s, %s) as %i minor units', (raw, format, currency, minor) => {
    expect(parse(raw, format, currency)).toEqual({ ok: true, amountMinor: minor })
  })

  it.each([
    ['1.234', 'point', 'EUR', 'Too many decimals: EUR has 2'],
    ['5.0', 'point', 'JPY', 'JPY has no decimals'],
    ['0.00', 'point', 'EUR', 'Amount must be more than zero'],
    ['12,50', 'point', 'EUR', `"12,50" is not an amount in this store's format: ${POINT_HINT}`],
  ] as const)('refuses the plain-looking %j (%s, %s) as the general path does', (raw, format, currency, reason) => {
    expect(parse(raw, format, currency)).toEqual({ ok: false, reason })
  })

  it('refuses a plain amount above the store maximum with the maximum named', () => {
    expect(parse('100.01', 'point', 'EUR', 10_000)).toEqual({ ok: false, reason: 'Amount is too large: at most 100.00 EUR' })
  })

  describe('in point format (1,234.56)', () => {
    it.each([
      ['12.50', 1250],
      ['12.5', 1250],
      ['.5', 50],
      ['0.05', 5],
      ['12', 1200],
      ['12.', 1200],
      ['00012.50', 1250],
      ['1,234.56', 123456],
      ['1,234', 123400],
      ['1,234,567.89', 123456789],
      ['1 234.56', 123456],
      ['1\u00a0234.56', 123456],
      ['1\u202f234.56', 123456],
      ["1'234.50", 123450],
      ["1'234'567.00", 123456700],
      ['€12.50', 1250],
      ['€ 12.50', 1250],
      ['12.50 €', 1250],
      ['12.5€', 1250],
      ['$12.50', 1250],
      ['EUR 12.50', 1250],
      ['EUR12.50', 1250],
      ['12.50EUR', 1250],
      ['12.50 EUR', 1250],
      ['eur 12.50', 1250],
      ['  12.50  ', 1250],
    ])('reads %j as %i minor units', (raw, expected) => {
      expect(parse(raw, 'point')).toEqual({ ok: true, amountMinor: expected })
    })
  })

  describe('in comma format (1.234,56)', () => {
    it.each([
      ['12,50', 1250],
      ['12,5', 1250],
      [',5', 50],
      ['12', 1200],
      ['1.234,56', 123456],
      ['1.234', 123400],
      ['1.234.567,89', 123456789],
      ['1 234,56', 123456],
      ['1\u00a0234,56', 123456],
      ['1\u202f234,56', 123456],
      ['€ 12,50', 1250],
      ['12,50 €', 1250],
      ['12,50 EUR', 1250],
    ])('reads %j as %i minor units', (raw, expected) => {
      expect(parse(raw, 'comma')).toEqual({ ok: true, amountMinor: expected })
    })
  })

  describe('refusals', () => {
    it.each([
      ['', 'point', 'Enter an amount'],
      ['   ', 'point', 'Enter an amount'],
      ['\t\n', 'point', 'Enter an amount'],
      ['.', 'point', 'Enter an amount'],
      ['abc', 'point', '"abc" is not an amount: use digits and "."'],
      ['12a', 'point', '"12a" is not an amount: use digits and "."'],
      [' 12a ', 'point', '"12a" is not an amount: use digits and "."'],
      ['abc', 'comma', '"abc" is not an amount: use digits and ","'],
      ['1e5', 'point', '"1e5" is not an amount: use digits and "."'],
      ['+5', 'point', '"+5" is not an amount: use digits and "."'],
      ['0x10', 'point', '"0x10" is not an amount: use digits and "."'],
      ['12.50 USD', 'point', '"12.50 USD" is not an amount: use digits and "."'],
      ['-5', 'point', 'Amount cannot be negative'],
      ['5-', 'point', 'Amount cannot be negative'],
      ['\u22125', 'point', 'Amount cannot be negative'],
      ['(5)', 'point', 'Amount cannot be negative'],
      ['-€5', 'point', 'Amount cannot be negative'],
      ['€-5', 'point', 'Amount cannot be negative'],
      ['-12,50', 'comma', 'Amount cannot be negative'],
      ['1.234', 'point', 'Too many decimals: EUR has 2'],
      ['0.001', 'point', 'Too many decimals: EUR has 2'],
      ['12,505', 'comma', 'Too many decimals: EUR has 2'],
      ['0', 'point', 'Amount must be more than zero'],
      ['0.00', 'point', 'Amount must be more than zero'],
      ['0,0', 'comma', 'Amount must be more than zero'],
      ['000', 'point', 'Amount must be more than zero'],
      ['12,50', 'point', `"12,50" is not an amount in this store's format: ${POINT_HINT}`],
      ['12.50', 'comma', `"12.50" is not an amount in this store's format: ${COMMA_HINT}`],
      ['1,23,456', 'point', `"1,23,456" is not an amount in this store's format: ${POINT_HINT}`],
      ['1234,567.00', 'point', `"1234,567.00" is not an amount in this store's format: ${POINT_HINT}`],
      ["1'23.00", 'point', `"1'23.00" is not an amount in this store's format: ${POINT_HINT}`],
      ['12 50', 'point', `"12 50" is not an amount in this store's format: ${POINT_HINT}`],
      [',', 'point', `"," is not an amount in this store's format: ${POINT_HINT}`],
      ['1.23.456', 'comma', `"1.23.456" is not an amount in this store's format: ${COMMA_HINT}`],
      ['1.2.3', 'point', 'Amount has more than one "."'],
      ['1..2', 'point', 'Amount has more than one "."'],
      ['12,50,1', 'comma', 'Amount has more than one ","'],
      ['1.2,3', 'point', 'Amount has a "," after the decimal mark'],
      ['1,2.3', 'comma', 'Amount has a "." after the decimal mark'],
      ["1.2'3", 'point', 'Amount has a "," after the decimal mark'],
      ['1'.repeat(41), 'point', 'Amount is too long to be a price'],
      ['x'.repeat(41), 'point', 'Amount is too long to be a price'],
    ] as const)('refuses %j in %s format: %s', (raw, format, reason) => {
      expect(parse(raw, format)).toEqual({ ok: false, reason })
    })

    it('checks the length limit on the trimmed text, so 40 digits reach the size check', () => {
      expect(parse('1'.repeat(40), 'point', 'EUR', 100_000_000)).toEqual({
        ok: false,
        reason: 'Amount is too large: at most 1,000,000.00 EUR',
      })
      expect(parse(`  ${'1'.repeat(40)}  `, 'point', 'EUR', 100_000_000)).toEqual({
        ok: false,
        reason: 'Amount is too large: at most 1,000,000.00 EUR',
      })
    })

    it('refuses an absurdly large number without losing precision', () => {
      expect(parse('99999999999999999999', 'point', 'EUR', LARGE)).toEqual({
        ok: false,
        reason: 'Amount is too large: at most 90,071,992,547,409.91 EUR',
      })
    })

    it('refuses an amount one minor unit above maxMinor and accepts maxMinor itself', () => {
      const options = { format: 'point', currency: 'EUR', maxMinor: 100_000_000 } as const
      expect(parseAmount('1000000.01', options)).toEqual({
        ok: false,
        reason: 'Amount is too large: at most 1,000,000.00 EUR',
      })
      expect(parseAmount('1,000,000.00', options)).toEqual({ ok: true, amountMinor: 100_000_000 })
    })

    it('names the limit in the store format of the currency', () => {
      expect(parse('2000', 'point', 'JPY', 1000)).toEqual({
        ok: false,
        reason: 'Amount is too large: at most 1,000 JPY',
      })
    })
  })

  describe('currencies with other minor digits', () => {
    it('refuses decimals in JPY, which has none', () => {
      expect(parse('12.5', 'point', 'JPY')).toEqual({ ok: false, reason: 'JPY has no decimals' })
      expect(parse('1,234.0', 'point', 'JPY')).toEqual({ ok: false, reason: 'JPY has no decimals' })
    })

    it('reads grouped yen as whole yen', () => {
      expect(parse('1,234', 'point', 'JPY')).toEqual({ ok: true, amountMinor: 1234 })
      expect(parse('¥1,234', 'point', 'JPY')).toEqual({ ok: true, amountMinor: 1234 })
      expect(parse('1.234', 'comma', 'JPY')).toEqual({ ok: true, amountMinor: 1234 })
    })

    it('reads three decimals in BHD and pads fewer', () => {
      expect(parse('1.234', 'point', 'BHD')).toEqual({ ok: true, amountMinor: 1234 })
      expect(parse('1.5', 'point', 'BHD')).toEqual({ ok: true, amountMinor: 1500 })
      expect(parse('0.001', 'point', 'BHD')).toEqual({ ok: true, amountMinor: 1 })
    })

    it('refuses a fourth decimal in BHD', () => {
      expect(parse('1.2345', 'point', 'BHD')).toEqual({ ok: false, reason: 'Too many decimals: BHD has 3' })
    })

    it('strips the store currency code but not another one', () => {
      expect(parse('USD 12.50', 'point', 'USD')).toEqual({ ok: true, amountMinor: 1250 })
      expect(parse('USD 12.50', 'point', 'EUR')).toEqual({
        ok: false,
        reason: '"USD 12.50" is not an amount: use digits and "."',
      })
    })
  })
})

describe('minorToDecimalString', () => {
  it.each([
    [1250, 'EUR', '12.50'],
    [5, 'EUR', '0.05'],
    [0, 'EUR', '0.00'],
    [100, 'EUR', '1.00'],
    [123456789, 'EUR', '1234567.89'],
    [1234, 'JPY', '1234'],
    [0, 'JPY', '0'],
    [1, 'BHD', '0.001'],
    [1234, 'BHD', '1.234'],
    [-5, 'EUR', '-0.05'],
    [-1250, 'EUR', '-12.50'],
    [-7, 'JPY', '-7'],
  ])('writes %i %s as %j', (minor, currency, expected) => {
    expect(minorToDecimalString(minor, currency)).toBe(expected)
  })
})

describe('formatAmountPlain', () => {
  it.each([
    [123456, 'EUR', 'point', '1,234.56'],
    [123456, 'EUR', 'comma', '1.234,56'],
    [5, 'EUR', 'point', '0.05'],
    [99999, 'EUR', 'point', '999.99'],
    [100000000, 'EUR', 'point', '1,000,000.00'],
    [-123456, 'EUR', 'point', '-1,234.56'],
    [1234567, 'JPY', 'point', '1,234,567'],
    [1234567, 'JPY', 'comma', '1.234.567'],
    [1234567, 'BHD', 'comma', '1.234,567'],
  ] as const)('writes %i %s in %s format as %j', (minor, currency, format, expected) => {
    expect(formatAmountPlain(minor, currency, format)).toBe(expected)
  })

  it('writes what parseAmount reads back to the same value', () => {
    for (const minor of [1, 99, 1000, 123456, 100000000]) {
      for (const format of ['point', 'comma'] as const) {
        const text = formatAmountPlain(minor, 'EUR', format)
        expect(parse(text, format)).toEqual({ ok: true, amountMinor: minor })
      }
    }
  })
})

describe('formatMinor', () => {
  it('puts the currency code after the amount, in point format by default', () => {
    expect(formatMinor(1250, 'EUR')).toBe('12.50 EUR')
    expect(formatMinor(123456, 'EUR')).toBe('1,234.56 EUR')
  })

  it('uses the comma format when asked', () => {
    expect(formatMinor(123456, 'EUR', 'comma')).toBe('1.234,56 EUR')
  })

  it('writes currencies without decimals as whole numbers', () => {
    expect(formatMinor(1234, 'JPY')).toBe('1,234 JPY')
  })
})

describe('minorDigits', () => {
  it.each([
    ['EUR', 2],
    ['USD', 2],
    ['JPY', 0],
    ['BHD', 3],
    ['KWD', 3],
  ])('knows %s has %i minor digits', (currency, digits) => {
    expect(minorDigits(currency)).toBe(digits)
  })

  it('gives the same answer on a second call (cached)', () => {
    expect(minorDigits('JPY')).toBe(0)
    expect(minorDigits('JPY')).toBe(0)
  })
})

describe('isKnownCurrency', () => {
  it.each([
    ['EUR', true],
    ['USD', true],
    ['JPY', true],
    ['BHD', true],
    ['eur', false],
    ['Eur', false],
    ['XXX', false],
    ['ABC', false],
    ['EURO', false],
    ['EU', false],
    ['', false],
    [' EUR', false],
  ])('answers %j with %s', (currency, expected) => {
    expect(isKnownCurrency(currency)).toBe(expected)
  })
})

describe('majorToMinor', () => {
  it.each([
    [1_000_000, 'EUR', 100_000_000],
    [5, 'JPY', 5],
    [2, 'BHD', 2000],
    [0, 'EUR', 0],
  ])('turns %i whole %s into %i minor units', (major, currency, expected) => {
    expect(majorToMinor(major, currency)).toBe(expected)
  })
})
