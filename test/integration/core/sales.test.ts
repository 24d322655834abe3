import { LOCAL_USES_SQL } from '../../../electron/core/db/local-uses'
import Database from 'better-sqlite3'
import Papa from 'papaparse'
import { DateTime } from 'luxon'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { fixedClock } from '../../../electron/core/clock'
import { databasePath } from '../../../electron/core/data-dir'
import { listAudit } from '../../../electron/core/db/audit-repo'
import { outboxForSale } from '../../../electron/core/db/outbox-repo'
import { FULL_HEADER } from '../../../electron/core/reports/export-sales'
import type { ChannelInput } from '../../../electron/shared/contract'
import type { TestCore } from '../../helpers/core-harness'
import { TEST_NOW, csvBytes, openTestCore, tableCounts } from '../../helpers/core-harness'
import { useTempDirs } from '../../helpers/temp-dir'

type SaleInput = ChannelInput<'sale:register'>

const MINUTE = 60_000
const BERLIN = 'Europe/Berlin'
const TODAY = '20261121'

// Saturday 21 Nov 2026, 11:00 in Berlin: SUMMER10 runs all year, OLD2025 ended last year,
// XMAS starts in December, LASTONE has one use left, MIN20 needs 20.00.
const CATALOGUE = [
  'code,affiliate_id,affiliate_name,campaign_name,valid_from,valid_to,status,max_uses,times_used,min_order',
  'SUMMER10,A1,Anna Schmidt,Winter Sale,2026-01-01,2026-12-31,active,,,',
  'OLD2025,A2,Ben Ott,Old,2025-01-01,2025-12-31,active,,,',
  'PAUSED,A3,Cara Lind,,,,inactive,,,',
  'USEDUP,A4,Dan Roe,,,,active,5,5,',
  'LASTONE,A5,Eva Moll,,,,active,3,2,',
  'XMAS,A6,Finn Berg,Christmas,2026-12-01,2026-12-31,active,,,',
  'MIN20,A7,Gina Vos,,,,active,,,20.00',
].join('\n')

const newDir = useTempDirs('core-sales')

describe('sales through the core', () => {
  let dataDir = ''
  let clock = fixedClock(TEST_NOW)
  let t: TestCore

  beforeEach(async () => {
    dataDir = newDir()
    clock = fixedClock(TEST_NOW)
    t = await openTestCore({ dataDir, clock })
    await t.call('catalog:import', {
      fileName: 'coupons.csv',
      bytes: csvBytes(CATALOGUE),
      mode: 'replace',
    })
    t.events.length = 0
  })

  afterEach(() => {
    t.close()
  })

  const register = async (input: SaleInput) => (await t.call('sale:register', input)).sale
  const salesEvents = () =>
    t.events.filter((entry) => entry.event === 'sales:changed').map((entry) => entry.payload)

  describe('registering', () => {
    it('saves a valid sale with a pending outbox entry and no audit line, numbering order ids per terminal and day', async () => {
      const result = await t.call('sale:register', { code: ' summer10 ', amount: '12.50' })

      expect(result.warnings).toEqual([])
      expect(result.sale).toEqual({
        id: result.sale.id,
        orderId: `T1-${TODAY}-0001`,
        code: 'SUMMER10',
        amountMinor: 1250,
        currency: 'EUR',
        occurredAt: TEST_NOW,
        businessDate: '2026-11-21',
        createdAt: TEST_NOW,
        state: 'saved',
        stateChangedAt: TEST_NOW,
        isUnverified: false,
        isFutureDated: false,
        affiliateName: 'Anna Schmidt',
        campaignName: 'Winter Sale',
        terminalId: 'T1',
        source: 'till',
        voidedAt: null,
        voidReason: null,
        lastError: null,
        sync: { attempts: 0, lastAttemptAt: null, nextAttemptAt: null, attention: null, reversal: null },
      })
      expect(outboxForSale(t.db, result.sale.id)).toEqual([
        {
          id: expect.any(Number) as number,
          sale_id: result.sale.id,
          kind: 'sale',
          status: 'pending',
          attempts: 0,
          next_attempt_at_ms: TEST_NOW,
          created_at_ms: TEST_NOW,
          last_error: null,
          step: 'send',
          maybe_delivered: 0,
          verify_attempts: 0,
          last_attempt_at_ms: null,
          in_flight_since_ms: null,
          done_at_ms: null,
        },
      ])
      // The sale row is the record of a plain sale; the audit log keeps decisions and changes.
      expect(listAudit(t.db, `sale:${result.sale.id}`)).toEqual([])

      const second = await register({ code: 'SUMMER10', amount: '3' })
      expect(second.orderId).toBe(`T1-${TODAY}-0002`)
      expect(second.amountMinor).toBe(300)
    })

    it('continues the order id sequence after the core is opened again', async () => {
      expect((await register({ code: 'SUMMER10', amount: '1.00' })).orderId).toBe(
        `T1-${TODAY}-0001`,
      )
      t.close()
      t = await openTestCore({ dataDir, clock, settings: null })

      expect((await register({ code: 'SUMMER10', amount: '1.00' })).orderId).toBe(
        `T1-${TODAY}-0002`,
      )
      expect((await t.call('sale:summary', {})).total).toBe(2)
    })

    it('follows settings another process changed while this one was open, from the very next sale', async () => {
      expect((await register({ code: 'SUMMER10', amount: '1.00' })).orderId).toBe(`T1-${TODAY}-0001`)
      // A second connection to the same file, as the CLI would open while the app runs.
      const other = await openTestCore({ dataDir, clock, settings: null })
      try {
        await other.call('settings:update', { terminalId: 'KASSE2', currency: 'GBP' })
      } finally {
        other.close()
      }
      const sale = await register({ code: 'SUMMER10', amount: '2.00' })
      expect(sale.orderId).toBe(`KASSE2-${TODAY}-0001`)
      expect(sale.currency).toBe('GBP')
      expect((await t.call('settings:get', {})).terminalId).toBe('KASSE2')
    })

    it("counts a limited code's uses from an index alone, in sale-id order, so a scan counts only the sales since the last one", () => {
      const plan = t.db
        .prepare(`EXPLAIN QUERY PLAN ${LOCAL_USES_SQL}`)
        .all('LASTONE', 0, 100, 0) as { detail: string }[]
      expect(plan.map((step) => step.detail).join(' | ')).toMatch(/USING COVERING INDEX sales_uses_by_coupon/)
    })

    const refusals: {
      name: string
      input: SaleInput
      code: string
      field: string
      status?: string
      message: RegExp
    }[] = [
      {
        name: 'an expired coupon',
        input: { code: 'OLD2025', amount: '10.00' },
        code: 'COUPON_REFUSED',
        field: 'code',
        status: 'expired',
        message: /^Refused: expired on 31 Dec 2025$/,
      },
      {
        name: 'a switched-off coupon',
        input: { code: 'PAUSED', amount: '10.00' },
        code: 'COUPON_REFUSED',
        field: 'code',
        status: 'inactive',
        message: /^Refused: this coupon is switched off$/,
      },
      {
        name: 'a used-up coupon',
        input: { code: 'USEDUP', amount: '10.00' },
        code: 'COUPON_REFUSED',
        field: 'code',
        status: 'used_up',
        message: /^Refused: used up \(used 5 of 5 times\)$/,
      },
      {
        name: 'a coupon that is not valid yet',
        input: { code: 'XMAS', amount: '10.00' },
        code: 'COUPON_REFUSED',
        field: 'code',
        status: 'not_yet_valid',
        message: /^Refused: not valid before 1 Dec 2026 00:00$/,
      },
      {
        name: 'an order below the minimum',
        input: { code: 'MIN20', amount: '19.99' },
        code: 'COUPON_REFUSED',
        field: 'code',
        status: 'below_minimum',
        message: /^Refused: needs a minimum order of 20\.00 EUR \(this sale: 19\.99 EUR\)$/,
      },
      {
        name: 'an amount that is not a number',
        input: { code: 'SUMMER10', amount: 'twelve' },
        code: 'INVALID_AMOUNT',
        field: 'amount',
        message: /is not an amount/,
      },
      {
        name: 'a zero amount',
        input: { code: 'SUMMER10', amount: '0.00' },
        code: 'INVALID_AMOUNT',
        field: 'amount',
        message: /^Amount must be more than zero$/,
      },
      {
        name: 'a negative amount',
        input: { code: 'SUMMER10', amount: '-5' },
        code: 'INVALID_AMOUNT',
        field: 'amount',
        message: /^Amount cannot be negative$/,
      },
      {
        name: 'an amount with three decimals',
        input: { code: 'SUMMER10', amount: '1.005' },
        code: 'INVALID_AMOUNT',
        field: 'amount',
        message: /^Too many decimals: EUR has 2$/,
      },
      {
        name: 'a blank code',
        input: { code: '   ', amount: '10.00' },
        code: 'INVALID_CODE',
        field: 'code',
        message: /^Enter or scan a coupon code$/,
      },
      {
        name: 'a code with control characters',
        input: { code: 'SUM\u0007MER', amount: '10.00' },
        code: 'INVALID_CODE',
        field: 'code',
        message: /control characters/,
      },
      {
        name: 'a sale time that is not a date',
        input: { code: 'SUMMER10', amount: '10.00', occurredAt: 'yesterday' },
        code: 'INVALID_INPUT',
        field: 'occurredAt',
        message: /^"yesterday" is not a date and time/,
      },
      {
        name: 'an unknown code without confirmation',
        input: { code: 'NOPE99', amount: '10.00' },
        code: 'COUPON_UNKNOWN',
        field: 'code',
        status: 'unknown',
        message: /^Not in the coupon list/,
      },
    ]

    it.each(refusals)(
      'refuses $name and writes nothing',
      async ({ input, code, field, status, message }) => {
        const before = tableCounts(t.db)

        const error = await t.refusal('sale:register', input)

        expect(error.code).toBe(code)
        expect(error.message).toMatch(message)
        expect(error.details?.field).toBe(field)
        expect(error.details?.status).toBe(status)
        expect(tableCounts(t.db)).toEqual(before)
        expect(t.events).toEqual([])
      },
    )

    it('refuses a coupon once sales on this till have used up its last uses, and frees it again when one is voided', async () => {
      const last = await register({ code: 'LASTONE', amount: '10.00' })
      const before = tableCounts(t.db)

      const error = await t.refusal('sale:register', { code: 'LASTONE', amount: '10.00' })

      expect(error.code).toBe('COUPON_REFUSED')
      expect(error.details?.status).toBe('used_up')
      expect(error.message).toBe('Refused: used up (used 3 of 3 times)')
      expect(tableCounts(t.db)).toEqual(before)

      await t.call('sale:void', { saleId: last.id })
      expect((await register({ code: 'LASTONE', amount: '10.00' })).orderId).toBe(
        `T1-${TODAY}-0002`,
      )
    })

    it("keeps a limited code's count right when another process sells or voids with it, and when the coupon list counts again", async () => {
      // LASTONE: 3 uses, 2 counted by the platform. Fill the catalogue with a larger limit first.
      await t.call('catalog:import', {
        fileName: 'coupons.csv',
        bytes: csvBytes(CATALOGUE.replace('LASTONE,A5,Eva Moll,,,,active,3,2,', 'LASTONE,A5,Eva Moll,,,,active,5,2,')),
        mode: 'replace',
      })
      const check = async () => (await t.call('catalog:check-code', { code: 'LASTONE' })).coupon?.timesUsed
      await register({ code: 'LASTONE', amount: '10.00' })
      expect(await check()).toBe(3)

      // A second connection to the same file, as the CLI would open while the app runs.
      const other = await openTestCore({ dataDir, clock, settings: null })
      let otherSale: number
      try {
        otherSale = (await other.call('sale:register', { code: 'LASTONE', amount: '10.00' })).sale.id
        await other.call('sale:register', { code: 'LASTONE', amount: '10.00' })
      } finally {
        other.close()
      }
      expect(await check()).toBe(5)
      const error = await t.refusal('sale:register', { code: 'LASTONE', amount: '10.00' })
      expect(error.message).toBe('Refused: used up (used 5 of 5 times)')

      const voider = await openTestCore({ dataDir, clock, settings: null })
      try {
        await voider.call('sale:void', { saleId: otherSale })
      } finally {
        voider.close()
      }
      expect(await check()).toBe(4)
      await register({ code: 'LASTONE', amount: '10.00' })
      expect(await check()).toBe(5)

      // The platform counted again later: its figure replaces what this till counted before.
      clock.advance(MINUTE)
      await t.call('catalog:import', {
        fileName: 'coupons.csv',
        bytes: csvBytes(CATALOGUE.replace('LASTONE,A5,Eva Moll,,,,active,3,2,', 'LASTONE,A5,Eva Moll,,,,active,5,1,')),
        mode: 'replace',
      })
      expect(await check()).toBe(1)
      await register({ code: 'LASTONE', amount: '10.00' })
      expect(await check()).toBe(2)
    })

    it('saves an unknown code only when the cashier allows an unverified sale, and counts it as unverified', async () => {
      const result = await t.call('sale:register', {
        code: 'Fresh2026',
        amount: '9.90',
        allowUnverified: true,
      })

      expect(result.sale).toMatchObject({
        orderId: `T1-${TODAY}-0001`,
        code: 'Fresh2026',
        isUnverified: true,
        affiliateName: null,
        campaignName: null,
        state: 'saved',
      })
      expect(result.warnings).toEqual(['Saved as unverified: the code is not in the coupon list.'])
      expect(listAudit(t.db, `sale:${result.sale.id}`).map((row) => row.action)).toEqual([
        'sale.register-unverified',
      ])
      expect(outboxForSale(t.db, result.sale.id).map((row) => row.status)).toEqual(['pending'])
      const summary = await t.call('sale:summary', {})
      expect(summary.unverified).toBe(1)
      expect(summary.total).toBe(1)
    })

    it('refuses a typed order id that is already used and names it', async () => {
      const first = await register({ code: 'SUMMER10', amount: '10.00', orderId: 'R-1001' })
      expect(first.orderId).toBe('R-1001')
      const before = tableCounts(t.db)

      const error = await t.refusal('sale:register', {
        code: 'SUMMER10',
        amount: '20.00',
        orderId: ' R-1001 ',
      })

      expect(error.code).toBe('DUPLICATE_ORDER_ID')
      expect(error.message).toContain('Order ID R-1001 is already used')
      expect(error.message).toContain('(coupon SUMMER10)')
      expect(error.details).toEqual({ field: 'orderId', saleId: first.id })
      expect(tableCounts(t.db)).toEqual(before)
    })

    it('skips a sequence number a typed order id already took', async () => {
      await register({ code: 'SUMMER10', amount: '10.00', orderId: `T1-${TODAY}-0001` })
      expect((await register({ code: 'SUMMER10', amount: '10.00' })).orderId).toBe(
        `T1-${TODAY}-0002`,
      )
    })

    it('gives a back-dated sale the business date of its day and an order id with that date', async () => {
      const result = await t.call('sale:register', {
        code: 'SUMMER10',
        amount: '15.00',
        occurredAt: '2026-11-18T15:30',
      })

      expect(result.sale).toMatchObject({
        occurredAt: DateTime.fromISO('2026-11-18T15:30', { zone: BERLIN }).toMillis(),
        businessDate: '2026-11-18',
        orderId: 'T1-20261118-0001',
        createdAt: TEST_NOW,
        isFutureDated: false,
      })
      expect(result.warnings).toEqual([])
      expect((await register({ code: 'SUMMER10', amount: '1.00' })).orderId).toBe(
        `T1-${TODAY}-0001`,
      )
    })

    it("takes the business date in the store's time zone, not in UTC", async () => {
      const sale = await register({
        code: 'SUMMER10',
        amount: '15.00',
        occurredAt: '2026-11-20T23:30:00Z',
      })
      expect(sale.businessDate).toBe('2026-11-21')
      expect(sale.orderId).toBe(`T1-${TODAY}-0001`)
    })

    it('keeps a sale dated ten minutes ahead but flags it and warns', async () => {
      const ahead = new Date(TEST_NOW + 10 * MINUTE).toISOString()

      const result = await t.call('sale:register', {
        code: 'SUMMER10',
        amount: '15.00',
        occurredAt: ahead,
      })

      expect(result.sale.isFutureDated).toBe(true)
      expect(result.sale.occurredAt).toBe(TEST_NOW + 10 * MINUTE)
      expect(result.warnings).toEqual([
        'The sale time 21 Nov 2026 11:10 is in the future; the sale is flagged.',
      ])
      expect((await t.call('sale:summary', {})).futureDated).toBe(1)
    })

    it('refuses a sale dated eight days ahead as a typo and writes nothing', async () => {
      const before = tableCounts(t.db)

      const error = await t.refusal('sale:register', {
        code: 'SUMMER10',
        amount: '15.00',
        occurredAt: new Date(TEST_NOW + 8 * 24 * 60 * MINUTE).toISOString(),
      })

      expect(error.code).toBe('INVALID_INPUT')
      expect(error.details).toEqual({ field: 'occurredAt' })
      expect(error.message).toBe('The sale time 29 Nov 2026 11:00 is more than a week ahead')
      expect(tableCounts(t.db)).toEqual(before)
    })

    it('stores codes that look like HTML or SQL exactly as typed', async () => {
      const html = '<img src=x onerror=alert(1)>'
      const sql = "x'); DROP TABLE sales;--"

      const first = await register({ code: html, amount: '1.00', allowUnverified: true })
      const second = await register({ code: sql, amount: '2.00', allowUnverified: true })

      expect([first.code, second.code]).toEqual([html, sql])
      expect(t.db.prepare('SELECT coupon_code FROM sales ORDER BY id').pluck().all()).toEqual([
        html,
        sql,
      ])
      const listed = await t.call('sale:list', {
        filter: { search: 'drop table' },
        offset: 0,
        limit: 10,
      })
      expect(listed.rows.map((row) => row.code)).toEqual([sql])
      expect(tableCounts(t.db).sales).toBe(2)
    })
  })

  describe('voiding', () => {
    it('voids a saved sale with its reason, cancels its delivery and writes a sale.void audit line', async () => {
      const sale = await register({ code: 'SUMMER10', amount: '12.50' })
      clock.advance(5 * MINUTE)
      t.events.length = 0

      const voided = await t.call('sale:void', {
        saleId: sale.id,
        reason: '  customer changed mind ',
      })

      expect(voided).toMatchObject({
        id: sale.id,
        state: 'voided',
        voidReason: 'customer changed mind',
        voidedAt: TEST_NOW + 5 * MINUTE,
        stateChangedAt: TEST_NOW + 5 * MINUTE,
      })
      expect(outboxForSale(t.db, sale.id).map((row) => row.status)).toEqual(['cancelled'])
      const audit = listAudit(t.db, `sale:${sale.id}`)
      expect(audit.map((row) => row.action)).toEqual(['sale.void'])
      expect(JSON.parse(audit[0]?.details ?? 'null')).toEqual({
        orderId: sale.orderId,
        previousState: 'saved',
        reason: 'customer changed mind',
      })
      expect(salesEvents()).toEqual([{ saleIds: [sale.id] }])
    })

    it('refuses to void a sale twice and writes nothing the second time', async () => {
      const sale = await register({ code: 'SUMMER10', amount: '12.50' })
      await t.call('sale:void', { saleId: sale.id })
      const before = tableCounts(t.db)

      const error = await t.refusal('sale:void', { saleId: sale.id })

      expect(error.code).toBe('NOT_ALLOWED')
      expect(error.message).toBe(`Sale ${sale.orderId} cannot be voided here: it is "Voided"`)
      expect(tableCounts(t.db)).toEqual(before)
    })

    it('answers NOT_FOUND for a sale id that does not exist', async () => {
      const error = await t.refusal('sale:void', { saleId: 9999 })
      expect(error).toEqual({
        code: 'NOT_FOUND',
        message: 'No sale with id 9999',
        details: { field: 'saleId' },
      })
    })
  })

  describe('listing, summary and export', () => {
    /** Five sales a minute apart: three SUMMER10 (one with a typed id), one MIN20, one unverified. */
    async function ringUpFive() {
      const sales = []
      for (const input of [
        { code: 'SUMMER10', amount: '12.50' },
        { code: 'MIN20', amount: '25.00' },
        { code: 'summer10', amount: '7.00', orderId: 'ABC-77' },
        { code: 'NewCode', amount: '3.10', allowUnverified: true },
        { code: 'SUMMER10', amount: '1,234.56' },
      ] satisfies SaleInput[]) {
        sales.push(await register(input))
        clock.advance(MINUTE)
      }
      return sales
    }

    it('filters the sale list by state and searches order ids and codes without regard to case', async () => {
      const sales = await ringUpFive()
      await t.call('sale:void', { saleId: sales[1]?.id ?? 0 })
      const list = (filter: ChannelInput<'sale:list'>['filter']) =>
        t.call('sale:list', { filter, offset: 0, limit: 100 })

      const voided = await list({ states: ['voided'] })
      expect(voided.rows.map((row) => row.orderId)).toEqual([`T1-${TODAY}-0002`])
      expect(voided.total).toBe(1)
      expect((await list({ states: ['saved'] })).total).toBe(4)
      expect((await list({ states: ['saved', 'voided'] })).total).toBe(5)
      expect((await list({ states: ['accepted'] })).rows).toEqual([])

      expect((await list({ search: 'abc-77' })).rows.map((row) => row.orderId)).toEqual(['ABC-77'])
      expect((await list({ search: `t1-${TODAY}-000` })).rows.map((row) => row.orderId)).toEqual([
        `T1-${TODAY}-0004`,
        `T1-${TODAY}-0003`,
        `T1-${TODAY}-0002`,
        `T1-${TODAY}-0001`,
      ])
      expect((await list({ search: 'Summer' })).rows.map((row) => row.orderId)).toEqual([
        `T1-${TODAY}-0004`,
        'ABC-77',
        `T1-${TODAY}-0001`,
      ])
      expect((await list({ search: 'newcode' })).rows.map((row) => row.code)).toEqual(['NewCode'])
      expect((await list({ search: '%' })).total).toBe(0)
      expect((await list({ unverifiedOnly: true })).rows.map((row) => row.code)).toEqual([
        'NewCode',
      ])
      expect((await list({ search: 'summer', states: ['saved'] })).total).toBe(3)
    })

    it('pages the sale list newest first with the full total on every page', async () => {
      const sales = await ringUpFive()
      const newestFirst = sales.map((sale) => sale.id).reverse()

      const first = await t.call('sale:list', { offset: 0, limit: 2 })
      const second = await t.call('sale:list', { offset: 2, limit: 2 })
      const last = await t.call('sale:list', { offset: 4, limit: 2 })
      const beyond = await t.call('sale:list', { offset: 10, limit: 2 })

      expect([first.total, second.total, last.total, beyond.total]).toEqual([5, 5, 5, 5])
      expect([...first.rows, ...second.rows, ...last.rows].map((row) => row.id)).toEqual(
        newestFirst,
      )
      expect(beyond.rows).toEqual([])
    })

    it('summarises sales by state with the age of the oldest unsent one', async () => {
      const empty = await t.call('sale:summary', {})
      expect(empty).toEqual({
        total: 0,
        byState: {
          saved: 0,
          sending: 0,
          submitted: 0,
          accepted: 0,
          duplicate: 0,
          needs_attention: 0,
          voided: 0,
        },
        oldestUnsentAt: null,
        unverified: 0,
        futureDated: 0,
      })

      const sales = await ringUpFive()
      await t.call('sale:void', { saleId: sales[0]?.id ?? 0 })

      expect(await t.call('sale:summary', {})).toEqual({
        total: 5,
        byState: {
          saved: 4,
          sending: 0,
          submitted: 0,
          accepted: 0,
          duplicate: 0,
          needs_attention: 0,
          voided: 1,
        },
        oldestUnsentAt: TEST_NOW + MINUTE,
        unverified: 1,
        futureDated: 0,
      })
    })

    it('exports the AffiliationSoftware layout without a header and without voided sales', async () => {
      const sales = await ringUpFive()
      await t.call('sale:void', { saleId: sales[1]?.id ?? 0 })

      const result = await t.call('sale:export', { layout: 'affiliationsoftware' })

      expect(result.rows).toBe(4)
      expect(result.fileName).toBe('coupondesk-offline-sales-20261121-1105.csv')
      expect(result.csv).toBe(
        [
          `SUMMER10,12.50,T1-${TODAY}-0001,2026-11-21`,
          'SUMMER10,7.00,ABC-77,2026-11-21',
          `NewCode,3.10,T1-${TODAY}-0003,2026-11-21`,
          `SUMMER10,1234.56,T1-${TODAY}-0004,2026-11-21`,
          '',
        ].join('\r\n'),
      )
      const onlyVoided = await t.call('sale:export', {
        layout: 'affiliationsoftware',
        filter: { states: ['voided'] },
      })
      expect(onlyVoided.csv).toBe(`MIN20,25.00,T1-${TODAY}-0002,2026-11-21\r\n`)
    })

    it('exports the full layout with a header and every sale, voided ones included', async () => {
      const sales = await ringUpFive()
      await t.call('sale:void', { saleId: sales[1]?.id ?? 0, reason: 'wrong till' })

      const result = await t.call('sale:export', { layout: 'full' })
      const lines = result.csv.split('\r\n')

      expect(result.rows).toBe(5)
      expect(result.fileName).toBe('coupondesk-sales-20261121-1105.csv')
      expect(lines[0]).toBe(FULL_HEADER.join(','))
      expect(lines[1]).toBe(
        `T1-${TODAY}-0001,SUMMER10,12.50,EUR,2026-11-21T11:00:00+01:00,2026-11-21,saved,no,no,Anna Schmidt,Winter Sale,T1,till,2026-11-21T11:00:00+01:00,,,`,
      )
      expect(lines[2]).toBe(
        `T1-${TODAY}-0002,MIN20,25.00,EUR,2026-11-21T11:01:00+01:00,2026-11-21,voided,no,no,Gina Vos,,T1,till,2026-11-21T11:01:00+01:00,2026-11-21T11:05:00+01:00,wrong till,`,
      )
      expect(lines[4]).toContain(`T1-${TODAY}-0003,NewCode,3.10,EUR,`)
      expect(lines[4]).toContain(',saved,yes,no,,,T1,till,')
      expect(lines).toHaveLength(7)
      expect(lines[6]).toBe('')
    })

    it('escapes codes and order ids that a spreadsheet would run as formulas, in both layouts', async () => {
      const risky = [
        { code: '=1+2', orderId: '=HYPERLINK(1)' },
        { code: '+SUM(A1)', orderId: '+49' },
        { code: '-5', orderId: '-ORDER' },
        { code: '@cmd', orderId: '@ORDER' },
      ]
      for (const { code, orderId } of risky)
        await register({ code, orderId, amount: '1.00', allowUnverified: true })

      const short = await t.call('sale:export', { layout: 'affiliationsoftware' })
      const shortRows = Papa.parse<string[]>(short.csv.trimEnd(), { newline: '\r\n' }).data
      expect(shortRows.map((row) => [row[0], row[2]])).toEqual(
        risky.map(({ code, orderId }) => [`'${code}`, `'${orderId}`]),
      )
      expect(short.csv.split('\r\n')[0]).toBe(`"'=1+2",1.00,"'=HYPERLINK(1)",2026-11-21`)

      const full = await t.call('sale:export', { layout: 'full' })
      const fullRows = Papa.parse<string[]>(full.csv.trimEnd(), { newline: '\r\n' }).data.slice(1)
      expect(fullRows.map((row) => [row[1], row[0]])).toEqual(
        risky.map(({ code, orderId }) => [`'${code}`, `'${orderId}`]),
      )
      for (const row of [...shortRows, ...fullRows]) {
        for (const cell of row) expect(cell, `cell ${cell}`).not.toMatch(/^[=+\-@]/)
      }
    })

    it('escapes formula-looking cells in the full layout even when they span several lines', async () => {
      await t.call('catalog:import', {
        fileName: 'names.csv',
        bytes: csvBytes('code,affiliate_name\nMULTI,"=1+2\nsecond line"\n'),
        mode: 'merge',
      })
      const sale = await register({ code: 'MULTI', amount: '1.00' })
      await t.call('sale:void', { saleId: sale.id, reason: '@SUM(A1)\ncustomer left' })

      const full = await t.call('sale:export', { layout: 'full' })
      const [header, row] = Papa.parse<string[]>(full.csv.trimEnd(), { newline: '\r\n' }).data

      expect(row?.[header?.indexOf('affiliate') ?? -1]).toBe("'=1+2\nsecond line")
      expect(row?.[header?.indexOf('void_reason') ?? -1]).toBe("'@SUM(A1)\ncustomer left")
    })
  })

  describe('the contract at the door', () => {
    const badInputs: {
      name: string
      channel: string
      input: unknown
      field: string
      message: RegExp
    }[] = [
      {
        name: 'an amount sent as a number',
        channel: 'sale:register',
        input: { code: 'SUMMER10', amount: 12.5 },
        field: 'amount',
        message: /^amount: /,
      },
      {
        name: 'a missing amount',
        channel: 'sale:register',
        input: { code: 'SUMMER10' },
        field: 'amount',
        message: /^amount: /,
      },
      {
        name: 'a code sent as an array',
        channel: 'sale:register',
        input: { code: ['SUMMER10'], amount: '1.00' },
        field: 'code',
        message: /^code: /,
      },
      {
        name: 'allowUnverified sent as text',
        channel: 'sale:register',
        input: { code: 'X1', amount: '1.00', allowUnverified: 'yes' },
        field: 'allowUnverified',
        message: /^allowUnverified: /,
      },
      {
        name: 'an extra key',
        channel: 'sale:register',
        input: { code: 'SUMMER10', amount: '1.00', price: 1 },
        field: '(input)',
        message: /Unrecognized key: "price"/,
      },
      {
        name: 'no object at all',
        channel: 'sale:register',
        input: null,
        field: '(input)',
        message: /^\(input\): /,
      },
      {
        name: 'a sale id sent as text',
        channel: 'sale:void',
        input: { saleId: '1' },
        field: 'saleId',
        message: /^saleId: /,
      },
      {
        name: 'a negative sale id',
        channel: 'sale:void',
        input: { saleId: -1 },
        field: 'saleId',
        message: /^saleId: /,
      },
      {
        name: 'a page too large',
        channel: 'sale:list',
        input: { offset: 0, limit: 5000 },
        field: 'limit',
        message: /^limit: /,
      },
      {
        name: 'an unknown state in a filter',
        channel: 'sale:list',
        input: { filter: { states: ['lost'] }, offset: 0, limit: 5 },
        field: 'filter.states.0',
        message: /^filter\.states\.0: /,
      },
      {
        name: 'an unknown export layout',
        channel: 'sale:export',
        input: { layout: 'excel' },
        field: 'layout',
        message: /^layout: /,
      },
      {
        name: 'input for a channel that takes none',
        channel: 'sale:summary',
        input: { all: true },
        field: '(input)',
        message: /Unrecognized key: "all"/,
      },
    ]

    it.each(badInputs)(
      'refuses $name as INVALID_INPUT naming the field and changes nothing',
      async ({ channel, input, field, message }) => {
        await register({ code: 'SUMMER10', amount: '1.00' })
        t.events.length = 0
        const before = tableCounts(t.db)

        const error = await t.refusal(channel, input)

        expect(error.code).toBe('INVALID_INPUT')
        expect(error.message).toMatch(message)
        expect((error.details?.issues as { field: string }[] | undefined)?.[0]?.field).toBe(field)
        expect(tableCounts(t.db)).toEqual(before)
        expect(t.events).toEqual([])
      },
    )

    it('refuses a channel the contract does not list', async () => {
      const before = tableCounts(t.db)
      const error = await t.refusal('sale:delete-all', {})
      expect(error).toEqual({ code: 'INVALID_INPUT', message: 'Unknown channel sale:delete-all' })
      expect(tableCounts(t.db)).toEqual(before)
    })
  })

  describe('events', () => {
    it('announces sales:changed only after a register or a void has committed', async () => {
      const reader = new Database(databasePath(dataDir), { readonly: true })
      const seenByOtherConnection: (string | undefined)[] = []
      const stop = t.core.onEvent((event, payload) => {
        if (event !== 'sales:changed') return
        const [id] = (payload as { saleIds: number[] }).saleIds
        seenByOtherConnection.push(
          reader.prepare('SELECT state FROM sales WHERE id = ?').pluck().get(id) as
            string | undefined,
        )
      })
      try {
        const sale = await register({ code: 'SUMMER10', amount: '5.00' })
        await t.call('sale:void', { saleId: sale.id })
        await t.refusal('sale:register', { code: 'OLD2025', amount: '5.00' })

        expect(salesEvents()).toEqual([{ saleIds: [sale.id] }, { saleIds: [sale.id] }])
        expect(seenByOtherConnection).toEqual(['saved', 'voided'])
      } finally {
        stop()
        reader.close()
      }
    })
  })
})
