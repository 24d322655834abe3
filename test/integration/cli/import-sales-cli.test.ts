import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { runCli } from '../../../electron/cli/run-cli'
import { useTempDirs } from '../../helpers/temp-dir'

const newDir = useTempDirs('cli-import-sales')

interface CliRun {
  code: number
  out: string
  err: string
}

function expectFailure(run: CliRun, code: number, text: string): void {
  expect(run.code).toBe(code)
  expect(run.err).toContain(text)
}

describe('import-sales on the command line', () => {
  let dir = ''
  let dataDir = ''

  const cli = async (...argv: string[]): Promise<CliRun> => {
    const out: string[] = []
    const err: string[] = []
    const code = await runCli([...argv, '--data-dir', dataDir], { out: (text) => out.push(text), err: (text) => err.push(text) })
    return { code, out: out.join('\n'), err: err.join('\n') }
  }
  const write = (name: string, text: string): string => {
    const file = path.join(dir, name)
    writeFileSync(file, text)
    return file
  }

  beforeEach(async () => {
    dir = newDir()
    dataDir = path.join(dir, 'data')
    expect((await cli('config', 'set', 'timeZone', 'Europe/Berlin')).code).toBe(0)
    expect((await cli('import-coupons', write('coupons.csv', 'code,affiliate_name\nANNA10,Anna\nBOB20,Bob\n'))).code).toBe(0)
  })

  it('prints one JSON object with imported, refused and duplicates and writes the refused rows next to the file', async () => {
    const file = write('till-export.csv', 'coupon,amount,order,date\nANNA10,10.00,C-1,2026-11-20\nNOPE,5.00,C-2,2026-11-20\nANNA10,10.00,C-1,2026-11-20\n')
    const run = await cli('import-sales', file, '--json')
    expect(run.code).toBe(0)
    const result = JSON.parse(run.out) as Record<string, unknown>
    expect(result).toMatchObject({ imported: 1, refused: 1, duplicates: 1, status: 'committed' })
    const refusedFile = path.join(dir, 'till-export.refused.csv')
    expect(result.refusedRowsFile).toBe(refusedFile)
    const refused = readFileSync(refusedFile, 'utf8')
    expect(refused).toContain('3,refused,coupon NOPE is not in the coupon list,NOPE,5.00,C-2,2026-11-20')
    expect(refused).toContain('4,duplicate,order ID C-1 is already on line 2 of this file')

    const again = await cli('import-sales', file)
    expect(again.code).toBe(0)
    expect(again.out).toContain('0 sales imported, 1 rows refused, 2 duplicates')
    expect(again.out).toMatch(/This file was imported before, on .* \(import #1\)/)
  })

  it('checks without saving with --dry-run', async () => {
    const file = write('dry.csv', 'coupon,amount,order,date\nANNA10,10.00,D-1,2026-11-20\n')
    const run = await cli('import-sales', file, '--dry-run')
    expect(run.code).toBe(0)
    expect(run.out).toContain('1 sales would be imported (dry run)')
    const sales = await cli('sales', '--json')
    expect(JSON.parse(sales.out)).toMatchObject({ total: 0 })
  })

  it('exits 1 and imports nothing when a row is refused with --all-or-nothing', async () => {
    const file = write('strict.csv', 'coupon,amount,order,date\nANNA10,10.00,S-1,2026-11-20\nANNA10,0,S-2,2026-11-20\n')
    const run = await cli('import-sales', file, '--all-or-nothing', '--json')
    expect(run.code).toBe(1)
    expect(JSON.parse(run.out)).toMatchObject({ ok: false, status: 'refused', imported: 0, refused: 1 })
    expect(existsSync(path.join(dir, 'strict.refused.csv'))).toBe(true)
    expect(JSON.parse((await cli('sales', '--json')).out)).toMatchObject({ total: 0 })
  })

  it('takes the mapping by header name or column number, and the answers the file leaves open', async () => {
    const file = write('kasse.csv', 'Gutscheinnummer;Summe;Bon;Zeitpunkt\nANNA10;1.234,50;K-1;03.04.2026 10:00\n')
    const unanswered = await cli('import-sales', file)
    expect(unanswered.code).toBe(1)
    expect(unanswered.err).toContain('needs an answer before it can be imported')
    expect(unanswered.err).toContain('which column holds coupon')
    const run = await cli('import-sales', file, '--json', '--mapping', JSON.stringify({ columns: { coupon: 'Gutscheinnummer', date: 3 }, dateOrder: 'dmy' }))
    expect(run.code).toBe(0)
    expect(JSON.parse(run.out)).toMatchObject({ imported: 1, refused: 0 })
    const exported = await cli('export-sales', '--layout', 'affiliationsoftware')
    expect(exported.code).toBe(0)
  })

  it('names what is wrong with --mapping and exits 2', async () => {
    const file = write('x.csv', 'coupon,amount,order,date\nANNA10,10.00,X-1,2026-11-20\n')
    expectFailure(await cli('import-sales', file, '--mapping', '{not json'), 2, '--mapping is not JSON')
    expectFailure(await cli('import-sales', file, '--mapping', '{"columns":{"price":1}}'), 2, 'unknown field "price"')
    expectFailure(await cli('import-sales', file, '--mapping', '{"columns":{"coupon":"Nope"}}'), 2, 'no column named "Nope"')
    expectFailure(await cli('import-sales', file, '--mapping', '{"decimal":"dot"}'), 2, 'decimal')
    expectFailure(await cli('import-sales', path.join(dir, 'missing.csv')), 1, 'No such file')
  })
})
