import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ImportOptions, ImportPreview, SalesImportResult } from '../../../electron/shared/import-contract'
import type { TestCore } from '../../helpers/core-harness'
import { TEST_NOW, csvBytes, openTestCore, tableCounts } from '../../helpers/core-harness'
import { spawnSync } from 'node:child_process'
import { createImportBatch, finishReading } from '../../../electron/core/db/imports-repo'
import type { CheckedSale } from '../../../electron/core/imports/sales/read-sales-file'
import { insertCheckedRows } from '../../../electron/core/imports/sales/write-batch'
import { makeTempDir, removeTempDir } from '../../helpers/temp-dir'

/**
 * Importing a till's sales export end to end through the core's channels (what the wizard and
 * the CLI call), on a real database file: how files are read, each refusal with its line, what
 * lands in `sales` and `outbox`, and that nothing is ever imported twice.
 */

const CATALOGUE = [
  'code,affiliate_name,campaign_name,valid_from,valid_to,status,max_uses,min_order',
  'ANNA10,Anna Müller,Winter,,,active,,',
  'BOB20,Bob,Winter,,,active,,',
  'test-coupon1,Test Partner,,,,active,,',
  'ONCE,One Shot,,,,active,1,',
  'OLD,Old Partner,,2025-01-01,2025-12-31,active,,',
  'LATER,Later Partner,,2027-01-01,,active,,',
  'OFF,Off Partner,,,,inactive,,',
  'MIN50,Min Partner,,,,active,,50.00',
].join('\n')

let dir: string
let t: TestCore

beforeEach(async () => {
  dir = makeTempDir('sales-import')
  t = await openTestCore({ dataDir: dir })
  const catalogue = await t.call('import:open', { kind: 'catalog', fileName: 'coupons.csv', bytes: csvBytes(CATALOGUE) })
  await t.call('import:run', { token: catalogue.token, options: catalogue.options })
})

afterEach(() => {
  t.close()
  removeTempDir(dir)
})

async function open(content: string | Uint8Array<ArrayBuffer>, fileName = 'sales.csv'): Promise<ImportPreview> {
  const bytes = typeof content === 'string' ? csvBytes(content) : content
  return t.call('import:open', { kind: 'sales', fileName, bytes })
}

async function run(preview: ImportPreview, change: Partial<ImportOptions> = {}, dryRun = false): Promise<SalesImportResult> {
  const result = await t.call('import:run', { token: preview.token, options: { ...preview.options, ...change }, dryRun })
  if (result.sales === null) throw new Error('no sales result')
  return result.sales
}

async function importText(content: string | Uint8Array<ArrayBuffer>, change: Partial<ImportOptions> = {}, fileName = 'sales.csv'): Promise<SalesImportResult> {
  return run(await open(content, fileName), change)
}

function importedSales(): { order_id: string; coupon_code: string; amount_minor: number; business_date: string; import_line: number; affiliate_name: string | null; occurred_at_ms: number }[] {
  return t.db
    .prepare('SELECT order_id, coupon_code, amount_minor, business_date, import_line, affiliate_name, occurred_at_ms FROM sales WHERE source = ? ORDER BY id')
    .all('import') as never
}

/** A batch row as an import makes it before writing its sales (status 'reading'). */
function writtenBatch(fileName: string, hashDigit: string, actor = 'test'): number {
  return createImportBatch(t.db, {
    file_name: fileName,
    file_sha256: hashDigit.repeat(64),
    file_bytes: 10,
    actor,
    started_at_ms: TEST_NOW,
    settings_json: '{}',
    scratch_path: null,
    refused_rows_path: null,
  })
}

function problemAt(result: SalesImportResult, line: number): string {
  const problem = result.problems.find((row) => row.line === line)
  if (problem === undefined) throw new Error(`no problem reported on line ${line}: ${JSON.stringify(result.problems.map((row) => [row.line, row.message]))}`)
  return `${problem.status}: ${problem.message ?? ''}`
}

describe('reading the files tills and spreadsheets write', () => {
  it("maps AffiliationSoftware's layout with no header and its spacing without a question", async () => {
    const preview = await open('test-coupon1,100, order123,2020-09-07\r\nANNA10,12.50,order124,2026-11-20\r\n')
    expect(preview.questions).toEqual([])
    expect(preview.options.hasHeader).toBe(false)
    expect(preview.options.columns).toEqual({ coupon: 0, amount: 1, orderId: 2, date: 3 })
    expect(preview.rows.map((row) => row.status)).toEqual(['ok', 'ok'])
    const result = await run(preview)
    expect(result).toMatchObject({ status: 'committed', imported: 2, refused: 0, duplicates: 0 })
    expect(importedSales()).toMatchObject([
      { order_id: 'order123', coupon_code: 'test-coupon1', amount_minor: 10000, business_date: '2020-09-07', import_line: 1, affiliate_name: 'Test Partner' },
      { order_id: 'order124', coupon_code: 'ANNA10', amount_minor: 1250, business_date: '2026-11-20', import_line: 2, affiliate_name: 'Anna Müller' },
    ])
  })

  it('reads ; with decimal commas and thousands points, a header in German and dd.mm.yyyy dates', async () => {
    const preview = await open('Gutschein;Betrag;Beleg;Datum\n' + 'ANNA10;1.234,50;B-1;20.11.2026 14:30\n' + 'BOB20;12,00;B-2;21.11.2026\n')
    expect(preview.delimiter).toBe('semicolon')
    expect(preview.options).toMatchObject({ hasHeader: true, decimal: 'comma', dateOrder: 'dmy' })
    expect(preview.questions).toEqual([])
    await run(preview)
    expect(importedSales().map((sale) => [sale.order_id, sale.amount_minor, sale.business_date])).toEqual([
      ['B-1', 123450, '2026-11-20'],
      ['B-2', 1200, '2026-11-21'],
    ])
    // 14:30 in Berlin (the store's zone) in November is 13:30 UTC.
    expect(importedSales()[0]?.occurred_at_ms).toBe(Date.parse('2026-11-20T13:30:00Z'))
  })

  it('reads UTF-16 LE with a BOM and tabs, as Excel saves "Unicode text"', async () => {
    const text = 'Coupon\tSales amount\tOrder ID\tDate\r\nANNA10\t19.99\tX-1\t2026-11-20\r\nBOB20\t5.00\tX-2\t2026-11-20\r\n'
    const bytes = new Uint8Array([0xff, 0xfe, ...Buffer.from(text, 'utf16le')])
    const preview = await open(bytes)
    expect(preview.encoding).toBe('utf-16le')
    expect(preview.delimiter).toBe('tab')
    const result = await run(preview)
    expect(result.imported).toBe(2)
    expect(importedSales().map((sale) => sale.order_id)).toEqual(['X-1', 'X-2'])
  })

  it('reads Windows-1252 with a notice and keeps accented names intact in the refused rows', async () => {
    const text = 'Coupon;Verkäufer;Amount;Order;Date\r\nANNA10;Jürgen Weiß;10,00;W-1;2026-11-20\r\nNOPE;Zoë Ångström;10,00;W-2;2026-11-20\r\n'
    const bytes = new Uint8Array(Buffer.from(text, 'latin1'))
    const preview = await open(bytes)
    expect(preview.encoding).toBe('windows-1252')
    expect(preview.notices.join(' ')).toContain('Windows-1252')
    expect(preview.firstRecord).toContain('Verkäufer')
    const result = await run(preview)
    expect(result.imported).toBe(1)
    expect(result.refused).toBe(1)
    const refused = readFileSync(result.refusedRowsFile ?? '', 'utf8')
    expect(refused).toContain('Verkäufer')
    expect(refused).toContain('Zoë Ångström')
  })

  it('keeps line numbers right across quoted newlines, blank lines and a trailing totals row', async () => {
    const text = [
      'coupon,amount,order id,date,note',
      'ANNA10,10.00,Q-1,2026-11-20,"first line',
      'second line"',
      '',
      'NOPE,10.00,Q-2,2026-11-20,plain',
      '',
      'BOB20,10.00,Q-3,2026-11-20,"a ""quoted"" word"',
      'Total,30.00,,,',
      '',
    ].join('\n')
    const result = await importText(text)
    expect(result).toMatchObject({ imported: 2, refused: 1, skipped: 1 })
    expect(problemAt(result, 5)).toContain('coupon NOPE is not in the coupon list')
    expect(importedSales().map((sale) => [sale.order_id, sale.import_line])).toEqual([
      ['Q-1', 2],
      ['Q-3', 7],
    ])
    expect(result.notices.join(' ')).toContain('1 totals row skipped')
  })

  it('maps extra and reordered columns by their header names', async () => {
    const preview = await open('Store,Date,Receipt #,Cashier,Total,Promo Code\nBerlin,2026-11-20,R-9,Eve,42.00,ANNA10\n')
    expect(preview.options.columns).toEqual({ coupon: 5, amount: 4, orderId: 2, date: 1 })
    await run(preview)
    expect(importedSales()).toMatchObject([{ order_id: 'R-9', coupon_code: 'ANNA10', amount_minor: 4200 }])
  })

  it('reads the same file identically at every chunk size, across multi-byte characters and CRLF', async () => {
    const text = '\ufeffCoupon,Amount,Order,Date\r\nANNA10,10.00,Ü-1,2026-11-20\r\nBOB20,"1,200.00",€-2,2026-11-20\r\nNOPE,1.00,ß-3,2026-11-20\r\n'
    const bytes = csvBytes(text)
    const { readCsvBatches } = await import('../../../electron/core/imports/read/csv-records')
    const { memorySource } = await import('../../../electron/core/imports/read/byte-source')
    const { readFileShape } = await import('../../../electron/core/imports/read/file-shape')
    const read = async (chunk: number): Promise<string> => {
      const source = memorySource('x.csv', bytes, chunk)
      const shape = await readFileShape(source)
      const lines: string[] = []
      for await (const batch of readCsvBatches(source, shape.encoding, shape.layout)) {
        for (const record of batch.records) lines.push(`${record.line}:${record.fields.join('|')}`)
      }
      return lines.join('\n')
    }
    const whole = await read(bytes.length)
    expect(whole).toContain('2:ANNA10|10.00|Ü-1|2026-11-20')
    expect(whole).toContain('3:BOB20|1,200.00|€-2|2026-11-20')
    for (let chunk = 1; chunk <= bytes.length; chunk++) expect(await read(chunk), `chunk size ${chunk}`).toBe(whole)
  })

  it('asks when amounts or day/month order are ambiguous and refuses to run until answered', async () => {
    // "1,500" reads as thousands (EUR has 2 decimals), "2,50" as a decimal comma: the file disagrees with itself.
    const preview = await open('coupon;amount;order;date\nANNA10;1,500;A-1;03/04/2026\nBOB20;2,50;A-2;05/06/2026\n')
    expect(preview.questions).toEqual(['decimal', 'dateOrder'])
    const refusal = await t.refusal('import:run', { token: preview.token, options: preview.options })
    expect(refusal.code).toBe('IMPORT_FAILED')
    expect(refusal.message).toMatch(/decimal point or a decimal comma.*day\/month or month\/day/)
    expect(tableCounts(t.db).sales).toBe(0)
    const result = await run(preview, { decimal: 'point', dateOrder: 'mdy' })
    expect(result).toMatchObject({ imported: 1, refused: 1 })
    expect(problemAt(result, 3)).toContain('"2,50" is not an amount in this store\'s format')
    expect(importedSales().map((sale) => [sale.amount_minor, sale.business_date])).toEqual([[150000, '2026-03-04']])
  })

  it('remembers a corrected mapping for the next file of the same layout', async () => {
    const first = await open('Gutscheinnummer;Betrag;Beleg;Datum\nANNA10;10,00;M-1;2026-11-20\n')
    expect(first.questions).toEqual(['columns'])
    expect(first.options.columns.coupon).toBeNull()
    await run(first, { columns: { ...first.options.columns, coupon: 0 } })
    const second = await open('Gutscheinnummer;Betrag;Beleg;Datum\nBOB20;20,00;M-2;2026-11-21\n', 'next-day.csv')
    expect(second.rememberedLayout).toBe(true)
    expect(second.questions).toEqual([])
    expect(second.options.columns.coupon).toBe(0)
    expect((await run(second)).imported).toBe(1)
  })

  it('refuses an empty file and a file of blank lines with a clear error and changes nothing', async () => {
    const before = tableCounts(t.db)
    for (const content of ['', '\r\n\r\n  \r\n']) {
      const preview = await open(content, 'empty.csv')
      const refusal = await t.refusal('import:run', { token: preview.token, options: { ...preview.options, columns: { coupon: 0, amount: 1, orderId: 2, date: null } } })
      expect(refusal.code).toBe('IMPORT_FAILED')
      expect(refusal.message).toContain('empty.csv holds no sales rows')
    }
    expect(tableCounts(t.db).sales).toBe(before.sales)
  })
})

describe('checks per row', () => {
  it('refuses each bad row with its line and reason and imports the rest', async () => {
    const rows = [
      'coupon,amount,order_id,date',
      'ANNA10,10.00,OK-1,2026-11-20', // 2 ok
      ',10.00,E-1,2026-11-20', // 3 empty coupon
      'NOPE,10.00,E-2,2026-11-20', // 4 unknown
      'OLD,10.00,E-3,2026-11-20', // 5 expired
      'LATER,10.00,E-4,2026-11-20', // 6 not valid yet
      'OFF,10.00,E-5,2026-11-20', // 7 inactive
      'ONCE,10.00,OK-2,2026-11-20', // 8 ok (first use)
      'ONCE,10.00,E-6,2026-11-20', // 9 used up by line 8
      'MIN50,10.00,E-7,2026-11-20', // 10 below minimum
      'ANNA10,,E-8,2026-11-20', // 11 empty amount
      'ANNA10,0.00,E-9,2026-11-20', // 12 zero
      'ANNA10,-5.00,E-10,2026-11-20', // 13 negative
      'ANNA10,99999999.00,E-11,2026-11-20', // 14 absurd
      'ANNA10,ten,E-12,2026-11-20', // 15 not a number
      'ANNA10,10.00,,2026-11-20', // 16 no order id
      'ANNA10,10.00,OK-1,2026-11-20', // 17 duplicate of line 2
      'ANNA10,10.00,E-13,2026-02-30', // 18 not a real date
      'ANNA10,10.00,E-14,yesterday', // 19 not a date
      'ANNA10,10.00,E-15,2027-06-01', // 20 more than a week ahead
      'ANNA10,10.00,OK-3,2026-11-22 09:00', // 21 ok, future-dated (flagged)
      'ANNA10,10.00', // 22 too few fields
      "ANNA10,10.00,'; DROP TABLE sales; --,2026-11-20", // 23 ok: SQL is only text
    ].join('\n')
    const result = await importText(rows)
    expect(problemAt(result, 3)).toBe('refused: coupon is empty')
    expect(problemAt(result, 4)).toBe('refused: coupon NOPE is not in the coupon list')
    expect(problemAt(result, 5)).toMatch(/refused: coupon OLD: expired on/)
    expect(problemAt(result, 6)).toMatch(/refused: coupon LATER: not valid before/)
    expect(problemAt(result, 7)).toBe('refused: coupon OFF: this coupon is switched off')
    expect(problemAt(result, 9)).toBe('refused: coupon ONCE: used up (used 1 of 1 times)')
    expect(problemAt(result, 10)).toMatch(/refused: coupon MIN50: needs a minimum order of/)
    expect(problemAt(result, 11)).toBe('refused: amount is empty')
    expect(problemAt(result, 12)).toContain('Amount must be more than zero')
    expect(problemAt(result, 13)).toContain('Amount cannot be negative')
    expect(problemAt(result, 14)).toContain('Amount is too large')
    expect(problemAt(result, 15)).toContain('"ten" is not an amount')
    expect(problemAt(result, 16)).toBe('refused: order ID is empty')
    expect(problemAt(result, 17)).toBe('duplicate: order ID OK-1 is already on line 2 of this file')
    expect(problemAt(result, 18)).toContain('"2026-02-30" is not a real date')
    expect(problemAt(result, 19)).toContain('"yesterday" is not a date')
    expect(problemAt(result, 20)).toContain('more than a week ahead')
    expect(problemAt(result, 22)).toContain('the row has 2 fields; the mapping needs 4')
    expect(result).toMatchObject({ imported: 4, refused: 17, duplicates: 1, futureDated: 1 })
    expect(importedSales().map((sale) => sale.order_id)).toEqual(['OK-1', 'OK-2', 'OK-3', "'; DROP TABLE sales; --"])
    const flagged = t.db.prepare("SELECT is_future_dated FROM sales WHERE order_id = 'OK-3'").pluck().get()
    expect(flagged).toBe(1)

    // The refused rows file names every refused line with its reason, formula-safe.
    const refused = readFileSync(result.refusedRowsFile ?? '', 'utf8')
    expect(refused.split('\r\n')[0]).toBe('\ufeffline,problem,reason,coupon,amount,order_id,date')
    expect(refused).toContain('13,refused,"amount ""-5.00"": Amount cannot be negative",ANNA10,"\'-5.00",E-10,2026-11-20')
    expect(refused).toContain('17,duplicate,order ID OK-1 is already on line 2 of this file,ANNA10,10.00,OK-1,2026-11-20')
    expect(refused.trim().split('\r\n')).toHaveLength(1 + 17 + 1)
  })

  it('imports unknown codes as unverified only when asked', async () => {
    const refused = await importText('coupon,amount,order,date\nNEWCODE,10.00,U-1,2026-11-20\n')
    expect(refused).toMatchObject({ imported: 0, refused: 1 })
    const accepted = await importText('coupon,amount,order,date\nNEWCODE,10.00,U-1,2026-11-20\n', { allowUnverified: true }, 'again.csv')
    expect(accepted).toMatchObject({ imported: 1, unverified: 1 })
    expect(t.db.prepare("SELECT is_unverified FROM sales WHERE order_id = 'U-1'").pluck().get()).toBe(1)
  })

  it('counts a file against uses the till already recorded', async () => {
    await t.call('sale:register', { code: 'ONCE', amount: '5.00', orderId: 'TILL-1' })
    const result = await importText('coupon,amount,order,date\nONCE,10.00,I-1,2026-11-20\n')
    expect(problemAt(result, 2)).toContain('used up')
  })
})

describe('commit, never twice', () => {
  it('imports the same file twice: the second time adds nothing and says when it was imported', async () => {
    const text = 'coupon,amount,order,date\nANNA10,10.00,D-1,2026-11-20\nBOB20,20.00,D-2,2026-11-20\n'
    const first = await importText(text)
    expect(first.imported).toBe(2)
    const again = await open(text, 'renamed.csv')
    expect(again.previousImport).toMatchObject({ batchId: first.batchId, fileName: 'sales.csv', imported: 2 })
    expect(again.rows.map((row) => row.status)).toEqual(['duplicate', 'duplicate'])
    const second = await run(again)
    expect(second).toMatchObject({ imported: 0, duplicates: 2, refused: 0, status: 'committed' })
    expect(second.notices.join(' ')).toMatch(/imported before, on .* \(import #\d+\)/)
    expect(tableCounts(t.db)).toMatchObject({ sales: 2, outbox: 2 })
  })

  it('two files sharing some order ids: only the new ones are added, the shared ones reported', async () => {
    await importText('coupon,amount,order,date\nANNA10,10.00,S-1,2026-11-20\nBOB20,20.00,S-2,2026-11-20\n')
    const second = await importText('coupon,amount,order,date\nBOB20,20.00,S-2,2026-11-20\nANNA10,30.00,S-3,2026-11-21\n', {}, 'day2.csv')
    expect(second).toMatchObject({ imported: 1, duplicates: 1 })
    expect(problemAt(second, 2)).toMatch(/duplicate: order ID S-2 is already stored: imported \(import #\d+\)/)
    expect(importedSales().map((sale) => sale.order_id)).toEqual(['S-1', 'S-2', 'S-3'])
  })

  it('a sale rung up at the till with an order id the file holds is a duplicate, not a second sale', async () => {
    await t.call('sale:register', { code: 'ANNA10', amount: '5.00', orderId: 'R-100' })
    const result = await importText('coupon,amount,order,date\nANNA10,10.00,R-100,2026-11-20\n')
    expect(result).toMatchObject({ imported: 0, duplicates: 1 })
    expect(problemAt(result, 2)).toContain('already stored: a sale of')
  })

  it('every imported sale has its outbox row, in the same state as a till sale', async () => {
    await importText('coupon,amount,order,date\nANNA10,10.00,O-1,2026-11-20\nBOB20,20.00,O-2,2026-11-20\n')
    const rows = t.db
      .prepare(`SELECT s.state, s.source, o.kind, o.status FROM sales s JOIN outbox o ON o.sale_id = s.id ORDER BY s.id`)
      .all()
    expect(rows).toEqual([
      { state: 'saved', source: 'import', kind: 'sale', status: 'pending' },
      { state: 'saved', source: 'import', kind: 'sale', status: 'pending' },
    ])
  })

  it('all-or-nothing imports nothing when a row is refused, and everything when none is', async () => {
    const bad = await importText('coupon,amount,order,date\nANNA10,10.00,N-1,2026-11-20\nNOPE,1.00,N-2,2026-11-20\n', { allOrNothing: true })
    expect(bad).toMatchObject({ status: 'refused', imported: 0, refused: 1 })
    expect(tableCounts(t.db).sales).toBe(0)
    const good = await importText('coupon,amount,order,date\nANNA10,10.00,N-1,2026-11-20\n', { allOrNothing: true }, 'fixed.csv')
    expect(good).toMatchObject({ status: 'committed', imported: 1 })
  })

  it('a dry run checks every row and saves nothing', async () => {
    const preview = await open('coupon,amount,order,date\nANNA10,10.00,Y-1,2026-11-20\nNOPE,1.00,Y-2,2026-11-20\n')
    const result = await run(preview, {}, true)
    expect(result).toMatchObject({ status: 'dry_run', imported: 1, refused: 1 })
    expect(tableCounts(t.db)).toMatchObject({ sales: 0, outbox: 0 })
    expect((await open('coupon,amount,order,date\nANNA10,10.00,Y-1,2026-11-20\nNOPE,1.00,Y-2,2026-11-20\n')).previousImport).toBeNull()
  })

  it('cancelled while reading, after rows were written: they are taken out again and nothing is left behind', async () => {
    const lines = ['coupon,amount,order,date']
    for (let index = 0; index < 60_000; index++) lines.push(`ANNA10,10.00,C-${index},2026-11-20`)
    const preview = await open(lines.join('\n'))
    const running = t.core.invoke('import:run', { token: preview.token, options: preview.options })
    // Wait until the first rows are in the table (hidden), then cancel.
    const written = (): number => t.db.prepare("SELECT count(*) FROM sales WHERE order_id LIKE 'C-%'").pluck().get() as number
    while (written() === 0) await new Promise((resolve) => setTimeout(resolve, 1))
    const writtenBeforeCancel = written()
    // Rows were in the table (hidden) before the cancel.
    expect(writtenBeforeCancel).toBeGreaterThan(0)
    await t.call('job:cancel', { kind: 'sales-import' })
    const outcome = await running
    expect(outcome.ok).toBe(false)
    if (!outcome.ok) expect(outcome.error.code).toBe('CANCELLED')
    expect(tableCounts(t.db)).toMatchObject({ sales: 0, outbox: 0 })
    const batch = t.db.prepare('SELECT status, refused_rows_path FROM sales_imports ORDER BY id DESC LIMIT 1').get() as { status: string; refused_rows_path: string }
    expect(batch.status).toBe('cancelled')
    expect(existsSync(batch.refused_rows_path)).toBe(false)
  })

  it('a till sale taking an order id after the reader checked its row: the row is listed as a duplicate with its line, not doubled', async () => {
    const lines = ['coupon,amount,order,date']
    for (let index = 0; index < 20_000; index++) lines.push(`ANNA10,10.00,L-${index},2026-11-20`)
    const preview = await open(lines.join('\n'))
    const running = run(preview)
    const written = (): number => t.db.prepare("SELECT count(*) FROM sales WHERE order_id LIKE 'L-%'").pluck().get() as number
    while (written() === 0) await new Promise((resolve) => setTimeout(resolve, 1))
    // Hold the core thread while the reader thread checks the batches it may run ahead (it
    // needs a few tens of milliseconds for the next one; the hold leaves room for a slow machine).
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2000)
    const index = written() + 100
    const orderId = `L-${index}`
    // Invoked synchronously up to the commit: the till sale is in before the writer's next turn.
    const sale = t.core.invoke('sale:register', { code: 'ANNA10', amount: '5.00', orderId })
    expect((await sale).ok).toBe(true)
    const result = await running

    expect(result).toMatchObject({ status: 'committed', imported: 19_999, duplicates: 1, refused: 0 })
    const line = index + 2
    expect(problemAt(result, line)).toBe(`duplicate: order ID ${orderId} was stored by another sale while this file was imported`)
    expect(t.db.prepare('SELECT source, amount_minor FROM sales WHERE order_id = ?').all(orderId)).toEqual([{ source: 'till', amount_minor: 500 }])
    const refused = readFileSync(result.refusedRowsFile ?? '', 'utf8').replace(/^\ufeff/, '').trim().split(/\r?\n/)
    expect(refused).toEqual(['line,problem,reason,coupon,amount,order,date', `${line},duplicate,order ID ${orderId} was stored by another sale while this file was imported,,,${orderId},`])
  })

  it('shows, counts and sends none of the sales of an import still being read, and a restart takes them out', async () => {
    await importText('coupon,amount,order,date\nANNA10,10.00,D-1,2026-11-20\n')
    const batchId = writtenBatch('stopped.csv', 'f')
    const rows: CheckedSale[] = [
      [2, 'H-1', 'ANNA10', 'ANNA10', 1000, TEST_NOW, '2026-11-20', 0, 0],
      [3, 'H-2', 'ANNA10', 'ANNA10', 1000, TEST_NOW, '2026-11-20', 1, 0],
    ]
    expect(insertCheckedRows(t.db, batchId, { currency: 'EUR', terminalId: 'T1' }, rows.flat(), TEST_NOW)).toEqual({ inserted: 2, lateDuplicates: [] })
    // A till sale took an order id after the reader had checked it: that row is skipped, not doubled.
    await t.call('sale:register', { code: 'ANNA10', amount: '5.00', orderId: 'H-3' })
    const late: CheckedSale[] = [
      [4, 'H-3', 'ANNA10', 'ANNA10', 1000, TEST_NOW, '2026-11-20', 0, 0],
      [5, 'H-4', 'ANNA10', 'ANNA10', 1000, TEST_NOW, '2026-11-20', 0, 0],
    ]
    expect(insertCheckedRows(t.db, batchId, { currency: 'EUR', terminalId: 'T1' }, late.flat(), TEST_NOW)).toEqual({ inserted: 1, lateDuplicates: [{ line: 4, orderId: 'H-3' }] })
    expect(t.db.prepare("SELECT source, amount_minor FROM sales WHERE order_id = 'H-3'").all()).toEqual([{ source: 'till', amount_minor: 500 }])
    expect(tableCounts(t.db)).toMatchObject({ sales: 5, outbox: 2 })

    const listed = await t.call('sale:list', { offset: 0, limit: 50 })
    expect(listed.rows.map((row) => row.orderId)).toEqual(['H-3', 'D-1'])
    expect(listed.total).toBe(2)
    const summary = await t.call('sale:summary', {})
    expect(summary.total).toBe(2)
    expect(summary.unverified).toBe(0)
    expect((await t.call('sale:export', { layout: 'affiliationsoftware' })).rows).toBe(2)
    expect((await t.call('sync:status', {})).waiting).toBe(2)

    // The process stops here; at the next start the undecided batch is dropped.
    t.close()
    t = await openTestCore({ dataDir: dir })
    expect(tableCounts(t.db)).toMatchObject({ sales: 2, outbox: 2 })
    expect(t.db.prepare('SELECT status FROM sales_imports WHERE id = ?').pluck().get(batchId)).toBe('failed')
    expect((await t.call('sale:summary', {})).total).toBe(2)
  })

  it('writes batches of any size whole and in file order (in runs of power-of-two sizes)', () => {
    const batchId = writtenBatch('sizes.csv', 'd')
    let line = 2
    for (const size of [1, 3, 1023, 1024, 1025, 1999, 2000]) {
      const rows: CheckedSale[] = []
      for (let index = 0; index < size; index++, line++) rows.push([line, `Z-${line}`, 'ANNA10', 'ANNA10', 1000, TEST_NOW, '2026-11-20', 0, 0])
      expect(insertCheckedRows(t.db, batchId, { currency: 'EUR', terminalId: 'T1' }, rows.flat(), TEST_NOW)).toEqual({ inserted: size, lateDuplicates: [] })
    }
    const lines = t.db.prepare('SELECT import_line FROM sales WHERE import_batch_id = ? ORDER BY id').pluck().all(batchId) as number[]
    expect(lines).toEqual(Array.from({ length: line - 2 }, (_, index) => index + 2))
    expect(t.db.prepare("SELECT count(*) FROM sales WHERE import_batch_id = ? AND order_id = 'Z-' || import_line").pluck().get(batchId)).toBe(line - 2)
  })

  it('leaves alone an import another live process is still reading, and that process cannot be overruled afterwards', async () => {
    const batchId = writtenBatch('busy.csv', 'e', 'app')
    insertCheckedRows(t.db, batchId, { currency: 'EUR', terminalId: 'T1' }, [2, 'B-1', 'ANNA10', 'ANNA10', 1000, TEST_NOW, '2026-11-20', 0, 0], TEST_NOW)
    // The app (here: a live process that is not this one) is importing when a CLI command opens the file.
    t.db.prepare('UPDATE sales_imports SET owner_pid = ? WHERE id = ?').run(process.ppid, batchId)
    const cli = await openTestCore({ dataDir: dir, settings: null })
    try {
      expect(cli.db.prepare('SELECT status FROM sales_imports WHERE id = ?').pluck().get(batchId)).toBe('reading')
      expect(tableCounts(cli.db)).toMatchObject({ sales: 1 })
    } finally {
      cli.close()
    }

    // Once its process is gone, the next start drops it; the owner could no longer decide it.
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' })
    t.db.prepare('UPDATE sales_imports SET owner_pid = ? WHERE id = ?').run(Number(gone.stdout), batchId)
    const next = await openTestCore({ dataDir: dir, settings: null })
    try {
      expect(next.db.prepare('SELECT status FROM sales_imports WHERE id = ?').pluck().get(batchId)).toBe('failed')
      expect(tableCounts(next.db)).toMatchObject({ sales: 0 })
    } finally {
      next.close()
    }
    expect(() => finishReading(t.db, batchId, 'publishing', { rows_read: 1, refused: 0, duplicates: 0, staged: 1, imported: 1 }, TEST_NOW)).toThrow(/closed by another CouponDesk process/)
    expect(t.db.prepare('SELECT status FROM sales_imports WHERE id = ?').pluck().get(batchId)).toBe('failed')
  })

  it('once the import is decided, cancel answers no and the file goes in whole', async () => {
    const lines = ['coupon,amount,order,date']
    for (let index = 0; index < 3_500; index++) lines.push(`ANNA10,10.00,W-${index},2026-11-20`)
    const preview = await open(lines.join('\n'))
    const answers: Promise<{ cancelled: boolean }>[] = []
    const stop = t.core.onEvent((event, payload) => {
      if (event === 'job:progress' && (payload as { phase: string }).phase === 'saving' && answers.length === 0) {
        answers.push(t.call('job:cancel', { kind: 'sales-import' }))
      }
    })
    const result = await run(preview)
    stop()
    expect(await answers[0]).toEqual({ cancelled: false })
    expect(result).toMatchObject({ status: 'committed', imported: 3_500 })
    expect(tableCounts(t.db)).toMatchObject({ sales: 3_500, outbox: 3_500 })
  })

  it('queueing cut short after the decision: the sales stay, the error says so, and the next import finishes the queue', async () => {
    const lines = ['coupon,amount,order,date']
    for (let index = 0; index < 12_000; index++) lines.push(`ANNA10,10.00,Q-${index},2026-11-20`)
    const preview = await open(lines.join('\n'))
    // The disk fills up after the first slice of outbox rows (a fault SQLite itself raises).
    t.db.exec(`CREATE TEMP TRIGGER disk_full BEFORE INSERT ON outbox
      WHEN (SELECT count(*) FROM outbox) >= 5000 BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`)
    const outcome = await t.core.invoke('import:run', { token: preview.token, options: preview.options })
    expect(outcome.ok).toBe(false)
    if (!outcome.ok) {
      expect(outcome.error.code).toBe('IMPORT_FAILED')
      expect(outcome.error.message).toContain('The 12000 imported sales are saved, but queueing them for the platform stopped (database or disk is full)')
    }
    expect(tableCounts(t.db)).toMatchObject({ sales: 12_000, outbox: 5_000 })
    const batchId = t.db.prepare('SELECT id FROM sales_imports ORDER BY id DESC LIMIT 1').pluck().get() as number
    expect(t.db.prepare('SELECT status FROM sales_imports WHERE id = ?').pluck().get(batchId)).toBe('publishing')

    t.db.exec('DROP TRIGGER temp.disk_full')
    const next = await importText('coupon,amount,order\nANNA10,5.00,Q-NEXT\n', {}, 'next.csv')
    expect(next).toMatchObject({ status: 'committed', imported: 1 })
    expect(t.db.prepare('SELECT status FROM sales_imports WHERE id = ?').pluck().get(batchId)).toBe('committed')
    expect(tableCounts(t.db)).toMatchObject({ sales: 12_001, outbox: 12_001 })
  })

  it('a failure after the sales are settled is reported as it is, not as a queueing failure', async () => {
    const content = 'coupon,amount,order\nANNA10,5.00,F-1\nNOPE,5.00,F-2\n'
    const blocked = `${dir}/blocked-copy`
    mkdirSync(blocked)
    for (const dryRun of [true, false]) {
      const preview = await open(content, `f-${String(dryRun)}.csv`)
      // The refused rows cannot be copied where asked (a folder is in the way).
      await expect(t.core.imports.run(preview.token, preview.options, { dryRun, refusedRowsCopy: blocked })).rejects.toSatisfy(
        (error: Error) => !error.message.includes('are saved') && error.message.includes('EISDIR'),
      )
    }
    // The dry run saved nothing; the real run committed its one good sale, fully queued.
    expect(tableCounts(t.db)).toMatchObject({ sales: 1, outbox: 1 })
    expect(t.db.prepare("SELECT status FROM sales_imports WHERE file_name = 'f-false.csv'").pluck().get()).toBe('committed')
  })

  it('checks a coupon list without changing it in a dry run', async () => {
    const before = await t.call('catalog:status', {})
    const preview = await t.call('import:open', { kind: 'catalog', fileName: 'new.csv', bytes: csvBytes('code\nNEW1\nNEW2\n') })
    const result = await t.call('import:run', { token: preview.token, options: preview.options, dryRun: true })
    expect(result.catalog).toMatchObject({ imported: 2 })
    expect(await t.call('catalog:status', {})).toEqual(before)
  })

  it('a whole batch is voided before it was sent, with one audit line; a sent one is refused', async () => {
    const result = await importText('coupon,amount,order,date\nANNA10,10.00,V-1,2026-11-20\nBOB20,20.00,V-2,2026-11-20\n')
    const batchId = result.batchId ?? 0
    const list = await t.call('import:list', {})
    expect(list[0]).toMatchObject({ id: batchId, status: 'committed', imported: 2, canVoid: true })
    const voided = await t.call('import:void', { batchId, reason: 'wrong file' })
    expect(voided).toMatchObject({ status: 'voided', canVoid: false })
    expect(t.db.prepare("SELECT state FROM sales WHERE source = 'import'").pluck().all()).toEqual(['voided', 'voided'])
    expect(t.db.prepare("SELECT o.status FROM outbox o JOIN sales s ON s.id = o.sale_id WHERE s.source = 'import'").pluck().all()).toEqual(['cancelled', 'cancelled'])
    expect(t.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'sales.import-void'").pluck().get()).toBe(1)

    const other = await importText('coupon,amount,order,date\nANNA10,10.00,V-3,2026-11-20\n', {}, 'other.csv')
    t.db.prepare("UPDATE sales SET state = 'submitted' WHERE order_id = 'V-3'").run()
    const refusal = await t.refusal('import:void', { batchId: other.batchId })
    expect(refusal.code).toBe('NOT_ALLOWED')
    expect(refusal.message).toContain('already sent to the platform')
    expect(t.db.prepare("SELECT state FROM sales WHERE order_id = 'V-3'").pluck().get()).toBe('submitted')
  })

  it('hands the refused rows over for download', async () => {
    const result = await importText('coupon,amount,order,date\n=HYPERLINK("http://x"),10.00,F-1,2026-11-20\n<b>bold</b>,1.00,F-2,2026-11-20\n')
    const download = await t.call('import:refused-rows', { batchId: result.batchId ?? 0 })
    expect(download.fileName).toBe('sales-refused-rows.csv')
    expect(download.csv).toContain(`2,refused,"coupon =HYPERLINK(""http://x"") is not in the coupon list"`)
    expect(download.csv).toContain(`'=HYPERLINK`)
    expect(download.csv).toContain('<b>bold</b>')
  })
})
