import { DateTime } from 'luxon'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Clock } from '../../../electron/core/clock'
import { fixedClock } from '../../../electron/core/clock'
import { listAudit } from '../../../electron/core/db/audit-repo'
import type {
  CatalogImportResult,
  CouponView,
  JobProgress,
} from '../../../electron/shared/contract'
import type { TestCore } from '../../helpers/core-harness'
import {
  TEST_NOW,
  csvBytes,
  nextEvent,
  openTestCore,
  tableCounts,
} from '../../helpers/core-harness'
import { useTempDirs } from '../../helpers/temp-dir'

const BERLIN = 'Europe/Berlin'
const BIG_CODES = 200_000

const newDir = useTempDirs('catalog-import')

const berlin = (iso: string): number => DateTime.fromISO(iso, { zone: BERLIN }).toMillis()
const endOfDay = (day: string): number =>
  DateTime.fromISO(day, { zone: BERLIN }).endOf('day').toMillis()

/** A coupon view with everything empty but the code, for exact comparisons. */
function coupon(code: string, fields: Partial<CouponView> = {}): CouponView {
  return {
    code,
    affiliateId: null,
    affiliateName: null,
    campaignId: null,
    campaignName: null,
    validFrom: null,
    validTo: null,
    isActive: true,
    maxUses: null,
    timesUsed: 0,
    minOrderMinor: null,
    ...fields,
  }
}

function bigCatalogue(count: number): Uint8Array<ArrayBuffer> {
  const lines = new Array<string>(count)
  for (let index = 0; index < count; index++)
    lines[index] = `BULK${String(index).padStart(7, '0')};Affiliate ${index % 97}`
  return csvBytes(`${lines.join('\n')}\n`)
}

function stagingTables(t: TestCore): string[] {
  return t.db
    .prepare(`SELECT name FROM sqlite_master WHERE name LIKE 'coupons_%'`)
    .pluck()
    .all() as string[]
}

describe('catalogue import through the core', () => {
  let t: TestCore
  let clock: Clock

  const open = async (withClock: Clock = fixedClock(TEST_NOW)): Promise<void> => {
    clock = withClock
    t = await openTestCore({ dataDir: newDir(), clock })
  }
  const importText = (
    text: string,
    mode: 'merge' | 'replace' = 'replace',
    fileName = 'coupons.csv',
  ): Promise<CatalogImportResult> =>
    t.call('catalog:import', { fileName, bytes: csvBytes(text), mode })
  const allCoupons = async (): Promise<CouponView[]> =>
    (await t.call('catalog:list', { offset: 0, limit: 1000 })).rows

  beforeEach(async () => {
    await open()
  })

  afterEach(() => {
    t.close()
  })

  describe('layouts', () => {
    it('reads a list with one code per line', async () => {
      const result = await importText('ALPHA1\r\nbeta2\r\n\r\n  Gamma3  \r\n')

      expect(result).toMatchObject({
        layout: 'codes-only',
        encoding: 'utf-8',
        rowsRead: 3,
        imported: 3,
        refused: 0,
        duplicatesInFile: 0,
        problems: [],
        notices: [],
        couponsInCatalogue: 3,
        mode: 'replace',
        fileName: 'coupons.csv',
      })
      expect(await allCoupons()).toEqual([coupon('ALPHA1'), coupon('beta2'), coupon('Gamma3')])
      const check = await t.call('catalog:check-code', { code: 'BETA2' })
      expect(check).toMatchObject({ status: 'valid', code: 'beta2', canSell: true })
    })

    it.each([
      { delimiter: ';', text: 'ALPHA1;Anna Schmidt\nBETA2;Ben Ott\n' },
      { delimiter: ',', text: 'ALPHA1,Anna Schmidt\nBETA2,Ben Ott\n' },
    ])(
      'reads code and affiliate separated by "$delimiter" without a header',
      async ({ delimiter, text }) => {
        const result = await importText(text)

        expect(result).toMatchObject({
          layout: 'code-affiliate',
          delimiter,
          rowsRead: 2,
          imported: 2,
          refused: 0,
        })
        expect(await allCoupons()).toEqual([
          coupon('ALPHA1', { affiliateName: 'Anna Schmidt' }),
          coupon('BETA2', { affiliateName: 'Ben Ott' }),
        ])
      },
    )

    it('reads a header layout with every column in shuffled order, ISO dates and date-times, and both statuses', async () => {
      const result = await importText(
        [
          'min_order;status;valid_to;campaign_name;code;times_used;affiliate_id;valid_from;max_uses;campaign_id;affiliate_name',
          '20,00;active;2026-12-31;Winter;WINTER20;3;A1;2026-01-01;10;C9;Anna Schmidt',
          ';inactive;2026-06-30T18:00:00Z;;SPRING;;A2;2026-06-01T08:30;;;Ben Ott',
          '5;Active;;;any5;0;;;;;',
        ].join('\n'),
      )

      expect(result).toMatchObject({
        layout: 'header',
        delimiter: ';',
        rowsRead: 3,
        imported: 3,
        refused: 0,
        problems: [],
      })
      expect(await allCoupons()).toEqual([
        coupon('any5', { minOrderMinor: 500 }),
        coupon('SPRING', {
          affiliateId: 'A2',
          affiliateName: 'Ben Ott',
          validFrom: berlin('2026-06-01T08:30'),
          validTo: Date.parse('2026-06-30T18:00:00Z'),
          isActive: false,
        }),
        coupon('WINTER20', {
          affiliateId: 'A1',
          affiliateName: 'Anna Schmidt',
          campaignId: 'C9',
          campaignName: 'Winter',
          validFrom: berlin('2026-01-01T00:00'),
          validTo: endOfDay('2026-12-31'),
          maxUses: 10,
          timesUsed: 3,
          minOrderMinor: 2000,
        }),
      ])
    })

    it("reads a header with a subset of columns under the platforms' own names", async () => {
      const result = await importText('Partner,Coupon Code\nAnna,SAVE5\nBen,SAVE7\n')

      expect(result).toMatchObject({ layout: 'header', rowsRead: 2, imported: 2 })
      expect(await allCoupons()).toEqual([
        coupon('SAVE5', { affiliateName: 'Anna' }),
        coupon('SAVE7', { affiliateName: 'Ben' }),
      ])
    })
  })

  describe('problems', () => {
    it('refuses bad rows one by one with their line and field and imports the rest', async () => {
      const result = await importText(
        [
          'code,affiliate_name,valid_from,valid_to,status,max_uses,times_used,min_order', // 1
          'GOOD1,Anna,2026-01-01,2026-12-31,active,10,0,20.00', // 2
          'BAD-DATE,Ben,2026-13-01,,active,,,', // 3
          ',Cara,,,active,,,', // 4
          '', // 5
          'BAD-STATUS,Dan,,,maybe,,,', // 6
          'GOOD2,"Eva ""the hat""\nMoll",,,inactive,,,', // 7-8
          'BAD-USES,Finn,,,active,ten,,', // 9
          'BAD-MIN,Gina,,,active,,,abc', // 10
          'BACKWARDS,Hans,2026-12-31,2026-01-01,active,,,', // 11
          'BAD-USED,Ida,,,active,,-1,', // 12
          'GOOD3,Jan,,2027-01-31T12:00,,,,', // 13
        ].join('\n'),
      )

      expect(result.problems).toEqual([
        {
          line: 3,
          field: 'valid_from',
          message: expect.stringMatching(
            /^"2026-13-01" is not an ISO date \(2026-12-31\) or date-time/,
          ) as string,
        },
        { line: 4, field: 'code', message: 'code is empty' },
        { line: 6, field: 'status', message: 'status "maybe" is neither active nor inactive' },
        { line: 9, field: 'max_uses', message: 'max_uses "ten" is not a whole number' },
        {
          line: 10,
          field: 'min_order',
          message: 'min_order "abc" is not an amount (use 20 or 20.00)',
        },
        { line: 11, field: 'valid_to', message: 'valid_to is before valid_from' },
        { line: 12, field: 'times_used', message: 'times_used "-1" is not a whole number' },
      ])
      expect(result).toMatchObject({
        rowsRead: 10,
        imported: 3,
        refused: 7,
        duplicatesInFile: 0,
        couponsInCatalogue: 3,
      })
      expect(
        (await allCoupons()).map((view) => [view.code, view.affiliateName, view.isActive]),
      ).toEqual([
        ['GOOD1', 'Anna', true],
        ['GOOD2', 'Eva "the hat"\nMoll', false],
        ['GOOD3', 'Jan', true],
      ])
    })

    it('reports a code repeated in the file with the line of each repeat and keeps the first', async () => {
      const result = await importText(
        'code,affiliate_name\nDUP1,First\nOTHER,x\ndup1,Second\nDUP1,Third\n',
      )

      expect(result).toMatchObject({ rowsRead: 4, imported: 2, refused: 2, duplicatesInFile: 2 })
      expect(result.problems).toEqual([
        {
          line: 4,
          field: 'code',
          message: 'code dup1 appears earlier in the file; this line was skipped',
        },
        {
          line: 5,
          field: 'code',
          message: 'code DUP1 appears earlier in the file; this line was skipped',
        },
      ])
      expect(await allCoupons()).toEqual([
        coupon('DUP1', { affiliateName: 'First' }),
        coupon('OTHER', { affiliateName: 'x' }),
      ])
    })

    it('finds a repeat far apart from its first line, across the slices the import writes in', async () => {
      const lines = Array.from({ length: 4500 }, (_, index) => `C${index}`)
      lines.push('c7')

      const result = await importText(`${lines.join('\n')}\n`)

      expect(result).toMatchObject({ rowsRead: 4501, imported: 4500, duplicatesInFile: 1 })
      expect(result.problems).toEqual([
        {
          line: 4501,
          field: 'code',
          message: 'code c7 appears earlier in the file; this line was skipped',
        },
      ])
    })

    it('fails an import without a single usable row with IMPORT_FAILED and changes nothing', async () => {
      await importText('KEEP1;Anna\nKEEP2;Ben\n', 'replace', 'good.csv')
      const before = {
        counts: tableCounts(t.db),
        coupons: await allCoupons(),
        status: await t.call('catalog:status', {}),
      }
      t.events.length = 0

      const error = await t.refusal('catalog:import', {
        fileName: 'bad.csv',
        bytes: csvBytes('code,valid_to\n,2026-01-01\nX1,someday\n'),
        mode: 'replace',
      })

      expect(error.code).toBe('IMPORT_FAILED')
      expect(error.message).toBe(
        'No line of bad.csv could be read as a coupon; the catalogue was not changed',
      )
      expect(error.details).toEqual({
        problems: [
          { line: 2, field: 'code', message: 'code is empty' },
          {
            line: 3,
            field: 'valid_to',
            message: expect.stringMatching(
              /^"someday" is not an ISO date \(2026-12-31\) or date-time/,
            ) as string,
          },
        ],
      })
      expect({
        counts: tableCounts(t.db),
        coupons: await allCoupons(),
        status: await t.call('catalog:status', {}),
      }).toEqual(before)
      expect(stagingTables(t)).toEqual([])
      expect(t.events.filter((entry) => entry.event === 'catalog:changed')).toEqual([])
    })

    it('fails an empty file with IMPORT_FAILED', async () => {
      const error = await t.refusal('catalog:import', {
        fileName: 'empty.csv',
        bytes: csvBytes('\n\n'),
        mode: 'merge',
      })
      expect(error).toEqual({ code: 'IMPORT_FAILED', message: 'empty.csv holds no coupon codes' })
      expect(tableCounts(t.db).coupons).toBe(0)
    })
  })

  describe('merge and replace', () => {
    it('merges a file into the catalogue, keeping codes the file does not mention', async () => {
      await importText('ONE;Anna\nTWO;Ben\nTHREE;Cara\n')

      const result = await importText('two;Bert\nFOUR;Dora\n', 'merge')

      expect(result).toMatchObject({ mode: 'merge', imported: 2, couponsInCatalogue: 4 })
      expect((await allCoupons()).map((view) => [view.code, view.affiliateName])).toEqual([
        ['FOUR', 'Dora'],
        ['ONE', 'Anna'],
        ['THREE', 'Cara'],
        ['two', 'Bert'],
      ])
    })

    it('replaces the catalogue, dropping codes the file does not mention', async () => {
      await importText('ONE;Anna\nTWO;Ben\nTHREE;Cara\n')

      const result = await importText('TWO;Bert\nFIVE;Eve\n', 'replace')

      expect(result).toMatchObject({ mode: 'replace', imported: 2, couponsInCatalogue: 2 })
      expect((await allCoupons()).map((view) => view.code)).toEqual(['FIVE', 'TWO'])
      expect((await t.call('catalog:check-code', { code: 'ONE' })).status).toBe('unknown')
    })

    it("updates a coupon's data when it is imported again", async () => {
      await importText(
        'code,affiliate_name,status,max_uses,valid_to\nSAVE5,Anna,active,5,2026-12-31\n',
      )

      await importText(
        'code,affiliate_name,status,max_uses,valid_to,campaign_name\nsave5,Bob,inactive,10,2027-03-31,Spring\n',
        'merge',
      )

      expect(await allCoupons()).toEqual([
        coupon('save5', {
          affiliateName: 'Bob',
          isActive: false,
          maxUses: 10,
          validTo: endOfDay('2027-03-31'),
          campaignName: 'Spring',
        }),
      ])
      expect((await t.call('catalog:check-code', { code: 'SAVE5' })).status).toBe('inactive')
    })
  })

  describe('status and list', () => {
    it('reports the catalogue after an import and announces it', async () => {
      expect(await t.call('catalog:status', {})).toEqual({
        coupons: 0,
        importedAt: null,
        lastImportFile: null,
      })
      clock = fixedClock(TEST_NOW)
      await importText('ONE\nTWO\n', 'replace', 'monday.csv')

      const status = await t.call('catalog:status', {})

      expect(status).toEqual({ coupons: 2, importedAt: TEST_NOW, lastImportFile: 'monday.csv' })
      expect(
        t.events.filter((entry) => entry.event === 'catalog:changed').map((entry) => entry.payload),
      ).toEqual([status])
      const audit = listAudit(t.db, 'catalog')
      expect(audit.map((row) => [row.action, row.actor])).toEqual([['catalog.import', 'test:T1']])
      expect(JSON.parse(audit[0]?.details ?? 'null')).toEqual({
        file: 'monday.csv',
        mode: 'replace',
        rowsRead: 2,
        imported: 2,
        refused: 0,
        couponsAfter: 2,
      })
    })

    it('searches the catalogue by code and affiliate without regard to case and pages the results', async () => {
      const rows = Array.from(
        { length: 25 },
        (_, index) =>
          `SHOP${String(index).padStart(2, '0')};${index % 2 === 0 ? 'Anna Schmidt' : 'Ben Ott'}`,
      )
      await importText(`${rows.join('\n')}\nOTHER_1;Cara\nOTHERX1;Dan\n`)

      const page = (search: string | undefined, offset: number, limit: number) =>
        t.call('catalog:list', { ...(search === undefined ? {} : { search }), offset, limit })

      const first = await page(undefined, 0, 10)
      expect(first.total).toBe(27)
      expect(first.rows.map((view) => view.code)).toEqual(
        Array.from(
          { length: 10 },
          (_, index) =>
            `OTHERX1,OTHER_1,SHOP00,SHOP01,SHOP02,SHOP03,SHOP04,SHOP05,SHOP06,SHOP07`.split(',')[
              index
            ],
        ),
      )
      const last = await page(undefined, 20, 10)
      expect(last.rows.map((view) => view.code)).toEqual([
        'SHOP18',
        'SHOP19',
        'SHOP20',
        'SHOP21',
        'SHOP22',
        'SHOP23',
        'SHOP24',
      ])
      expect(last.total).toBe(27)

      const byCode = await page('shop1', 0, 3)
      expect(byCode.total).toBe(10)
      expect(byCode.rows.map((view) => view.code)).toEqual(['SHOP10', 'SHOP11', 'SHOP12'])
      const byAffiliate = await page('schmidt', 0, 100)
      expect(byAffiliate.total).toBe(13)
      expect(byAffiliate.rows.every((view) => view.affiliateName === 'Anna Schmidt')).toBe(true)
      const literalUnderscore = await page('other_', 0, 100)
      expect(literalUnderscore.rows.map((view) => view.code)).toEqual(['OTHER_1'])
      expect((await page('nothing-like-this', 0, 10)).total).toBe(0)
    })
  })

  describe('encodings', () => {
    it('reads a UTF-16LE file with a byte order mark', async () => {
      const text = 'code;affiliate_name\r\nMUELLER10;Jürgen Müller\r\nSTRASSE;Straße & Söhne\r\n'
      const bytes = new Uint8Array(
        Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
      )

      const result = await t.call('catalog:import', {
        fileName: 'excel-unicode.txt',
        bytes,
        mode: 'replace',
      })

      expect(result).toMatchObject({
        encoding: 'utf-16le',
        layout: 'header',
        delimiter: ';',
        imported: 2,
        notices: [],
      })
      expect((await allCoupons()).map((view) => [view.code, view.affiliateName])).toEqual([
        ['MUELLER10', 'Jürgen Müller'],
        ['STRASSE', 'Straße & Söhne'],
      ])
    })

    it('reads a Windows-1252 file and says so', async () => {
      const bytes = new Uint8Array(
        Buffer.from('code,affiliate_name\nMUELLER10,Müller\nCAFE,Café Señor\n', 'latin1'),
      )
      expect(bytes.includes(0xfc)).toBe(true)

      const result = await t.call('catalog:import', {
        fileName: 'old-till.csv',
        bytes,
        mode: 'replace',
      })

      expect(result).toMatchObject({
        encoding: 'windows-1252',
        imported: 2,
        notices: [
          'The file is not UTF-8; it was read as Windows-1252 (Western European). Check accented names.',
        ],
      })
      expect((await allCoupons()).map((view) => view.affiliateName)).toEqual([
        'Café Señor',
        'Müller',
      ])
    })
  })

  describe('after a crash', () => {
    it('throws away the half-built staging table a crashed import left behind when the core opens again', async () => {
      await importText('KEEP1;Anna\n')
      t.db.exec('CREATE TABLE coupons_import (key TEXT PRIMARY KEY, code TEXT NOT NULL) STRICT')
      t.db.prepare('INSERT INTO coupons_import (key, code) VALUES (?, ?)').run('HALF', 'HALF')
      const dataDir = t.dataDir
      t.close()

      t = await openTestCore({ dataDir, clock, settings: null })

      expect(stagingTables(t)).toEqual([])
      expect((await allCoupons()).map((view) => view.code)).toEqual(['KEEP1'])
      expect((await importText('NEXT1\n', 'merge')).couponsInCatalogue).toBe(2)
    })
  })

  describe('a long import', () => {
    it('stops on job:cancel at its first progress report and leaves the old catalogue as it was', async () => {
      await importText('KEEP1;Anna\nKEEP2;Ben\n', 'replace', 'old.csv')
      const before = {
        coupons: await allCoupons(),
        status: await t.call('catalog:status', {}),
        counts: tableCounts(t.db),
      }
      const progress: JobProgress[] = []
      const cancel: { answer?: ReturnType<TestCore['core']['invoke']> } = {}
      const stop = t.core.onEvent((event, payload) => {
        if (event !== 'job:progress') return
        progress.push(payload as JobProgress)
        cancel.answer ??= t.core.invoke('job:cancel', { kind: 'catalog-import' })
      })

      const error = await t.refusal('catalog:import', {
        fileName: 'huge.csv',
        bytes: bigCatalogue(BIG_CODES),
        mode: 'replace',
      })
      stop()

      expect(await cancel.answer).toEqual({ ok: true, value: { cancelled: true } })
      expect(error).toEqual({
        code: 'CANCELLED',
        message: 'The import was cancelled; nothing was changed',
      })
      expect(progress[0]).toMatchObject({ kind: 'catalog-import', phase: 'reading', processed: 0 })
      expect(progress[progress.length - 1]?.phase).toBe('cancelled')
      expect(progress.some((entry) => entry.phase === 'saving' || entry.phase === 'done')).toBe(
        false,
      )
      expect({
        coupons: await allCoupons(),
        status: await t.call('catalog:status', {}),
        counts: tableCounts(t.db),
      }).toEqual(before)
      expect(stagingTables(t)).toEqual([])
      expect((await t.call('job:cancel', { kind: 'catalog-import' })).cancelled).toBe(false)
    })

    it('answers BUSY to a second import while one runs, and finishes the first', async () => {
      const first = t.core.invoke('catalog:import', {
        fileName: 'huge.csv',
        bytes: bigCatalogue(BIG_CODES),
        mode: 'replace',
      })

      const error = await t.refusal('catalog:import', {
        fileName: 'small.csv',
        bytes: csvBytes('ONE\n'),
        mode: 'replace',
      })

      expect(error).toEqual({
        code: 'BUSY',
        message: 'Another import of this kind is running; wait for it or cancel it',
      })
      const result = await first
      expect(result.ok).toBe(true)
      expect((result as { value: CatalogImportResult }).value).toMatchObject({
        fileName: 'huge.csv',
        imported: BIG_CODES,
        couponsInCatalogue: BIG_CODES,
      })
      expect(await t.call('catalog:status', {})).toMatchObject({
        coupons: BIG_CODES,
        lastImportFile: 'huge.csv',
      })
      expect((await t.call('catalog:check-code', { code: 'bulk0199999' })).status).toBe('valid')
    })

    it('saves a sale rung up during a long import before the import finishes', async () => {
      t.close()
      // Progress reports are throttled by the clock; a clock that moves a second per reading lets every slice report.
      let now = TEST_NOW
      await open({ now: () => (now += 1000) })
      await importText('SUMMER10;Anna\n', 'replace', 'old.csv')
      const seen: { phase: string; processed: number; saleDone: boolean }[] = []
      let saleDone = false
      let importDone = false
      const stop = t.core.onEvent((event, payload) => {
        if (event !== 'job:progress') return
        const { phase, processed } = payload as JobProgress
        seen.push({ phase, processed, saleDone })
      })
      const firstSlice = nextEvent(
        t.core,
        'job:progress',
        (entry) => entry.phase === 'reading' && entry.processed > 0,
      )
      const importing = t.core
        .invoke('catalog:import', {
          fileName: 'huge.csv',
          bytes: bigCatalogue(BIG_CODES),
          mode: 'merge',
        })
        .then((result) => {
          importDone = true
          return result
        })

      await firstSlice
      const sale = await t.call('sale:register', { code: 'summer10', amount: '10.00' })
      saleDone = true
      const importAtSale = importDone
      const imported = await importing
      stop()

      expect(importAtSale).toBe(false)
      expect(sale).toMatchObject({
        sale: { code: 'SUMMER10', affiliateName: 'Anna', state: 'saved' },
      })
      expect(imported.ok).toBe(true)
      expect((imported as { value: CatalogImportResult }).value.couponsInCatalogue).toBe(
        BIG_CODES + 1,
      )
      const beforeSale = seen.filter((entry) => !entry.saleDone)
      const afterSale = seen.filter((entry) => entry.saleDone)
      expect(beforeSale.some((entry) => entry.phase === 'reading' && entry.processed > 0)).toBe(
        true,
      )
      expect(
        afterSale.some(
          (entry) =>
            entry.phase === 'reading' &&
            entry.processed > Math.max(...beforeSale.map((b) => b.processed)),
        ),
      ).toBe(true)
      expect(afterSale[afterSale.length - 1]?.phase).toBe('done')
      expect((await t.call('sale:summary', {})).total).toBe(1)
    })
  })
})
