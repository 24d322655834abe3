import { describe, it, expect } from 'vitest'
import {
  SETTING_HELP,
  SETTING_KEYS,
  SettingsPatchSchema,
  SettingsSchema,
  defaultSettings,
  isSettingKey,
  parseSettingText,
} from '../../../electron/shared/settings'

describe('parseSettingText', () => {
  describe('whole numbers', () => {
    it.each([
      ['maxSaleAmount', '5000', 5000],
      ['maxSaleAmount', ' 5000 ', 5000],
      ['maxSaleAmount', '1', 1],
      ['maxSaleAmount', '1000000000000', 1_000_000_000_000],
      ['scanner.minLength', '3', 3],
      ['scanner.minLength', '64', 64],
      ['scanner.maxAvgGapMs', '5', 5],
      ['scanner.maxAvgGapMs', '60', 60],
      ['scanner.maxAvgGapMs', '200', 200],
    ] as const)('reads %s = %j as the number %i', (key, text, value) => {
      expect(parseSettingText(key, text)).toEqual({ ok: true, value })
    })

    it.each([
      ['maxSaleAmount', '0', 'maxSaleAmount: Too small: expected number to be >=1'],
      ['maxSaleAmount', '-1', 'maxSaleAmount: Too small: expected number to be >=1'],
      ['maxSaleAmount', '1000000000001', 'maxSaleAmount: Too big: expected number to be <=1000000000000'],
      ['scanner.minLength', '2', 'scanner.minLength: Too small: expected number to be >=3'],
      ['scanner.minLength', '65', 'scanner.minLength: Too big: expected number to be <=64'],
      ['scanner.maxAvgGapMs', '4', 'scanner.maxAvgGapMs: Too small: expected number to be >=5'],
      ['scanner.maxAvgGapMs', '201', 'scanner.maxAvgGapMs: Too big: expected number to be <=200'],
    ] as const)('refuses %s = %j out of range', (key, text, reason) => {
      expect(parseSettingText(key, text)).toEqual({ ok: false, reason })
    })

    it.each(['12.5', 'abc', '1e3', '', '0x10'])('refuses %j as maxSaleAmount with a message naming the key', (text) => {
      const result = parseSettingText('maxSaleAmount', text)
      expect(result.ok).toBe(false)
      if (!result.ok) expect(result.reason).toMatch(/^maxSaleAmount: /)
    })
  })

  describe('booleans', () => {
    it.each([
      ['yes', true],
      ['no', false],
      ['true', true],
      ['false', false],
      ['TRUE', true],
      ['No', false],
      ['on', true],
      ['off', false],
      ['1', true],
      ['0', false],
      [' yes ', true],
    ])('reads sounds = %j as %s', (text, value) => {
      expect(parseSettingText('sounds', text)).toEqual({ ok: true, value })
    })

    it('refuses a word that is neither yes nor no, naming the key', () => {
      expect(parseSettingText('sounds', 'maybe')).toEqual({
        ok: false,
        reason: 'sounds: Invalid input: expected boolean, received string',
      })
    })
  })

  describe('amountFormat', () => {
    it.each([
      ['point', 'point'],
      ['comma', 'comma'],
      ['12.50', 'point'],
      ['1,234.50', 'point'],
      ['12,50', 'comma'],
      ['1.234,50', 'comma'],
      [' 12,50 ', 'comma'],
    ])('reads %j as %s', (text, value) => {
      expect(parseSettingText('amountFormat', text)).toEqual({ ok: true, value })
    })

    it.each(['dot', 'Point', '12.5'])('refuses %j, naming the key', (text) => {
      expect(parseSettingText('amountFormat', text)).toEqual({
        ok: false,
        reason: 'amountFormat: Invalid option: expected one of "point"|"comma"',
      })
    })
  })

  describe('currency', () => {
    it.each([
      ['eur', 'EUR'],
      [' usd ', 'USD'],
      ['JPY', 'JPY'],
      ['Gbp', 'GBP'],
    ])('reads %j as %s', (text, value) => {
      expect(parseSettingText('currency', text)).toEqual({ ok: true, value })
    })

    it.each(['EURO', 'ABC', 'xxx', '', '€'])('refuses %j with a message naming the key', (text) => {
      expect(parseSettingText('currency', text)).toEqual({
        ok: false,
        reason: 'currency: use an ISO 4217 currency code such as EUR, USD, GBP',
      })
    })
  })

  describe('timeZone', () => {
    it('accepts an IANA zone', () => {
      expect(parseSettingText('timeZone', ' Europe/Berlin ')).toEqual({ ok: true, value: 'Europe/Berlin' })
    })

    it.each([
      ['europe/berlin', 'Europe/Berlin'],
      ['EUROPE/BERLIN', 'Europe/Berlin'],
      [' america/new_york ', 'America/New_York'],
      ['utc', 'UTC'],
    ])('regression: stores %j in its canonical spelling %j', (text, value) => {
      expect(parseSettingText('timeZone', text)).toEqual({ ok: true, value })
    })

    it.each(['Mars/Base', '', 'local', 'system', 'Local'])('refuses %j with a message naming the key', (text) => {
      expect(parseSettingText('timeZone', text)).toEqual({
        ok: false,
        reason: 'timeZone: use an IANA time zone such as Europe/Berlin',
      })
    })
  })

  describe('terminalId', () => {
    it.each(['T1', 'till_02', 'ABCDEFGHIJKL'])('accepts %j', (text) => {
      expect(parseSettingText('terminalId', text)).toEqual({ ok: true, value: text })
    })

    it.each(['T-1', 'ABCDEFGHIJKLM', '', 'T 1', 'Tö'])('refuses %j with a message naming the key', (text) => {
      expect(parseSettingText('terminalId', text)).toEqual({
        ok: false,
        reason: 'terminalId: use 1 to 12 letters, digits or _ (it starts every order id)',
      })
    })
  })

  describe('other text settings', () => {
    it('trims the store name and allows it empty', () => {
      expect(parseSettingText('storeName', '  My Shop  ')).toEqual({ ok: true, value: 'My Shop' })
      expect(parseSettingText('storeName', '')).toEqual({ ok: true, value: '' })
    })

    it('refuses a store name over 80 characters', () => {
      expect(parseSettingText('storeName', 'x'.repeat(80))).toEqual({ ok: true, value: 'x'.repeat(80) })
      expect(parseSettingText('storeName', 'x'.repeat(81))).toEqual({
        ok: false,
        reason: 'storeName: Too big: expected string to have <=80 characters',
      })
    })

    it('accepts only the known scanner terminators', () => {
      expect(parseSettingText('scanner.terminator', 'tab')).toEqual({ ok: true, value: 'tab' })
      expect(parseSettingText('scanner.terminator', 'enter-or-tab')).toEqual({ ok: true, value: 'enter-or-tab' })
      expect(parseSettingText('scanner.terminator', 'space')).toEqual({
        ok: false,
        reason: 'scanner.terminator: Invalid option: expected one of "enter"|"tab"|"enter-or-tab"',
      })
    })
  })
})

describe('defaultSettings', () => {
  it('builds a complete, valid settings object from the system zone and a suffix', () => {
    const settings = defaultSettings('Europe/Paris', '7')
    expect(settings).toEqual({
      terminalId: 'T7',
      storeName: '',
      currency: 'EUR',
      amountFormat: 'point',
      timeZone: 'Europe/Paris',
      maxSaleAmount: 1_000_000,
      'scanner.minLength': 6,
      'scanner.maxAvgGapMs': 30,
      'scanner.terminator': 'enter-or-tab',
      sounds: true,
      'camera.deviceId': '',
      'camera.engine': 'zxing-wasm',
    })
    expect(SettingsSchema.parse(settings)).toEqual(settings)
  })

  it('falls back to UTC when the system zone is unknown', () => {
    expect(defaultSettings('Nowhere/Land', 'AB').timeZone).toBe('UTC')
    expect(defaultSettings('', 'AB').timeZone).toBe('UTC')
  })
})

describe('SettingsPatchSchema', () => {
  it('accepts a partial patch and an empty one', () => {
    expect(SettingsPatchSchema.parse({ sounds: false })).toEqual({ sounds: false })
    expect(SettingsPatchSchema.parse({})).toEqual({})
  })

  it('refuses unknown keys', () => {
    const result = SettingsPatchSchema.safeParse({ sounds: false, bogus: 1 })
    expect(result.success).toBe(false)
    expect(result.error?.issues[0]).toMatchObject({ code: 'unrecognized_keys', keys: ['bogus'] })
  })

  it('regression: canonicalises the time zone it carries and refuses the machine zone', () => {
    expect(SettingsPatchSchema.parse({ timeZone: 'europe/berlin' })).toEqual({ timeZone: 'Europe/Berlin' })
    expect(SettingsPatchSchema.safeParse({ timeZone: 'local' }).success).toBe(false)
  })

  it('validates the values it carries', () => {
    expect(SettingsPatchSchema.safeParse({ currency: 'ABC' }).success).toBe(false)
    expect(SettingsPatchSchema.parse({ currency: 'usd' })).toEqual({ currency: 'USD' })
  })
})

describe('camera settings', () => {
  it('defaults to the system camera and the zxing-wasm decoder', () => {
    const defaults = defaultSettings('UTC', '1')
    expect(defaults['camera.deviceId']).toBe('')
    expect(defaults['camera.engine']).toBe('zxing-wasm')
  })

  it('takes either decoder and refuses any other name', () => {
    expect(parseSettingText('camera.engine', 'zxing-js')).toEqual({ ok: true, value: 'zxing-js' })
    const refused = parseSettingText('camera.engine', 'quagga')
    expect(refused.ok).toBe(false)
    expect(refused.ok ? '' : refused.reason).toMatch(/^camera\.engine: /)
  })

  it('keeps a camera id as given and refuses one longer than 512 characters', () => {
    const id = 'a3f1c0e9'.repeat(8)
    expect(parseSettingText('camera.deviceId', id)).toEqual({ ok: true, value: id })
    expect(parseSettingText('camera.deviceId', 'x'.repeat(513)).ok).toBe(false)
  })
})

describe('setting keys', () => {
  it('lists every key once, each with help text', () => {
    expect(SETTING_KEYS).toEqual([
      'terminalId',
      'storeName',
      'currency',
      'amountFormat',
      'timeZone',
      'maxSaleAmount',
      'scanner.minLength',
      'scanner.maxAvgGapMs',
      'scanner.terminator',
      'sounds',
      'camera.deviceId',
      'camera.engine',
    ])
    for (const key of SETTING_KEYS) expect(SETTING_HELP[key].length).toBeGreaterThan(10)
  })

  it.each([
    ['sounds', true],
    ['scanner.minLength', true],
    ['nope', false],
    ['constructor', false],
    ['', false],
  ])('isSettingKey(%j) is %s', (key, expected) => {
    expect(isSettingKey(key)).toBe(expected)
  })

  it('parses every key from the text of its default value', () => {
    const defaults = defaultSettings('UTC', '1')
    for (const key of SETTING_KEYS) {
      const text = String(defaults[key])
      expect(parseSettingText(key, text)).toEqual({ ok: true, value: defaults[key] })
    }
  })
})
