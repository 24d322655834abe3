import { DateTime } from 'luxon'
import type { AmountFormat } from '../../../shared/money'
import { minorDigits } from '../../../shared/money'
import { businessDate } from '../../../shared/dates'

/**
 * How a till export writes amounts and dates, decided from many rows at once: a single `12,500`
 * could be twelve and a half or twelve thousand five hundred, but a file that also holds
 * `3,20` and `1.234,00` cannot. When the rows leave it open, the answer is `null` and the
 * manager is asked (the wizard's question, the CLI's `--mapping`).
 */

export type DateOrder = 'ymd' | 'dmy' | 'mdy'

export interface FormatGuess<T> {
  value: T | null
  /** True when the rows point both ways or leave a real choice: the manager must answer. */
  ambiguous: boolean
}

const CURRENCY_AROUND = /^[\p{Sc}A-Z]{0,3}\s*|\s*[\p{Sc}A-Z]{0,3}$/gu
const SPACES = /[\s\u00a0\u202f']/g

/** Votes of one amount for a decimal mark; 0 when it says nothing (whole numbers). */
function decimalVote(raw: string, currency: string): AmountFormat | null {
  const text = raw.trim().replace(CURRENCY_AROUND, '').replace(SPACES, '')
  if (!/^[-+(]?[0-9.,]+\)?$/.test(text)) return null
  const lastPoint = text.lastIndexOf('.')
  const lastComma = text.lastIndexOf(',')
  if (lastPoint !== -1 && lastComma !== -1) return lastPoint > lastComma ? 'point' : 'comma'
  const mark = lastPoint !== -1 ? '.' : lastComma !== -1 ? ',' : null
  if (mark === null) return null
  const occurrences = text.split(mark).length - 1
  const after = text.length - text.lastIndexOf(mark) - 1
  const own: AmountFormat = mark === '.' ? 'point' : 'comma'
  const other: AmountFormat = mark === '.' ? 'comma' : 'point'
  // "1.234.567" can only be grouping; so can "1,234" where the currency has fewer than 3 decimals.
  if (occurrences > 1) return other
  if (after === 3 && minorDigits(currency) < 3) return other
  return own
}

export function detectDecimalStyle(samples: readonly string[], currency: string): FormatGuess<AmountFormat> {
  let point = 0
  let comma = 0
  for (const sample of samples) {
    const vote = decimalVote(sample, currency)
    if (vote === 'point') point++
    else if (vote === 'comma') comma++
  }
  if (point > 0 && comma > 0) return { value: point >= comma ? 'point' : 'comma', ambiguous: true }
  if (point > 0) return { value: 'point', ambiguous: false }
  if (comma > 0) return { value: 'comma', ambiguous: false }
  // Whole numbers only: either reading gives the same amounts.
  return { value: null, ambiguous: false }
}

const ISO_LIKE = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d{1,9})?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/
const DAY_MONTH = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4}|\d{2})(?:[T ,]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?$/

export function detectDateOrder(samples: readonly string[]): FormatGuess<DateOrder> {
  let ymd = 0
  let numeric = 0
  let dayFirst = 0
  let monthFirst = 0
  for (const raw of samples) {
    const text = raw.trim()
    if (ISO_LIKE.test(text)) {
      ymd++
      continue
    }
    const match = DAY_MONTH.exec(text)
    if (match === null) continue
    numeric++
    const first = Number(match[1])
    const second = Number(match[2])
    if (first > 12 && second <= 12) dayFirst++
    if (second > 12 && first <= 12) monthFirst++
  }
  if (numeric === 0) return { value: ymd > 0 ? 'ymd' : null, ambiguous: false }
  if (dayFirst > 0 && monthFirst > 0) return { value: dayFirst >= monthFirst ? 'dmy' : 'mdy', ambiguous: true }
  if (dayFirst > 0) return { value: 'dmy', ambiguous: false }
  if (monthFirst > 0) return { value: 'mdy', ambiguous: false }
  // 03/04/2026 and nothing above 12: either order reads, so the manager decides.
  return { value: null, ambiguous: true }
}

export type SaleDateParse =
  | { ok: true; atMs: number; businessDate: string }
  | { ok: false; reason: string }

interface WallTime {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
  offset: string | undefined
}

function readWallTime(text: string, order: DateOrder | null): WallTime | string {
  const plain = readPlainIso(text)
  if (plain !== null) return plain
  const iso = ISO_LIKE.exec(text)
  if (iso !== null) {
    return {
      year: Number(iso[1]),
      month: Number(iso[2]),
      day: Number(iso[3]),
      hour: Number(iso[4] ?? 0),
      minute: Number(iso[5] ?? 0),
      second: Number(iso[6] ?? 0),
      offset: iso[7],
    }
  }
  const match = DAY_MONTH.exec(text)
  if (match === null) return `"${text}" is not a date (the file's dates look like ${example(order)})`
  if (order === null || order === 'ymd') return `"${text}" is not in the file's date format (${example(order)})`
  const first = Number(match[1])
  const second = Number(match[2])
  const yearText = match[3] ?? ''
  let hour = Number(match[4] ?? 0)
  const meridiem = match[7]?.toLowerCase()
  if (meridiem !== undefined) {
    if (hour < 1 || hour > 12) return `"${text}" has an hour ${hour} with ${meridiem.toUpperCase()}`
    hour = (hour % 12) + (meridiem === 'pm' ? 12 : 0)
  }
  return {
    year: yearText.length === 2 ? 2000 + Number(yearText) : Number(yearText),
    month: order === 'dmy' ? second : first,
    day: order === 'dmy' ? first : second,
    hour,
    minute: Number(match[5] ?? 0),
    second: Number(match[6] ?? 0),
    offset: undefined,
  }
}

/**
 * `YYYY-MM-DD`, `YYYY-MM-DD HH:MM` or `YYYY-MM-DD HH:MM:SS` (a space or a T between), read by
 * hand: the form most tills write, a million times in a big file, where the regex's match array
 * was a good part of the reading. Anything else (other separators, offsets): null, and the
 * general pattern decides. It reads what ISO_LIKE reads for these strings, to the same values.
 */
function readPlainIso(text: string): WallTime | null {
  const length = text.length
  if ((length !== 10 && length !== 16 && length !== 19) || text.charCodeAt(4) !== DASH || text.charCodeAt(7) !== DASH) return null
  const year = digitsAt(text, 0, 4)
  const month = digitsAt(text, 5, 2)
  const day = digitsAt(text, 8, 2)
  if (year < 0 || month < 0 || day < 0) return null
  let hour = 0
  let minute = 0
  let second = 0
  if (length > 10) {
    const between = text.charCodeAt(10)
    if ((between !== SPACE && between !== LETTER_T) || text.charCodeAt(13) !== COLON) return null
    hour = digitsAt(text, 11, 2)
    minute = digitsAt(text, 14, 2)
    if (length === 19) second = text.charCodeAt(16) === COLON ? digitsAt(text, 17, 2) : -1
    if (hour < 0 || minute < 0 || second < 0) return null
  }
  return { year, month, day, hour, minute, second, offset: undefined }
}

const DASH = 0x2d
const COLON = 0x3a
const SPACE = 0x20
const LETTER_T = 0x54

/** The number written by `count` ASCII digits from `from`; -1 if any is not a digit. */
function digitsAt(text: string, from: number, count: number): number {
  let value = 0
  for (let index = from; index < from + count; index++) {
    const digit = text.charCodeAt(index) - 0x30
    if (digit < 0 || digit > 9) return -1
    value = value * 10 + digit
  }
  return value
}

function example(order: DateOrder | null): string {
  if (order === 'dmy') return '31.12.2026 or 31/12/2026'
  if (order === 'mdy') return '12/31/2026'
  return '2026-12-31 or 2026-12-31 14:30'
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0')
}

// A day's offset from UTC in the store's zone, when it is the same all day (no clock change).
const steadyOffsets = new Map<string, number | null>()

function steadyOffsetMinutes(year: number, month: number, day: number, zone: string): number | null {
  const key = `${zone}|${year}-${month}-${day}`
  const known = steadyOffsets.get(key)
  if (known !== undefined) return known
  if (steadyOffsets.size > 20_000) steadyOffsets.clear()
  const start = DateTime.fromObject({ year, month, day, hour: 0 }, { zone })
  const end = DateTime.fromObject({ year, month, day, hour: 23, minute: 59 }, { zone })
  const offset = start.isValid && end.isValid && start.offset === end.offset ? start.offset : null
  steadyOffsets.set(key, offset)
  return offset
}

interface DayInZone {
  year: number
  month: number
  day: number
  zone: string
  day10: string
  steady: number | null
}

// The day of the row before: a file's rows come a day at a time, so most rows find it here.
let lastDay: DayInZone = { year: 0, month: 0, day: 0, zone: '', day10: '', steady: null }

function dayInZone(year: number, month: number, day: number, zone: string): DayInZone {
  const last = lastDay
  if (last.day === day && last.month === month && last.year === year && last.zone === zone) return last
  lastDay = { year, month, day, zone, day10: `${year}-${pad(month)}-${pad(day)}`, steady: steadyOffsetMinutes(year, month, day, zone) }
  return lastDay
}

/**
 * A sale's date from a till export, in the file's order. Without an offset it is local time in
 * the store's zone and its business date is the date as written; with one, the business date is
 * where that instant falls in the store's zone.
 */
export function parseSaleDate(raw: string, order: DateOrder | null, zone: string): SaleDateParse {
  const text = raw.trim()
  if (text === '') return { ok: false, reason: 'date is empty' }
  const wall = readWallTime(text, order)
  if (typeof wall === 'string') return { ok: false, reason: wall }
  const { year, month, day, hour, minute, second } = wall
  const check = new Date(Date.UTC(year, month - 1, day))
  if (
    month < 1 || month > 12 || day < 1 || check.getUTCDate() !== day || check.getUTCMonth() !== month - 1 ||
    hour > 23 || minute > 59 || second > 59 || year < 2000 || year > 2100
  ) {
    return { ok: false, reason: `"${text}" is not a real date${order === 'dmy' || order === 'mdy' ? ` (read as ${order === 'dmy' ? 'day/month/year' : 'month/day/year'})` : ''}` }
  }
  const wallMs = Date.UTC(year, month - 1, day, hour, minute, second)
  if (wall.offset !== undefined) {
    const offsetMinutes = wall.offset === 'Z' ? 0 : offsetFromText(wall.offset)
    const atMs = wallMs - offsetMinutes * 60_000
    return { ok: true, atMs, businessDate: businessDate(atMs, zone) }
  }
  const { day10, steady } = dayInZone(year, month, day, zone)
  if (steady !== null) return { ok: true, atMs: wallMs - steady * 60_000, businessDate: day10 }
  // The day the clocks change: let luxon resolve the gap or the repeated hour.
  const exact = DateTime.fromObject({ year, month, day, hour, minute, second }, { zone })
  return { ok: true, atMs: exact.toMillis(), businessDate: day10 }
}

function offsetFromText(text: string): number {
  const sign = text.startsWith('-') ? -1 : 1
  const digits = text.slice(1).replace(':', '')
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0'))
}
