import { DateTime } from 'luxon'
import { describe, it, expect } from 'vitest'
import {
  businessDate,
  canonicalTimeZone,
  describeAge,
  formatDateTime,
  formatDay,
  isValidTimeZone,
  parseInstant,
  parseValidityBound,
} from '../../../electron/shared/dates'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

describe('businessDate', () => {
  const noonUtc = Date.UTC(2026, 10, 21, 12, 0)

  it('is the calendar day in the store zone, not in UTC', () => {
    expect(businessDate(noonUtc, 'UTC')).toBe('2026-11-21')
    expect(businessDate(noonUtc, 'Pacific/Auckland')).toBe('2026-11-22')
  })

  it('can be the day before in a zone west of UTC', () => {
    expect(businessDate(Date.UTC(2026, 10, 21, 3, 0), 'America/Los_Angeles')).toBe('2026-11-20')
  })

  it('changes at local midnight', () => {
    // Berlin is UTC+1 in November: local midnight of the 22nd is 23:00 UTC on the 21st.
    expect(businessDate(Date.UTC(2026, 10, 21, 22, 59, 59, 999), 'Europe/Berlin')).toBe('2026-11-21')
    expect(businessDate(Date.UTC(2026, 10, 21, 23, 0), 'Europe/Berlin')).toBe('2026-11-22')
  })

  it('answers each zone for itself when two zones ask about the same minute in turn', () => {
    const lateEvening = Date.UTC(2026, 10, 21, 23, 30)
    expect(businessDate(lateEvening, 'Europe/Berlin')).toBe('2026-11-22')
    expect(businessDate(lateEvening, 'America/New_York')).toBe('2026-11-21')
    expect(businessDate(lateEvening, 'Europe/Berlin')).toBe('2026-11-22')
  })

  it('changes at midnight in a zone whose offset is not a whole hour', () => {
    // Asia/Kathmandu is UTC+05:45: its midnight is 18:15 UTC the day before.
    expect(businessDate(Date.UTC(2026, 10, 21, 18, 14, 59, 999), 'Asia/Kathmandu')).toBe('2026-11-21')
    expect(businessDate(Date.UTC(2026, 10, 21, 18, 15), 'Asia/Kathmandu')).toBe('2026-11-22')
  })

  it('agrees with Luxon at instants spread over two years and their DST changes', () => {
    const start = Date.UTC(2025, 0, 1)
    for (let atMs = start; atMs < start + 2 * 366 * 86_400_000; atMs += 5 * 3_600_000 + 7 * 60_000) {
      for (const zone of ['Europe/Berlin', 'America/St_Johns', 'Australia/Lord_Howe', 'Pacific/Kiritimati']) {
        expect(businessDate(atMs, zone)).toBe(DateTime.fromMillis(atMs, { zone }).toFormat('yyyy-MM-dd'))
      }
    }
  }, 30_000)
})

describe('parseInstant', () => {
  const zone = 'Europe/Berlin'

  it.each([
    ['2026-11-21T14:30:00Z', Date.UTC(2026, 10, 21, 14, 30)],
    ['2026-11-21T14:30:00+02:00', Date.UTC(2026, 10, 21, 12, 30)],
    ['2026-11-21T14:30', Date.UTC(2026, 10, 21, 13, 30)],
    ['2026-11-21 14:30', Date.UTC(2026, 10, 21, 13, 30)],
    ['  2026-11-21 14:30  ', Date.UTC(2026, 10, 21, 13, 30)],
    ['2026-11-21', Date.UTC(2026, 10, 20, 23, 0)],
    ['2026-07-01T12:00', Date.UTC(2026, 6, 1, 10, 0)],
  ])('reads %j in Europe/Berlin', (text, expected) => {
    expect(parseInstant(text, zone)).toEqual({ ok: true, atMs: expected })
  })

  it('reads a time without an offset as local time in the given zone', () => {
    expect(parseInstant('2026-11-21T14:30', 'Pacific/Auckland')).toEqual({
      ok: true,
      atMs: Date.UTC(2026, 10, 21, 1, 30),
    })
  })

  it('keeps the instant of a time with an offset whatever the store zone', () => {
    const berlin = parseInstant('2026-11-21T14:30:00Z', 'Europe/Berlin')
    const auckland = parseInstant('2026-11-21T14:30:00Z', 'Pacific/Auckland')
    expect(berlin).toEqual(auckland)
  })

  it('asks for a date when the text is empty', () => {
    expect(parseInstant('   ', zone)).toEqual({ ok: false, reason: 'Enter a date and time' })
  })

  it.each(['garbage', '2026-13-01', '2026-02-30', '21/11/2026', '2026-11-21T25:00'])(
    'refuses %j with an example of the format',
    (text) => {
      expect(parseInstant(text, zone)).toEqual({
        ok: false,
        reason: `"${text}" is not a date and time (use 2026-11-21T14:30)`,
      })
    },
  )
})

describe('parseValidityBound', () => {
  const zone = 'Europe/Berlin'

  it('reads a bare date as valid_to through the end of that day in the store zone', () => {
    expect(parseValidityBound('2026-12-31', 'to', zone)).toEqual({
      ok: true,
      atMs: Date.UTC(2026, 11, 31, 22, 59, 59, 999),
    })
  })

  it('reads a bare date as valid_from from the start of that day in the store zone', () => {
    expect(parseValidityBound('2026-12-31', 'from', zone)).toEqual({
      ok: true,
      atMs: Date.UTC(2026, 11, 30, 23, 0),
    })
  })

  it('depends on the store zone for bare dates', () => {
    expect(parseValidityBound('2026-12-31', 'to', 'UTC')).toEqual({
      ok: true,
      atMs: Date.UTC(2026, 11, 31, 23, 59, 59, 999),
    })
  })

  it('trims spaces around the date', () => {
    expect(parseValidityBound('  2026-12-31 ', 'to', zone)).toEqual({
      ok: true,
      atMs: Date.UTC(2026, 11, 31, 22, 59, 59, 999),
    })
  })

  it.each(['from', 'to'] as const)('takes a date-time with Z as that exact instant for %s', (bound) => {
    expect(parseValidityBound('2026-12-31T10:00:00Z', bound, zone)).toEqual({
      ok: true,
      atMs: Date.UTC(2026, 11, 31, 10, 0),
    })
  })

  it('reads a date-time without offset (with a space or a T) in the store zone', () => {
    expect(parseValidityBound('2026-12-31T10:00', 'to', zone)).toEqual({ ok: true, atMs: Date.UTC(2026, 11, 31, 9, 0) })
    expect(parseValidityBound('2026-12-31 10:00', 'from', zone)).toEqual({ ok: true, atMs: Date.UTC(2026, 11, 31, 9, 0) })
  })

  it('does not stretch a midnight date-time to the end of the day', () => {
    expect(parseValidityBound('2026-12-31T00:00:00+01:00', 'to', zone)).toEqual({
      ok: true,
      atMs: Date.UTC(2026, 11, 30, 23, 0),
    })
  })

  it.each(['nope', '', '31.12.2026'])('refuses %j', (text) => {
    expect(parseValidityBound(text, 'to', zone)).toEqual({
      ok: false,
      reason: `"${text}" is not an ISO date (2026-12-31) or date-time (2026-12-31T23:59)`,
    })
  })

  it('refuses a well-formed but impossible day', () => {
    // Passes the shape check, then fails in luxon: this reason has no date-time example.
    expect(parseValidityBound('2026-02-30', 'to', zone)).toEqual({
      ok: false,
      reason: '"2026-02-30" is not an ISO date (2026-12-31) or date-time',
    })
  })

  describe('regression: only a full date or a date with a time is accepted', () => {
    // luxon's fromISO reads "2026" or "2026-12" as the first day of that year or month, and
    // ISO week and basic forms too; a validity bound must not shift that silently.
    it.each(['2026', '2026-12', '20261231', '2026-W53', '2026-W53-4', '2026-365', '31.12.2026', '2026-12-31T10', 'nope', ''])(
      'refuses %j for both bounds',
      (text) => {
        const reason = `"${text}" is not an ISO date (2026-12-31) or date-time (2026-12-31T23:59)`
        expect(parseValidityBound(text, 'from', zone)).toEqual({ ok: false, reason })
        expect(parseValidityBound(text, 'to', zone)).toEqual({ ok: false, reason })
      },
    )

    it('names the trimmed text in the reason', () => {
      expect(parseValidityBound('  2026-12  ', 'to', zone)).toEqual({
        ok: false,
        reason: '"2026-12" is not an ISO date (2026-12-31) or date-time (2026-12-31T23:59)',
      })
    })

    it.each([
      ['2026-12-31', Date.UTC(2026, 11, 30, 23, 0)],
      ['2026-12-31T23:59', Date.UTC(2026, 11, 31, 22, 59)],
      ['2026-12-31 23:59', Date.UTC(2026, 11, 31, 22, 59)],
      ['2026-12-31T23:59:30', Date.UTC(2026, 11, 31, 22, 59, 30)],
      ['2026-12-31T23:59:00Z', Date.UTC(2026, 11, 31, 23, 59)],
    ])('still accepts %j', (text, atMs) => {
      expect(parseValidityBound(text, 'from', zone)).toEqual({ ok: true, atMs })
    })
  })
})

describe('formatDay and formatDateTime', () => {
  it('show the day and time in the store zone', () => {
    const at = Date.UTC(2026, 10, 21, 12, 0)
    expect(formatDay(at, 'Pacific/Auckland')).toBe('22 Nov 2026')
    expect(formatDateTime(at, 'Europe/Berlin')).toBe('21 Nov 2026 13:00')
  })
})

describe('describeAge', () => {
  it.each([
    [0, 'less than a minute'],
    [59_999, 'less than a minute'],
    [-5000, 'less than a minute'],
    [MINUTE, '1 minute'],
    [MINUTE + 59_000, '1 minute'],
    [2 * MINUTE, '2 minutes'],
    [59 * MINUTE, '59 minutes'],
    [HOUR, '1 hour'],
    [2 * HOUR, '2 hours'],
    [DAY, '24 hours'],
    [47 * HOUR + 59 * MINUTE, '47 hours'],
    [48 * HOUR, '2 days'],
    [5 * DAY + 3 * HOUR, '5 days'],
  ])('describes %i ms as %j', (age, expected) => {
    expect(describeAge(age)).toBe(expected)
  })
})

describe('isValidTimeZone', () => {
  it.each([
    ['Europe/Berlin', true],
    ['UTC', true],
    ['Pacific/Auckland', true],
    ['America/Los_Angeles', true],
    ['Mars/Olympus', false],
    ['', false],
    ['+02:00', false],
    ['Berlin', false],
  ])('answers %j with %s', (zone, expected) => {
    expect(isValidTimeZone(zone)).toBe(expected)
  })

  it.each(['local', 'system', 'LOCAL', 'System', ' local '])('regression: refuses luxon\'s machine zone %j', (zone) => {
    expect(isValidTimeZone(zone)).toBe(false)
  })

  it('accepts an IANA name in any letter case', () => {
    expect(isValidTimeZone('europe/berlin')).toBe(true)
  })
})

describe('canonicalTimeZone (regression)', () => {
  it.each([
    ['Europe/Berlin', 'Europe/Berlin'],
    ['europe/berlin', 'Europe/Berlin'],
    ['EUROPE/BERLIN', 'Europe/Berlin'],
    [' Europe/Berlin ', 'Europe/Berlin'],
    ['america/los_angeles', 'America/Los_Angeles'],
    ['pacific/auckland', 'Pacific/Auckland'],
    ['utc', 'UTC'],
    ['UTC', 'UTC'],
  ])('spells %j as %j', (zone, canonical) => {
    expect(canonicalTimeZone(zone)).toBe(canonical)
  })

  it.each(['local', 'system', 'Local', 'SYSTEM', '', '   ', 'Mars/Olympus', 'Berlin', '+02:00', 'UTC+2'])(
    'gives null for %j',
    (zone) => {
      expect(canonicalTimeZone(zone)).toBeNull()
    },
  )
})
