/**
 * Coupon codes as people and scanners hand them to us.
 * Lookup is by a key: trimmed, NFKC-normalised, upper-cased (platforms treat codes as
 * case-insensitive). What we show and send is the catalogue's own spelling.
 */

export const MAX_CODE_LENGTH = 100

/** Query parameters that carry the code in a coupon tracking link, in order of preference. */
export const CODE_QUERY_PARAMS = ['coupon', 'coupon_code', 'cc', 'code', 'promo_code'] as const

export interface ScannedCode {
  code: string
  key: string
  fromUrl: boolean
}

export type CodeParse = ({ ok: true } & ScannedCode) | { ok: false; reason: string }

// Zero-width characters sneak in from copied text and some scanner configurations.
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff]/g
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/

export function codeKey(code: string): string {
  return code.toUpperCase()
}

/** Cleans a typed or scanned code; a URL (from a QR code) yields the code in its query. */
export function parseScannedCode(raw: string): CodeParse {
  const text = raw.normalize('NFKC').replace(INVISIBLE, '').trim()
  if (text === '') return { ok: false, reason: 'Enter or scan a coupon code' }

  const url = asUrl(text)
  if (url !== null) {
    const fromQuery = codeFromQuery(url)
    if (fromQuery === null) {
      return {
        ok: false,
        reason: `The scanned link holds no coupon code (looked for ${CODE_QUERY_PARAMS.join(', ')})`,
      }
    }
    const inner = cleanCode(fromQuery)
    return inner.ok ? { ...inner, fromUrl: true } : inner
  }
  return cleanCode(text)
}

/** Cleans a code from any source (scan, typing, a coupon list) the same way, so keys match. */
export function cleanCode(text: string): CodeParse {
  const code = text.normalize('NFKC').replace(INVISIBLE, '').trim()
  if (code === '') return { ok: false, reason: 'Enter or scan a coupon code' }
  if (CONTROL.test(code)) {
    return { ok: false, reason: 'The coupon code contains control characters a code cannot have' }
  }
  if ([...code].length > MAX_CODE_LENGTH) {
    return { ok: false, reason: `The coupon code is too long (at most ${MAX_CODE_LENGTH} characters)` }
  }
  return { ok: true, code, key: codeKey(code), fromUrl: false }
}

function asUrl(text: string): URL | null {
  const withScheme = /^https?:\/\//i.test(text)
    ? text
    : /^(www\.)?[a-z0-9-]+(\.[a-z0-9-]+)+\/\S*\?/i.test(text)
      ? `https://${text}`
      : null
  if (withScheme === null) return null
  try {
    return new URL(withScheme)
  } catch {
    return null
  }
}

function codeFromQuery(url: URL): string | null {
  const byName = new Map<string, string>()
  for (const [name, value] of url.searchParams) {
    const lower = name.toLowerCase()
    if (!byName.has(lower) && value.trim() !== '') byName.set(lower, value)
  }
  for (const name of CODE_QUERY_PARAMS) {
    const value = byName.get(name)
    if (value !== undefined) return value
  }
  return null
}
