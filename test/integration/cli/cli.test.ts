import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import Papa from 'papaparse'
import { beforeEach, describe, expect, it } from 'vitest'
import { runCli } from '../../../electron/cli/run-cli'
import { databasePath } from '../../../electron/core/data-dir'
import { openDatabase } from '../../../electron/core/db/connection'
import { LATEST_SCHEMA_VERSION } from '../../../electron/core/db/migrations'
import { businessDate } from '../../../electron/shared/dates'
import { SALE_STATES } from '../../../electron/shared/sale-state'
import { SETTING_KEYS } from '../../../electron/shared/settings'
import { runProcess } from '../../helpers/run-process'
import { useTempDirs } from '../../helpers/temp-dir'

const REPO_ROOT = path.resolve(import.meta.dirname, '../../..')
const ZONE = 'Europe/Berlin'

const CATALOGUE = [
  'code,affiliate_name,valid_from,valid_to,status',
  'WELCOME10,Anna Schmidt,2000-01-01,2099-12-31,active',
  'EXPIRED5,Ben Ott,2000-01-01,2001-12-31,active',
  '=EVIL,Mallory,,,active',
  'BROKEN,Cara,2000-01-01,someday,active',
].join('\n')

const newDir = useTempDirs('cli')

interface CliRun {
  code: number
  out: string
  err: string
}

describe('the command line', () => {
  let dir = ''
  let dataDir = ''
  let couponFile = ''

  const cli = async (...argv: string[]): Promise<CliRun> => {
    const out: string[] = []
    const err: string[] = []
    const code = await runCli([...argv, '--data-dir', dataDir], {
      out: (text) => out.push(text),
      err: (text) => err.push(text),
    })
    return { code, out: out.join('\n'), err: err.join('\n') }
  }
  const today = (): string => businessDate(Date.now(), ZONE).replaceAll('-', '')

  beforeEach(async () => {
    dir = newDir()
    dataDir = path.join(dir, 'data')
    couponFile = path.join(dir, 'coupons.csv')
    writeFileSync(couponFile, CATALOGUE)
    expect(await cli('config', 'set', 'terminalId', 'T9')).toEqual({
      code: 0,
      out: 'terminalId = T9',
      err: '',
    })
    expect((await cli('config', 'set', 'timeZone', ZONE)).code).toBe(0)
  })

  describe('config', () => {
    it('reads and changes store settings', async () => {
      expect(await cli('config', 'get', 'terminalId')).toEqual({ code: 0, out: 'T9', err: '' })
      expect(await cli('config', 'get', 'terminalId', '--json')).toEqual({
        code: 0,
        out: '{"terminalId":"T9"}',
        err: '',
      })
      expect(await cli('config', 'set', 'currency', 'usd')).toEqual({
        code: 0,
        out: 'currency = USD',
        err: '',
      })
      expect(await cli('config', 'set', 'amountFormat', '12,50')).toEqual({
        code: 0,
        out: 'amountFormat = comma',
        err: '',
      })

      const all = await cli('config', 'get', '--json')
      expect(all.code).toBe(0)
      expect(JSON.parse(all.out)).toMatchObject({
        terminalId: 'T9',
        currency: 'USD',
        amountFormat: 'comma',
        timeZone: ZONE,
      })
      expect(Object.keys(JSON.parse(all.out) as object).sort()).toEqual([...SETTING_KEYS].sort())
    })

    it('refuses an unknown setting and a bad value with exit 1 and the reason, and changes nothing', async () => {
      const unknown = await cli('config', 'set', 'colour', 'blue')
      expect(unknown.code).toBe(1)
      expect(unknown.err).toBe(
        `Error: Unknown setting "colour". Settings: ${SETTING_KEYS.join(', ')}`,
      )
      expect((await cli('config', 'get', 'colour')).code).toBe(1)

      expect(await cli('config', 'set', 'currency', 'EURO')).toEqual({
        code: 1,
        out: '',
        err: 'Error: currency: use an ISO 4217 currency code such as EUR, USD, GBP',
      })
      const badTerminal = await cli('config', 'set', 'terminalId', 'T 9!')
      expect(badTerminal.code).toBe(1)
      expect(badTerminal.err).toMatch(/^Error: terminalId: use 1 to 12 letters, digits or _/)
      const json = await cli('config', 'set', 'sounds', 'loud', '--json')
      expect(json.code).toBe(1)
      expect(JSON.parse(json.out)).toEqual({
        ok: false,
        error: {
          code: 'INVALID_INPUT',
          message: 'sounds: Invalid input: expected boolean, received string',
          details: { field: 'sounds' },
        },
      })

      expect(await cli('config', 'get', 'terminalId')).toEqual({ code: 0, out: 'T9', err: '' })
      expect(await cli('config', 'get', 'currency')).toEqual({ code: 0, out: 'EUR', err: '' })
    })

    it('exits 2 on wrong usage', async () => {
      expect(await cli('config', 'set', 'terminalId')).toEqual({
        code: 2,
        out: '',
        err: 'Error: usage: config set <key> <value>',
      })
      expect((await cli('config', 'frobnicate')).code).toBe(2)
      const badOption = await cli('config', 'get', '--bogus')
      expect(badOption.code).toBe(2)
      expect(badOption.err).toContain("Unknown option '--bogus'")
      const unknownCommand = await runCli(['frobnicate'], {
        out: () => undefined,
        err: () => undefined,
      })
      expect(unknownCommand).toBe(2)
    })
  })

  describe('catalogue', () => {
    it('imports a coupon file and reports the lines it refused', async () => {
      const result = await cli('import-coupons', couponFile)

      expect(result.code).toBe(0)
      expect(result.out.split('\n')).toEqual([
        'coupons.csv: 3 coupons imported, 1 lines refused (header, utf-8, delimiter ",")',
        'Catalogue now holds 3 coupons.',
        expect.stringMatching(/^ {2}line 5 \(valid_to\): "someday" is not an ISO date/) as string,
      ])
    })

    it('refuses a file that does not exist with exit 1', async () => {
      const missing = path.join(dir, 'nope.csv')
      expect(await cli('import-coupons', missing)).toEqual({
        code: 1,
        out: '',
        err: `Error: No such file: ${missing}`,
      })
      expect(await cli('import-coupons')).toEqual({
        code: 2,
        out: '',
        err: 'Error: usage: import-coupons <file> [--replace]',
      })
    })

    it('replaces the catalogue with --replace', async () => {
      await cli('import-coupons', couponFile)
      const other = path.join(dir, 'other.csv')
      writeFileSync(other, 'ONLYONE\n')

      const result = await cli('import-coupons', other, '--replace', '--json')

      expect(result.code).toBe(0)
      expect(JSON.parse(result.out)).toMatchObject({
        mode: 'replace',
        imported: 1,
        couponsInCatalogue: 1,
        layout: 'codes-only',
      })
      expect((await cli('check-code', 'WELCOME10')).code).toBe(1)
    })

    it('checks a code: exit 0 when it can be sold, 1 when it cannot', async () => {
      await cli('import-coupons', couponFile)

      expect(await cli('check-code', 'welcome10')).toEqual({
        code: 0,
        out: 'WELCOME10: valid - Valid: Anna Schmidt',
        err: '',
      })
      expect(await cli('check-code', 'EXPIRED5')).toEqual({
        code: 1,
        out: 'EXPIRED5: expired - Refused: expired on 31 Dec 2001',
        err: '',
      })
      const unknown = await cli('check-code', 'NOSUCH', '--json')
      expect(unknown.code).toBe(1)
      expect(JSON.parse(unknown.out)).toMatchObject({
        status: 'unknown',
        canSell: false,
        needsConfirmation: true,
        code: 'NOSUCH',
      })
      expect((await cli('check-code')).code).toBe(2)
    })
  })

  describe('sales', () => {
    beforeEach(async () => {
      expect((await cli('import-coupons', couponFile)).code).toBe(0)
    })

    it('registers a sale and prints its order id', async () => {
      const result = await cli('sale', '--coupon', 'welcome10', '--amount', '12.50')

      expect(result).toEqual({
        code: 0,
        out: `Saved T9-${today()}-0001: WELCOME10 12.50 EUR (Anna Schmidt)`,
        err: '',
      })
      const json = await cli('sale', '--coupon', 'WELCOME10', '--amount', '3', '--json')
      expect(json.code).toBe(0)
      expect(JSON.parse(json.out)).toMatchObject({
        sale: { orderId: `T9-${today()}-0002`, amountMinor: 300, source: 'cli', state: 'saved' },
        warnings: [],
      })
    })

    it('refuses a sale with exit 1 and the reason on stderr, saving nothing', async () => {
      expect(await cli('sale', '--coupon', 'EXPIRED5', '--amount', '5.00')).toEqual({
        code: 1,
        out: '',
        err: 'Error: Refused: expired on 31 Dec 2001',
      })
      const unknown = await cli('sale', '--coupon', 'NEWCODE', '--amount', '5.00')
      expect(unknown.code).toBe(1)
      expect(unknown.err).toMatch(
        /^Error: Not in the coupon list \(updated .* ago\)\. If the coupon is new, you can save the sale as unverified\.$/,
      )
      const badAmount = await cli('sale', '--coupon', 'WELCOME10', '--amount', 'ten')
      expect(badAmount.code).toBe(1)
      expect(badAmount.err).toMatch(/^Error: "ten" is not an amount/)
      expect((await cli('sale', '--coupon', 'WELCOME10')).code).toBe(2)

      const status = JSON.parse((await cli('status', '--json')).out) as { sales: { total: number } }
      expect(status.sales.total).toBe(0)
    })

    it('saves an unknown code with --allow-unverified and warns about it', async () => {
      const result = await cli(
        'sale',
        '--coupon',
        'NEWCODE',
        '--amount',
        '5.00',
        '--allow-unverified',
      )

      expect(result).toEqual({
        code: 0,
        out: `Saved T9-${today()}-0001: NEWCODE 5.00 EUR`,
        err: 'Warning: Saved as unverified: the code is not in the coupon list.',
      })
      const status = JSON.parse((await cli('status', '--json')).out) as {
        sales: { unverified: number }
      }
      expect(status.sales.unverified).toBe(1)
    })

    it('reports status as JSON with the sales by state, the oldest unsent sale and the catalogue', async () => {
      const before = Date.now()
      await cli('sale', '--coupon', 'WELCOME10', '--amount', '12.50')
      await cli('sale', '--coupon', 'WELCOME10', '--amount', '2.50')
      await cli('void', `T9-${today()}-0002`)

      const result = await cli('status', '--json')

      expect(result.code).toBe(0)
      const status = JSON.parse(result.out) as {
        terminalId: string
        dataDir: string
        sales: { total: number; byState: Record<string, number>; oldestUnsentAt: number | null }
        catalogue: { coupons: number; importedAt: number | null; lastImportFile: string | null }
      }
      expect(status).toMatchObject({
        terminalId: 'T9',
        dataDir,
        catalogue: { coupons: 3, lastImportFile: 'coupons.csv' },
      })
      expect(Object.keys(status.sales.byState).sort()).toEqual([...SALE_STATES].sort())
      expect(status.sales.byState).toEqual({
        saved: 1,
        sending: 0,
        submitted: 0,
        accepted: 0,
        duplicate: 0,
        needs_attention: 0,
        voided: 1,
      })
      expect(status.sales.total).toBe(2)
      expect(status.sales.oldestUnsentAt).toBeGreaterThanOrEqual(before)
      expect(status.sales.oldestUnsentAt).toBeLessThanOrEqual(Date.now())
      expect(status.catalogue.importedAt).toBeLessThanOrEqual(before)

      const text = await cli('status')
      expect(text.out).toContain('Sales: 2')
      expect(text.out).toContain('Catalogue: 3 coupons, imported')
    })

    it('exports sales to a file with formula-looking cells escaped', async () => {
      await cli('sale', '--coupon', 'WELCOME10', '--amount', '12.50')
      await cli('sale', '--coupon', '=EVIL', '--amount', '7.00', '--order-id', '@SUM(1)')
      await cli('sale', '--coupon', 'WELCOME10', '--amount', '1.00')
      await cli('void', `T9-${today()}-0002`)
      const out = path.join(dir, 'export.csv')

      const result = await cli('export-sales', '--out', out)

      expect(result).toEqual({ code: 0, out: `Wrote 2 sales to ${out}`, err: '' })
      expect(readFileSync(out, 'utf8')).toBe(
        `WELCOME10,12.50,T9-${today()}-0001,${businessDate(Date.now(), ZONE)}\r\n"'=EVIL",7.00,"'@SUM(1)",${businessDate(Date.now(), ZONE)}\r\n`,
      )

      const full = path.join(dir, 'full.csv')
      expect((await cli('export-sales', '--layout', 'full', '--out', full)).code).toBe(0)
      const rows = Papa.parse<string[]>(readFileSync(full, 'utf8').trimEnd(), {
        newline: '\r\n',
      }).data
      expect(rows).toHaveLength(4)
      expect(rows[0]?.[0]).toBe('order_id')
      expect(rows.map((row) => [row[0], row[1], row[6]])).toEqual([
        ['order_id', 'coupon', 'state'],
        [`T9-${today()}-0001`, 'WELCOME10', 'saved'],
        ["'@SUM(1)", "'=EVIL", 'saved'],
        [`T9-${today()}-0002`, 'WELCOME10', 'voided'],
      ])

      const voided = path.join(dir, 'voided.csv')
      expect(await cli('export-sales', '--status', 'voided', '--out', voided, '--json')).toEqual({
        code: 0,
        out: JSON.stringify({ file: voided, rows: 1, layout: 'affiliationsoftware' }),
        err: '',
      })
      expect((await cli('export-sales', '--layout', 'excel', '--out', out)).code).toBe(2)
      expect((await cli('export-sales', '--status', 'lost', '--out', out)).code).toBe(2)
    })

    it('lists the newest sales, filtered by state and search', async () => {
      await cli('sale', '--coupon', 'WELCOME10', '--amount', '12.50')
      await cli(
        'sale',
        '--coupon',
        'NEWCODE',
        '--amount',
        '3.00',
        '--allow-unverified',
        '--order-id',
        'R-77',
      )
      await cli('void', 'R-77')

      const all = await cli('sales')
      expect(all.code).toBe(0)
      const lines = all.out.split('\n')
      expect(lines).toHaveLength(3)
      expect(lines[0]).toMatch(/^2\t.*\tR-77\tNEWCODE\t3\.00 EUR\tvoided\tunverified$/)
      expect(lines[1]).toMatch(
        new RegExp(`^1\\t.*\\tT9-${today()}-0001\\tWELCOME10\\t12\\.50 EUR\\tsaved$`),
      )
      expect(lines[2]).toBe('2 of 2 sales')

      const voided = JSON.parse((await cli('sales', '--status', 'voided', '--json')).out) as {
        total: number
        rows: { orderId: string }[]
      }
      expect(voided.total).toBe(1)
      expect(voided.rows.map((row) => row.orderId)).toEqual(['R-77'])
      const searched = JSON.parse((await cli('sales', '--search', 'welcome', '--json')).out) as {
        total: number
      }
      expect(searched.total).toBe(1)
      expect((await cli('sales', '--limit', '0')).code).toBe(2)
      expect((await cli('sales', '--status', 'lost')).code).toBe(2)
    })

    it('voids a sale by order id once, and says why it cannot twice or for an unknown id', async () => {
      await cli('sale', '--coupon', 'WELCOME10', '--amount', '12.50', '--order-id', 'R-1')
      await cli('sale', '--coupon', 'WELCOME10', '--amount', '12.50', '--order-id', 'R-10')

      expect(await cli('void', 'R-1', '--reason', 'typed twice')).toEqual({
        code: 0,
        out: 'Voided R-1',
        err: '',
      })
      expect(await cli('void', 'R-1')).toEqual({
        code: 1,
        out: '',
        err: 'Error: Sale R-1 cannot be voided here: it is "Voided"',
      })
      expect(await cli('void', 'NOPE')).toEqual({
        code: 1,
        out: '',
        err: 'Error: No sale with order ID NOPE',
      })
      expect((await cli('void')).code).toBe(2)

      const rows = JSON.parse((await cli('sales', '--json')).out) as {
        rows: { orderId: string; state: string; voidReason: string | null }[]
      }
      expect(
        rows.rows.map(({ orderId, state, voidReason }) => ({ orderId, state, voidReason })),
      ).toEqual([
        { orderId: 'R-10', state: 'saved', voidReason: null },
        { orderId: 'R-1', state: 'voided', voidReason: 'typed twice' },
      ])
    })
  })

  it('refuses with exit 1 to open a database a newer CouponDesk wrote', async () => {
    const db = openDatabase(databasePath(dataDir))
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 10}`)
    db.close()

    const result = await cli('status', '--json')

    expect(result.code).toBe(1)
    expect(JSON.parse(result.out)).toMatchObject({ ok: false, error: { code: 'DB_TOO_NEW' } })
    expect((await cli('status')).err).toMatch(
      /^Error: This database was written by a newer CouponDesk/,
    )
  })

  it('runs as a real process through tsx and prints status as JSON', async () => {
    expect(
      (await cli('sale', '--coupon', 'ANY1', '--amount', '4.20', '--allow-unverified')).code,
    ).toBe(0)

    const result = await runProcess(
      'npx',
      ['tsx', 'electron/cli/index.ts', 'status', '--json', '--data-dir', dataDir],
      { cwd: REPO_ROOT },
    )

    expect(result.code, result.stderr).toBe(0)
    const status = JSON.parse(result.stdout) as {
      terminalId: string
      sales: { total: number; byState: Record<string, number> }
    }
    expect(status.terminalId).toBe('T9')
    expect(status.sales.total).toBe(1)
    expect(status.sales.byState.saved).toBe(1)
  })
})
