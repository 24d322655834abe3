import { describe, expect, it } from 'vitest'
import { detectDateOrder, detectDecimalStyle, parseSaleDate } from '../../../../electron/core/imports/sales/value-formats'

describe('the decimal mark of a whole file', () => {
  it.each([
    [['12.50', '3.20', '1,234.00'], 'point'],
    [['12,50', '3,20', '1.234,00'], 'comma'],
    [['1.234.567,00', '5'], 'comma'],
    [["1'234.50", '2'], 'point'],
    [['€ 12,50', '12,50 €', 'EUR 3,10'], 'comma'],
  ])('%j reads as %s', (samples, expected) => {
    expect(detectDecimalStyle(samples, 'EUR')).toEqual({ value: expected, ambiguous: false })
  })

  it('takes "1,500" as thousands for a currency with two decimals, but not for one with three', () => {
    expect(detectDecimalStyle(['1,500'], 'EUR')).toEqual({ value: 'point', ambiguous: false })
    expect(detectDecimalStyle(['1,500'], 'KWD')).toEqual({ value: 'comma', ambiguous: false })
  })

  it('leaves whole numbers open without a question (either reading gives the same amounts)', () => {
    expect(detectDecimalStyle(['100', '25', ''], 'EUR')).toEqual({ value: null, ambiguous: false })
  })

  it('asks when the rows disagree', () => {
    expect(detectDecimalStyle(['12.50', '3,20'], 'EUR')).toMatchObject({ ambiguous: true })
  })
})

describe('the day/month order of a whole file', () => {
  it.each([
    [['2026-11-20', '2026-11-21 10:00'], 'ymd', false],
    [['20.11.2026', '03.04.2026'], 'dmy', false],
    [['11/20/2026', '04/03/2026'], 'mdy', false],
    [['03/04/2026', '05/06/2026'], null, true],
    [['13/01/2026', '01/13/2026'], 'dmy', true],
    [[], null, false],
  ])('%j reads as %s (ambiguous: %s)', (samples, value, ambiguous) => {
    expect(detectDateOrder(samples)).toEqual({ value, ambiguous })
  })
})

function reasonOf(parse: ReturnType<typeof parseSaleDate>): string {
  return parse.ok ? 'parsed' : parse.reason
}

describe('a sale date in the store zone', () => {
  const zone = 'Europe/Berlin'
  it('reads local time and keeps the written day as the business date', () => {
    expect(parseSaleDate('2026-11-20 23:30', 'ymd', zone)).toEqual({ ok: true, atMs: Date.parse('2026-11-20T22:30:00Z'), businessDate: '2026-11-20' })
    expect(parseSaleDate('20.11.2026', 'dmy', zone)).toEqual({ ok: true, atMs: Date.parse('2026-11-19T23:00:00Z'), businessDate: '2026-11-20' })
    expect(parseSaleDate('11/20/26 1:05 PM', 'mdy', zone)).toEqual({ ok: true, atMs: Date.parse('2026-11-20T12:05:00Z'), businessDate: '2026-11-20' })
  })

  it('takes an offset as written and finds the business date in the store zone', () => {
    expect(parseSaleDate('2026-11-20T23:30:00Z', 'ymd', zone)).toEqual({ ok: true, atMs: Date.parse('2026-11-20T23:30:00Z'), businessDate: '2026-11-21' })
    expect(parseSaleDate('2026-11-20T10:00:00-05:00', 'ymd', zone)).toMatchObject({ atMs: Date.parse('2026-11-20T15:00:00Z') })
  })

  it('resolves the days the clocks change like the rest of the app (luxon)', () => {
    // 2026-03-29 02:30 does not exist in Berlin; 2026-10-25 02:30 happens twice.
    expect(parseSaleDate('2026-03-29 03:30', 'ymd', zone)).toMatchObject({ ok: true, atMs: Date.parse('2026-03-29T01:30:00Z') })
    expect(parseSaleDate('2026-03-29 01:30', 'ymd', zone)).toMatchObject({ ok: true, atMs: Date.parse('2026-03-29T00:30:00Z') })
    expect(parseSaleDate('2026-10-25 12:00', 'ymd', zone)).toMatchObject({ ok: true, atMs: Date.parse('2026-10-25T11:00:00Z') })
  })

  it('reads the usual ISO forms by hand to what the general pattern reads, good or bad', () => {
    const outcome = (parse: ReturnType<typeof parseSaleDate>) => (parse.ok ? parse : 'refused')
    const texts = ['2026-11-20', '2026-11-20 23:30', '2026-11-20T23:30', '2026-11-20 07:08:09', '2026-03-29 03:30', '2028-02-29 10:00', '2026-02-29', '2026-11-20 23:60', '2026-11-20 24:00', '2026-11-2x 10:00', '2026-11-20 10:00:6x', '2026-11-20 10:00:60']
    for (const text of texts) expect(outcome(parseSaleDate(text, 'ymd', zone)), text).toEqual(outcome(parseSaleDate(text.replaceAll('-', '/'), 'ymd', zone)))
  })

  it('remembers the day of the row before only for the same zone', () => {
    expect(parseSaleDate('2026-11-20 12:00', 'ymd', 'Europe/Berlin')).toMatchObject({ atMs: Date.parse('2026-11-20T11:00:00Z') })
    expect(parseSaleDate('2026-11-20 12:00', 'ymd', 'America/New_York')).toMatchObject({ atMs: Date.parse('2026-11-20T17:00:00Z') })
  })

  it('names what is wrong', () => {
    expect(parseSaleDate('', 'ymd', zone)).toEqual({ ok: false, reason: 'date is empty' })
    expect(reasonOf(parseSaleDate('2026-02-30', 'ymd', zone))).toContain('not a real date')
    expect(reasonOf(parseSaleDate('31/12/2026', 'mdy', zone))).toContain('read as month/day/year')
    expect(reasonOf(parseSaleDate('03/04/2026', null, zone))).toContain("not in the file's date format")
    expect(parseSaleDate('2026-11-20 25:00', 'ymd', zone)).toMatchObject({ ok: false })
    expect(parseSaleDate('13:00 PM 1/1/2026', 'mdy', zone)).toMatchObject({ ok: false })
    expect(parseSaleDate('1899-01-01', 'ymd', zone)).toMatchObject({ ok: false })
  })
})
