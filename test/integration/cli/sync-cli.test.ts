import { statSync } from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runCli } from '../../../electron/cli/run-cli'
import { FakePartnero } from '../../helpers/fakes'
import { useTempDirs } from '../../helpers/temp-dir'

const newDir = useTempDirs('sync-cli')

interface CliRun {
  code: number
  out: string
  err: string
}

describe('the command line for the platform', () => {
  let dataDir = ''
  let fake: FakePartnero
  let stdin = ''

  const cli = async (...argv: string[]): Promise<CliRun> => {
    const out: string[] = []
    const err: string[] = []
    const code = await runCli([...argv, '--data-dir', dataDir], {
      out: (text) => out.push(text),
      err: (text) => err.push(text),
      readStdin: () => Promise.resolve(stdin),
    })
    return { code, out: out.join('\n'), err: err.join('\n') }
  }

  beforeEach(async () => {
    dataDir = path.join(newDir(), 'data')
    fake = await new FakePartnero({ token: 'sk_live_CLI', partners: ['anna'], promotionCodes: [{ code: 'ANNA10', partnerKey: 'anna', partnerName: 'Anna' }, { code: 'BOB5' }] }).start()
    expect((await cli('config', 'set', 'terminalId', 'T9')).code).toBe(0)
  })
  afterEach(async () => {
    await fake.close()
  })

  const configure = async (): Promise<void> => {
    expect(await cli('config', 'set', 'platform', 'partnero')).toMatchObject({ code: 0, out: 'platform = partnero', err: 'Still to set: Partnero: API token: not set' })
    expect(await cli('config', 'set', 'partnero.baseUrl', `${fake.url}/`)).toEqual({ code: 0, out: `partnero.baseUrl = ${fake.url}`, err: '' })
    expect(await cli('config', 'set', 'sync.backoffBaseMs', '5')).toMatchObject({ code: 0, out: 'sync.backoffBaseMs = 5' })
  }

  it('keeps a secret given on the command line without echoing it, in a file only the user can read', async () => {
    await configure()
    const saved = await cli('config', 'set', 'partnero.apiToken', 'sk_live_CLI')
    expect(saved.code).toBe(0)
    expect(saved.out).toMatch(/^partnero\.apiToken saved \(kept in .*secrets\.json, readable only by your user account \(mode 0600\), not encrypted/)
    expect(saved.out + saved.err).not.toContain('sk_live_CLI')
    expect(statSync(path.join(dataDir, 'secrets.json')).mode & 0o777).toBe(0o600)

    const shown = await cli('config', 'get', 'platform')
    expect(shown.out).toContain('partnero.apiToken = (set)')
    expect(shown.out).toContain(`partnero.baseUrl = ${fake.url}`)
    expect(shown.out).not.toContain('sk_live_CLI')
    expect(await cli('config', 'get', 'partnero.apiToken')).toMatchObject({ code: 0, out: 'set' })
  })

  it('reads a secret given as "-" from standard input', async () => {
    await configure()
    stdin = 'sk_live_CLI\n'
    expect((await cli('config', 'set', 'partnero.apiToken', '-')).code).toBe(0)
    expect((await cli('sync', '--once')).code).toBe(0)
  })

  it('sends waiting sales with sync --once, printing each outcome, and counts per outcome with --json', async () => {
    await configure()
    await cli('config', 'set', 'partnero.apiToken', 'sk_live_CLI')
    await cli('sale', '--coupon', 'WALKIN1', '--amount', '12.50', '--allow-unverified')
    await cli('sale', '--coupon', 'WALKIN2', '--amount', '3', '--allow-unverified')

    const text = await cli('sync', '--once')
    expect(text.code).toBe(0)
    expect(text.err).toBe('Sending to Partnero: 2 sale(s) waiting')
    expect(text.out.split('\n').sort()).toEqual([expect.stringMatching(/^Done: 2 accepted; 0 sale\(s\) still waiting\.$/) as string, expect.stringMatching(/^T9-\d{8}-0001: accepted$/) as string, expect.stringMatching(/^T9-\d{8}-0002: accepted$/) as string].sort())
    expect(fake.conversions.size).toBe(2)

    await cli('sale', '--coupon', 'WALKIN3', '--amount', '1', '--allow-unverified')
    const json = JSON.parse((await cli('sync', '--once', '--json')).out) as { ok: boolean; outcomes: Record<string, number>; remaining: number }
    expect(json).toMatchObject({ ok: true, remaining: 0, outcomes: { accepted: 1, rejected: 0, retry: 0 } })

    const status = JSON.parse((await cli('status', '--json')).out) as { sync: Record<string, unknown> }
    expect(status.sync).toMatchObject({ platform: 'partnero', state: 'checking', waiting: 0, needsAttention: 0, isRunning: false })
    expect(status.sync.lastSuccessAt).toEqual(expect.any(Number))
  })

  it('exits 1 and says why when the platform refuses the token or cannot be reached', async () => {
    await configure()
    await cli('config', 'set', 'partnero.apiToken', 'wrong')
    await cli('sale', '--coupon', 'WALKIN1', '--amount', '12.50', '--allow-unverified')
    const refused = await cli('sync', '--once')
    expect(refused.code).toBe(1)
    expect(refused.err).toMatch(/Partnero refused the credentials \(HTTP 401/)

    await cli('config', 'set', 'partnero.apiToken', 'sk_live_CLI')
    await fake.down()
    const offline = await cli('sync', '--once', '--json')
    expect(offline.code).toBe(1)
    expect(JSON.parse(offline.out)).toMatchObject({ remaining: 1, state: 'offline', lastError: expect.stringMatching(/connection refused/) as string })
  })

  it('downloads the coupon list with pull-coupons', async () => {
    await configure()
    await cli('config', 'set', 'partnero.apiToken', 'sk_live_CLI')
    const pulled = await cli('pull-coupons')
    expect(pulled).toMatchObject({ code: 0, out: '2 codes from partnero in 1 page(s): 2 imported, 0 refused. The catalogue now holds 2 coupons.' })
    expect(JSON.parse((await cli('check-code', 'anna10', '--json')).out)).toMatchObject({ status: 'valid', coupon: { affiliateId: 'anna', affiliateName: 'Anna' } })
  })

  it('names what is wrong with a platform setting and changes nothing', async () => {
    expect(await cli('config', 'set', 'platform', 'tiktok')).toMatchObject({ code: 1, err: 'Error: Unknown platform "tiktok". Platforms: pap, partnero, affiliationsoftware, swaarm, postback, or none' })
    expect(await cli('config', 'set', 'pap.baseUrl', 'shop.example.com')).toMatchObject({ code: 1, err: 'Error: pap.baseUrl: "shop.example.com" is not a web address (start it with https://)' })
    expect((await cli('config', 'set', 'pap.colour', 'red')).err).toMatch(/^Error: Unknown setting "pap.colour". Known: pap.baseUrl, pap.accountId/)
    expect(await cli('config', 'set', 'sync.concurrency', '0')).toMatchObject({ code: 1, err: 'Error: sync.concurrency: Too small: expected number to be >=1' })
    expect(await cli('config', 'set', 'postback.template', '/pb?o={orderid}')).toMatchObject({ code: 1, err: expect.stringMatching(/unknown placeholder \{orderid\}/) as string })
    expect(await cli('sync', '--once')).toMatchObject({ code: 1, err: 'Error: Choose the platform in Settings > Platform.' })
    expect((await cli('config', 'get', 'platform')).out).toMatch(/^platform = none/)
  })

  it('lists the platform fields with their help in config keys', async () => {
    const keys = await cli('config', 'keys')
    expect(keys.out).toContain('partnero.apiToken')
    expect(keys.out).toMatch(/affiliationsoftware\.couponParam\s+The name your tracking code uses for the coupon: cc or d\./)
    expect(keys.out).toMatch(/sync\.concurrency\s+Requests to the platform at the same time/)
  })
})
