import { describe, it, expect } from 'vitest'
import {
  CODE_QUERY_PARAMS,
  MAX_CODE_LENGTH,
  cleanCode,
  codeKey,
  parseScannedCode,
} from '../../../electron/shared/coupon-code'

const NO_CODE_IN_LINK =
  'The scanned link holds no coupon code (looked for coupon, coupon_code, cc, code, promo_code)'
const CONTROL_CHARS = 'The coupon code contains control characters a code cannot have'
const TOO_LONG = 'The coupon code is too long (at most 100 characters)'
const EMPTY = 'Enter or scan a coupon code'

describe('parseScannedCode', () => {
  describe('plain codes', () => {
    it('trims spaces around a typed code', () => {
      expect(parseScannedCode('  anna10 \t')).toEqual({ ok: true, code: 'anna10', key: 'ANNA10', fromUrl: false })
    })

    it('keeps the spelling in code and upper-cases only the key', () => {
      expect(parseScannedCode('Anna10')).toEqual({ ok: true, code: 'Anna10', key: 'ANNA10', fromUrl: false })
    })

    it('folds full-width characters from an Asian keyboard with NFKC', () => {
      expect(parseScannedCode('ＡＮＮＡ１０')).toEqual({ ok: true, code: 'ANNA10', key: 'ANNA10', fromUrl: false })
    })

    it('strips zero-width characters anywhere in the code', () => {
      expect(parseScannedCode('\ufeffAN\u200bNA\u200c1\u200d0\u2060')).toEqual({
        ok: true,
        code: 'ANNA10',
        key: 'ANNA10',
        fromUrl: false,
      })
    })

    it('upper-cases accented letters in the key', () => {
      expect(parseScannedCode('café')).toEqual({ ok: true, code: 'café', key: 'CAFÉ', fromUrl: false })
    })

    it('accepts SQL-looking text as a plain code, because it is data', () => {
      expect(parseScannedCode("'; DROP TABLE sales;--")).toEqual({
        ok: true,
        code: "'; DROP TABLE sales;--",
        key: "'; DROP TABLE SALES;--",
        fromUrl: false,
      })
    })

    it('keeps HTML as text instead of interpreting it', () => {
      expect(parseScannedCode('<b>x</b>')).toEqual({ ok: true, code: '<b>x</b>', key: '<B>X</B>', fromUrl: false })
    })

    it('treats a bare host name without a path and query as a code, not a link', () => {
      expect(parseScannedCode('www.shop.example')).toEqual({
        ok: true,
        code: 'www.shop.example',
        key: 'WWW.SHOP.EXAMPLE',
        fromUrl: false,
      })
    })
  })

  describe('refusals', () => {
    it.each([
      ['', EMPTY],
      ['    ', EMPTY],
      ['\u200b\u200b', EMPTY],
      ['AB\u0007C', CONTROL_CHARS],
      ['AB\tC', CONTROL_CHARS],
      ['AB\nC', CONTROL_CHARS],
      ['AB\u0000C', CONTROL_CHARS],
      ['AB\u007fC', CONTROL_CHARS],
      ['AB\u0085C', CONTROL_CHARS],
    ])('refuses %j: %s', (raw, reason) => {
      expect(parseScannedCode(raw)).toEqual({ ok: false, reason })
    })

    it('accepts a code of exactly 100 characters', () => {
      const code = 'A'.repeat(MAX_CODE_LENGTH)
      expect(parseScannedCode(code)).toEqual({ ok: true, code, key: code, fromUrl: false })
    })

    it('refuses a code of 101 characters', () => {
      expect(parseScannedCode('A'.repeat(101))).toEqual({ ok: false, reason: TOO_LONG })
    })

    it('counts characters, not UTF-16 units, so 100 emoji are still allowed', () => {
      const code = '😀'.repeat(100)
      expect(parseScannedCode(code)).toMatchObject({ ok: true, code })
      expect(parseScannedCode('😀'.repeat(101))).toEqual({ ok: false, reason: TOO_LONG })
    })

    it('measures the length after trimming and removing invisible characters', () => {
      const code = 'A'.repeat(100)
      expect(parseScannedCode(`  ${code}\u200b  `)).toEqual({ ok: true, code, key: code, fromUrl: false })
    })
  })

  describe('links from QR codes', () => {
    it('takes the code from the coupon parameter of a tracking link', () => {
      expect(parseScannedCode('https://shop.example/?coupon=anna10')).toEqual({
        ok: true,
        code: 'anna10',
        key: 'ANNA10',
        fromUrl: true,
      })
    })

    it.each(CODE_QUERY_PARAMS.map((name) => [name]))('reads the %s parameter', (name) => {
      expect(parseScannedCode(`https://shop.example/landing?utm_source=qr&${name}=Spring24`)).toEqual({
        ok: true,
        code: 'Spring24',
        key: 'SPRING24',
        fromUrl: true,
      })
    })

    it('lists the parameters in the documented order of preference', () => {
      expect(CODE_QUERY_PARAMS).toEqual(['coupon', 'coupon_code', 'cc', 'code', 'promo_code'])
    })

    it.each([
      ['promo_code=P&code=C&cc=CC&coupon_code=CCODE&coupon=COUP', 'COUP'],
      ['promo_code=P&code=C&cc=CC&coupon_code=CCODE', 'CCODE'],
      ['promo_code=P&code=C&cc=CC', 'CC'],
      ['promo_code=P&code=C', 'C'],
      ['code=C&cc=CC', 'CC'],
      ['promo_code=P', 'P'],
    ])('prefers the higher-ranked parameter in ?%s', (query, expected) => {
      expect(parseScannedCode(`https://shop.example/?${query}`)).toMatchObject({ ok: true, code: expected })
    })

    it('skips a parameter that is present but empty', () => {
      expect(parseScannedCode('https://shop.example/?coupon=&code=B')).toMatchObject({ ok: true, code: 'B' })
      expect(parseScannedCode('https://shop.example/?coupon=%20%20&code=B')).toMatchObject({ ok: true, code: 'B' })
    })

    it('matches parameter names without regard to case', () => {
      expect(parseScannedCode('https://shop.example/?CC=x')).toEqual({ ok: true, code: 'x', key: 'X', fromUrl: true })
      expect(parseScannedCode('HTTPS://SHOP.EXAMPLE/?Coupon_Code=q')).toMatchObject({ ok: true, code: 'q' })
    })

    it('takes the first of two parameters that differ only in case', () => {
      expect(parseScannedCode('https://shop.example/?Coupon=Y&coupon=Z')).toMatchObject({ ok: true, code: 'Y' })
    })

    it('decodes percent-encoded values', () => {
      expect(parseScannedCode('https://shop.example/?code=ANNA%2010')).toEqual({
        ok: true,
        code: 'ANNA 10',
        key: 'ANNA 10',
        fromUrl: true,
      })
      expect(parseScannedCode('https://shop.example/?code=caf%C3%A9')).toEqual({
        ok: true,
        code: 'café',
        key: 'CAFÉ',
        fromUrl: true,
      })
    })

    it('reads a plus in the query as a space', () => {
      expect(parseScannedCode('https://shop.example/?code=a+b')).toMatchObject({ ok: true, code: 'a b' })
    })

    it('recognises a link without a scheme', () => {
      expect(parseScannedCode('www.shop.example/x?code=ABC')).toEqual({
        ok: true,
        code: 'ABC',
        key: 'ABC',
        fromUrl: true,
      })
      expect(parseScannedCode('shop.example/landing?cc=abc')).toMatchObject({ ok: true, code: 'abc', fromUrl: true })
    })

    it.each([
      'https://shop.example/landing',
      'https://shop.example/?utm_source=qr',
      'http://shop.example/?coupon=',
      'shop.example/x?',
    ])('refuses %j and names the parameters it looked for', (link) => {
      expect(parseScannedCode(link)).toEqual({ ok: false, reason: NO_CODE_IN_LINK })
    })

    it('applies the code rules to the value taken from the link', () => {
      expect(parseScannedCode('https://shop.example/?code=A%07B')).toEqual({ ok: false, reason: CONTROL_CHARS })
      expect(parseScannedCode(`https://shop.example/?code=${'A'.repeat(101)}`)).toEqual({ ok: false, reason: TOO_LONG })
      expect(parseScannedCode('https://shop.example/?code=%E2%80%8BANNA10%20')).toEqual({
        ok: true,
        code: 'ANNA10',
        key: 'ANNA10',
        fromUrl: true,
      })
    })
  })
})

describe('codeKey', () => {
  it('upper-cases the code and changes nothing else', () => {
    expect(codeKey(' anna-10 ')).toBe(' ANNA-10 ')
  })
})

describe('cleanCode (regression: one cleaning for scans and coupon lists)', () => {
  it('trims, folds with NFKC and removes zero-width characters', () => {
    expect(cleanCode('  \ufeffＡＮＮＡ\u200b１０\u2060 ')).toEqual({ ok: true, code: 'ANNA10', key: 'ANNA10', fromUrl: false })
  })

  it('keeps the spelling in code and upper-cases only the key', () => {
    expect(cleanCode('anna\u200b10')).toEqual({ ok: true, code: 'anna10', key: 'ANNA10', fromUrl: false })
  })

  it.each(['ANNA10', ' anna10 ', 'ANNA\u200b10', 'ＡＮＮＡ１０', 'café'])('gives %j the same result as a scan', (raw) => {
    expect(cleanCode(raw)).toEqual(parseScannedCode(raw))
  })

  it('does not read a link as a link: a list code is taken as written', () => {
    expect(cleanCode('https://shop.example/?coupon=ANNA10')).toEqual({
      ok: true,
      code: 'https://shop.example/?coupon=ANNA10',
      key: 'HTTPS://SHOP.EXAMPLE/?COUPON=ANNA10',
      fromUrl: false,
    })
  })

  it.each([
    ['', EMPTY],
    ['  \u200b ', EMPTY],
    ['A\tB', CONTROL_CHARS],
    ['A\u0000B', CONTROL_CHARS],
    ['A\u007fB', CONTROL_CHARS],
    ['A\u0080B', CONTROL_CHARS],
    ['A\u0085B', CONTROL_CHARS],
    ['A\u009fB', CONTROL_CHARS],
    ['A'.repeat(MAX_CODE_LENGTH + 1), TOO_LONG],
  ])('refuses %j: %s', (raw, reason) => {
    expect(cleanCode(raw)).toEqual({ ok: false, reason })
  })

  it('accepts exactly 100 characters, counted after cleaning', () => {
    const code = 'A'.repeat(MAX_CODE_LENGTH)
    expect(cleanCode(` ${code}\u200b `)).toEqual({ ok: true, code, key: code, fromUrl: false })
  })

  it('folds a no-break space (U+00A0, just past C1) to a plain space instead of refusing it', () => {
    expect(cleanCode('A\u00a0B')).toEqual({ ok: true, code: 'A B', key: 'A B', fromUrl: false })
  })
})
