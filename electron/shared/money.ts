/**
 * Money is an integer of minor units with its ISO 4217 currency beside it, never a float.
 * Typed amounts are parsed digit by digit into a bigint, so "0.1 + 0.2" never happens here;
 * the number of minor digits comes from Intl so JPY has none and BHD has three.
 */

export type AmountFormat = 'point' | 'comma'

export interface Money {
  amountMinor: number
  currency: string
}

const minorDigitsCache = new Map<string, number>()

export function isKnownCurrency(currency: string): boolean {
  if (!/^[A-Z]{3}$/.test(currency)) return false
  return supportedCurrencies().has(currency)
}

let currencySet: ReadonlySet<string> | null = null

function supportedCurrencies(): ReadonlySet<string> {
  if (currencySet === null) {
    try {
      currencySet = new Set(Intl.supportedValuesOf('currency'))
    } catch {
      currencySet = new Set()
    }
  }
  return currencySet
}

/** Minor digits of a currency as Intl knows them (EUR 2, JPY 0, BHD 3). */
export function minorDigits(currency: string): number {
  const cached = minorDigitsCache.get(currency)
  if (cached !== undefined) return cached
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
    .maximumFractionDigits
  const value = digits ?? 2
  minorDigitsCache.set(currency, value)
  return value
}

export type AmountParse =
  | { ok: true; amountMinor: number }
  | { ok: false; reason: string }

export interface AmountParseOptions {
  format: AmountFormat
  currency: string
  /** Largest accepted amount in minor units; anything above is a typo, not a sale. */
  maxMinor: number
}

// Spaces people and spreadsheets use as thousands separators: space, no-break, narrow no-break.
const GROUP_SPACES = /[ \u00a0\u202f]/g

/**
 * Parses an amount as a cashier or a till export writes it, in the store's format:
 * `point` = 1,234.56 (also 1 234.56, 1'234.56); `comma` = 1.234,56 (also 1 234,56).
 * A currency sign or the store's ISO code around the number is ignored.
 */
// Digits with at most the store's decimal mark: what tills write, and what a cashier types.
const PLAIN_AMOUNT = { point: /^([0-9]{1,12})(?:\.([0-9]{1,3}))?$/, comma: /^([0-9]{1,12})(?:,([0-9]{1,3}))?$/ } as const

export function parseAmount(raw: string, options: AmountParseOptions): AmountParse {
  const digitsAllowed = minorDigits(options.currency)
  // The common case without the general path's rewriting (a million-row import parses a
  // million amounts); anything it does not accept outright goes the general way, errors included.
  const plain = PLAIN_AMOUNT[options.format].exec(raw)
  if (plain !== null) {
    const fraction = plain[2] ?? ''
    if (fraction.length <= digitsAllowed) {
      const minor = Number(plain[1]) * 10 ** digitsAllowed + (fraction === '' ? 0 : Number(fraction.padEnd(digitsAllowed, '0')))
      if (minor > 0 && minor <= options.maxMinor) return { ok: true, amountMinor: minor }
    }
  }
  let text = raw.trim()
  if (text === '') return { ok: false, reason: 'Enter an amount' }
  if (text.length > 40) return { ok: false, reason: 'Amount is too long to be a price' }

  const code = options.currency
  if (text.toUpperCase().startsWith(code)) text = text.slice(3).trim()
  else if (text.toUpperCase().endsWith(code)) text = text.slice(0, -3).trim()
  text = text.replace(/^\p{Sc}\s*/u, '').replace(/\s*\p{Sc}$/u, '')

  if (/^[-\u2212(]|[-\u2212)]$/.test(text)) {
    return { ok: false, reason: 'Amount cannot be negative' }
  }
  const decimalMark = options.format === 'point' ? '.' : ','
  const groupMark = options.format === 'point' ? ',' : '.'
  text = text.replace(GROUP_SPACES, "'")

  if (!/^[0-9.,']+$/.test(text)) {
    return { ok: false, reason: `"${raw.trim()}" is not an amount: use digits and "${decimalMark}"` }
  }

  const decimalAt = text.lastIndexOf(decimalMark)
  if (decimalAt !== text.indexOf(decimalMark)) {
    return { ok: false, reason: `Amount has more than one "${decimalMark}"` }
  }
  const integerPart = decimalAt === -1 ? text : text.slice(0, decimalAt)
  const fractionPart = decimalAt === -1 ? '' : text.slice(decimalAt + 1)

  if (fractionPart.includes(groupMark) || fractionPart.includes("'")) {
    return { ok: false, reason: `Amount has a "${groupMark}" after the decimal mark` }
  }
  const integerDigits = checkGrouping(integerPart, groupMark)
  if (integerDigits === null) {
    const hint =
      options.format === 'comma'
        ? 'use a comma for decimals (12,50) and points only between thousands (1.234,50)'
        : 'use a point for decimals (12.50) and commas only between thousands (1,234.50)'
    return { ok: false, reason: `"${raw.trim()}" is not an amount in this store's format: ${hint}` }
  }
  if (integerDigits === '' && fractionPart === '') {
    return { ok: false, reason: 'Enter an amount' }
  }
  if (fractionPart.length > digitsAllowed) {
    return {
      ok: false,
      reason:
        digitsAllowed === 0
          ? `${options.currency} has no decimals`
          : `Too many decimals: ${options.currency} has ${digitsAllowed}`,
    }
  }

  const scaled = (integerDigits === '' ? '0' : integerDigits) + fractionPart.padEnd(digitsAllowed, '0')
  const minor = BigInt(scaled)
  if (minor === 0n) return { ok: false, reason: 'Amount must be more than zero' }
  if (minor > BigInt(options.maxMinor)) {
    return {
      ok: false,
      reason: `Amount is too large: at most ${formatMinor(options.maxMinor, options.currency)}`,
    }
  }
  return { ok: true, amountMinor: Number(minor) }
}

/** Returns the bare digits when grouping is well formed (1-3 digits, then groups of 3), else null. */
function checkGrouping(integerPart: string, groupMark: string): string | null {
  if (integerPart === '') return ''
  const groups = integerPart.split(new RegExp(`[${groupMark === '.' ? '\\.' : ','}']`))
  if (groups.some((group) => !/^[0-9]+$/.test(group))) return null
  if (groups.length > 1) {
    const [first, ...rest] = groups
    if (first === undefined || first.length > 3 || rest.some((group) => group.length !== 3)) {
      return null
    }
  }
  return groups.join('')
}

/** Exact decimal text with a point, as platforms take it: 1250 EUR -> "12.50". */
export function minorToDecimalString(amountMinor: number, currency: string): string {
  const digits = minorDigits(currency)
  const negative = amountMinor < 0
  const text = Math.abs(amountMinor).toString().padStart(digits + 1, '0')
  const whole = digits === 0 ? text : text.slice(0, -digits)
  const fraction = digits === 0 ? '' : `.${text.slice(-digits)}`
  return `${negative ? '-' : ''}${whole}${fraction}`
}

/** Amount for people, in the store's format: "12.50" or "12,50", grouped thousands. */
export function formatAmountPlain(amountMinor: number, currency: string, format: AmountFormat): string {
  const [whole = '0', fraction] = minorToDecimalString(amountMinor, currency).split('.')
  const groupMark = format === 'point' ? ',' : '.'
  const decimalMark = format === 'point' ? '.' : ','
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, groupMark)
  return fraction === undefined ? grouped : `${grouped}${decimalMark}${fraction}`
}

/** "12.50 EUR" style text that needs no locale data; used in messages and the CLI. */
export function formatMinor(amountMinor: number, currency: string, format: AmountFormat = 'point'): string {
  return `${formatAmountPlain(amountMinor, currency, format)} ${currency}`
}

/** Whole major units to minor units for limits set in settings. */
export function majorToMinor(major: number, currency: string): number {
  return major * 10 ** minorDigits(currency)
}
