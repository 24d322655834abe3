import { DateTime } from 'luxon'

/**
 * Time in CouponDesk: instants are epoch milliseconds (UTC) everywhere; a "business date" is
 * the calendar day of an instant in the store's time zone, which is what a receipt shows.
 */

/**
 * The IANA name of a zone in its canonical spelling ("europe/berlin" -> "Europe/Berlin"), or
 * null. Luxon's "local" and "system" are refused: business dates must not depend on the machine.
 */
export function canonicalTimeZone(zone: string): string | null {
  // Building an Intl.DateTimeFormat costs ~0.1 ms and the settings are read on every scan.
  const known = canonicalZones.get(zone)
  if (known !== undefined) return known
  const canonical = resolveTimeZone(zone)
  if (canonicalZones.size < 1000) canonicalZones.set(zone, canonical)
  return canonical
}

const canonicalZones = new Map<string, string | null>()

function resolveTimeZone(zone: string): string | null {
  const trimmed = zone.trim()
  if (trimmed === '' || /^(local|system)$/i.test(trimmed) || !DateTime.now().setZone(trimmed).isValid) return null
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: trimmed }).resolvedOptions().timeZone
  } catch {
    return null
  }
}

export function isValidTimeZone(zone: string): boolean {
  return canonicalTimeZone(zone) !== null
}

export function businessDate(atMs: number, timeZone: string): string {
  // Every sale needs its business date. Days start on a whole minute in every zone (offsets are
  // whole minutes), so the answer for the last minute asked is reused; otherwise a cached Intl
  // formatter, several times cheaper than Luxon.
  const minute = Math.floor(atMs / 60_000)
  if (lastDay !== null && lastDay.minute === minute && lastDay.timeZone === timeZone) return lastDay.date
  const date = formatBusinessDate(atMs, timeZone)
  lastDay = { minute, timeZone, date }
  return date
}

let lastDay: { minute: number; timeZone: string; date: string } | null = null

function formatBusinessDate(atMs: number, timeZone: string): string {
  const parts = dayFormatter(timeZone).formatToParts(atMs)
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((entry) => entry.type === type)?.value ?? ''
  return `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`
}

const dayFormatters = new Map<string, Intl.DateTimeFormat>()

function dayFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = dayFormatters.get(timeZone)
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', calendar: 'iso8601', numberingSystem: 'latn' })
    dayFormatters.set(timeZone, formatter)
  }
  return formatter
}

export type InstantParse = { ok: true; atMs: number } | { ok: false; reason: string }

/**
 * Reads an ISO date-time as typed or sent by a form. Without an offset it is local time in
 * the store's zone; a bare date means the start of that day there.
 */
export function parseInstant(text: string, timeZone: string): InstantParse {
  const trimmed = text.trim()
  if (trimmed === '') return { ok: false, reason: 'Enter a date and time' }
  const parsed = DateTime.fromISO(trimmed.replace(' ', 'T'), { zone: timeZone, setZone: false })
  if (!parsed.isValid) {
    return { ok: false, reason: `"${trimmed}" is not a date and time (use 2026-11-21T14:30)` }
  }
  return { ok: true, atMs: parsed.toMillis() }
}

export type BoundParse = { ok: true; atMs: number } | { ok: false; reason: string }

/**
 * A validity bound from a coupon list. A bare date as `valid_to` means "through the end of
 * that day" in the store's zone, as a person reading the list would understand it.
 */
export function parseValidityBound(text: string, bound: 'from' | 'to', timeZone: string): BoundParse {
  // Catalogues repeat a handful of dates over thousands of codes: remember the recent answers.
  const key = `${bound}|${timeZone}|${text}`
  const known = boundCache.get(key)
  if (known !== undefined) return known
  if (boundCache.size >= BOUND_CACHE_SIZE) boundCache.clear()
  const parsed = parseValidityBoundUncached(text, bound, timeZone)
  boundCache.set(key, parsed)
  return parsed
}

const BOUND_CACHE_SIZE = 4096
const boundCache = new Map<string, BoundParse>()

function parseValidityBoundUncached(text: string, bound: 'from' | 'to', timeZone: string): BoundParse {
  const trimmed = text.trim()
  const isDateOnly = /^\d{4}-\d{2}-\d{2}$/.test(trimmed)
  // Only a full date or a date with a time: "2026" or "2026-12" would silently mean its first day.
  if (!isDateOnly && !/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(trimmed)) {
    return { ok: false, reason: `"${trimmed}" is not an ISO date (2026-12-31) or date-time (2026-12-31T23:59)` }
  }
  const parsed = DateTime.fromISO(trimmed.replace(' ', 'T'), { zone: timeZone })
  if (!parsed.isValid) {
    return { ok: false, reason: `"${trimmed}" is not an ISO date (2026-12-31) or date-time` }
  }
  if (isDateOnly && bound === 'to') return { ok: true, atMs: parsed.endOf('day').toMillis() }
  return { ok: true, atMs: parsed.toMillis() }
}

/** "21 Nov 2026" in the store's zone: what cashiers read on the coupon card. */
export function formatDay(atMs: number, timeZone: string): string {
  return DateTime.fromMillis(atMs, { zone: timeZone }).setLocale('en-GB').toFormat('d LLL yyyy')
}

/** "21 Nov 2026 14:05" in the store's zone. */
export function formatDateTime(atMs: number, timeZone: string): string {
  return DateTime.fromMillis(atMs, { zone: timeZone }).setLocale('en-GB').toFormat('d LLL yyyy HH:mm')
}

/** "3 minutes", "2 hours", "5 days": how old something is, for people. */
export function describeAge(ageMs: number): string {
  const minutes = Math.max(0, Math.floor(ageMs / 60_000))
  if (minutes < 1) return 'less than a minute'
  if (minutes < 60) return plural(minutes, 'minute')
  const hours = Math.floor(minutes / 60)
  if (hours < 48) return plural(hours, 'hour')
  return plural(Math.floor(hours / 24), 'day')
}

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`
}
