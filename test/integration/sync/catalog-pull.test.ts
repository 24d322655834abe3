import { afterEach, describe, expect, it } from 'vitest'
import type { JobProgress } from '../../../electron/shared/contract'
import type { FakePlatform } from '../../helpers/fakes'
import { FakePap, FakePartnero, FakePostback } from '../../helpers/fakes'
import type { SyncTestCore } from '../../helpers/sync-harness'
import { openSyncCore, partneroPatch } from '../../helpers/sync-harness'
import { useTempDirs } from '../../helpers/temp-dir'

const newDir = useTempDirs('catalog-pull')

describe('"Update coupons" from the platform', () => {
  const cores: SyncTestCore[] = []
  const fakes: FakePlatform[] = []
  afterEach(async () => {
    for (const core of cores.splice(0)) core.close()
    for (const fake of fakes.splice(0)) await fake.close()
  })
  const open = async (fake: FakePlatform, platform: Parameters<typeof openSyncCore>[0]['platform']): Promise<SyncTestCore> => {
    fakes.push(fake)
    const core = await openSyncCore({ dataDir: newDir(), fake, platform, start: false })
    cores.push(core)
    return core
  }
  const loadList = (t: SyncTestCore, csv: string) => t.call('catalog:import', { fileName: 'old.csv', bytes: new TextEncoder().encode(csv), mode: 'replace' })

  it('replaces the catalogue with Partnero\'s codes, with partner, expiry, minimum order and usage, reporting progress', async () => {
    const fake = await new FakePartnero({
      token: 'tok',
      promotionCodeCount: 600,
      promotionCodeAt: (index) => (index === 0 ? { code: 'ANNA10', partnerKey: 'anna', partnerName: 'Anna Schmidt', expires: '2026-12-31', minimumOrder: 20, maxRedemptions: 50, timesRedeemed: 3 } : { code: `CODE${index}` }),
    }).start()
    const t = await open(fake, partneroPatch(fake, 'tok'))
    await loadList(t, 'code\nGONE1\n')

    const result = await t.call('catalog:pull', {})
    expect(result).toMatchObject({ platform: 'partnero', received: 600, imported: 600, refused: 0, pages: 3, couponsInCatalogue: 600 })
    expect(await t.call('catalog:status', {})).toMatchObject({ coupons: 600, lastImportFile: 'platform:partnero' })
    const anna = await t.call('catalog:check-code', { code: 'anna10', amount: '25' })
    expect(anna).toMatchObject({ status: 'valid', coupon: { affiliateId: 'anna', affiliateName: 'Anna Schmidt', minOrderMinor: 2000, maxUses: 50, timesUsed: 3 } })
    expect((await t.call('catalog:check-code', { code: 'GONE1' })).status).toBe('unknown')
    const phases = t.events.filter((entry) => entry.event === 'job:progress' && (entry.payload as JobProgress).kind === 'catalog-download').map((entry) => (entry.payload as JobProgress).phase)
    expect(phases[0]).toBe('downloading')
    expect(phases.slice(-2)).toEqual(['saving', 'done'])
    expect(t.events.some((entry) => entry.event === 'catalog:changed')).toBe(true)
  })

  it('downloads Post Affiliate Pro coupons banner by banner with the merchant login', async () => {
    const fake = await new FakePap({
      username: 'm@x',
      password: 'pw',
      banners: [{ id: 'b1', name: 'Coupons', campaignid: 'c1', campaignname: 'Spring', coupons: [{ code: 'PAP1', userid: 'u1', firstname: 'Pia', lastname: 'Lang', validTo: '2026-12-31 23:59:59' }, { code: 'PAP2', userid: 'u2', status: 'D' }] }],
    }).start()
    const t = await open(fake, { active: 'pap', platform: 'pap', fields: { baseUrl: fake.url, username: 'm@x' }, secrets: { password: 'pw' } })
    expect(await t.call('catalog:pull', {})).toMatchObject({ platform: 'pap', received: 2, imported: 2 })
    expect(await t.call('catalog:check-code', { code: 'pap1' })).toMatchObject({ status: 'valid', coupon: { affiliateName: 'Pia Lang', campaignName: 'Spring' } })
    expect((await t.call('catalog:check-code', { code: 'PAP2' })).status).toBe('inactive')
  })

  it('keeps the old catalogue when the download fails half-way or is cancelled', async () => {
    const fake = await new FakePartnero({ token: 'tok', latencyMs: 10, promotionCodeCount: 5_000, promotionCodeAt: (index) => ({ code: `NEW${index}` }) }).start()
    const t = await open(fake, partneroPatch(fake, 'tok'))
    await loadList(t, 'code\nKEEP1\nKEEP2\n')

    fake.failNext('http500', 1, (request) => request.query.get('page') === '3')
    expect(await t.core.invoke('catalog:pull', {})).toMatchObject({ ok: false, error: { code: 'PLATFORM_REFUSED', message: expect.stringMatching(/HTTP 500/) as string } })
    expect(await t.call('catalog:status', {})).toMatchObject({ coupons: 2, lastImportFile: 'old.csv' })

    const stop = t.core.onEvent((event, payload) => {
      if (event === 'job:progress' && (payload as JobProgress).processed >= 250) void t.core.invoke('job:cancel', { kind: 'catalog-download' })
    })
    expect(await t.core.invoke('catalog:pull', {})).toMatchObject({ ok: false, error: { code: 'CANCELLED' } })
    stop()
    expect(await t.call('catalog:status', {})).toMatchObject({ coupons: 2, lastImportFile: 'old.csv' })
    expect((await t.call('catalog:check-code', { code: 'KEEP1' })).status).toBe('valid')

    await fake.down()
    expect(await t.core.invoke('catalog:pull', {})).toMatchObject({ ok: false, error: { code: 'PLATFORM_UNREACHABLE' } })
  })

  it('refuses a platform list with no codes rather than emptying the catalogue, and names codes it cannot take', async () => {
    const empty = await new FakePartnero({ token: 'tok' }).start()
    const t = await open(empty, partneroPatch(empty, 'tok'))
    await loadList(t, 'code\nKEEP1\n')
    expect(await t.core.invoke('catalog:pull', {})).toMatchObject({ ok: false, error: { code: 'IMPORT_FAILED', message: 'The platform listed no coupons; the catalogue was not changed' } })

    const messy = await new FakePartnero({ token: 'tok', promotionCodes: [{ code: 'GOOD1' }, { code: '' }, { code: 'BAD-DATE', expires: 'someday' }, { code: 'good1' }] }).start()
    const t2 = await open(messy, partneroPatch(messy, 'tok'))
    const result = await t2.call('catalog:pull', {})
    expect(result).toMatchObject({ received: 4, imported: 1, refused: 3 })
    expect(result.problems.map((problem) => [problem.line, problem.field])).toEqual([
      [2, 'code'],
      [3, 'valid_to'],
      [4, 'code'],
    ])
  })

  it('says where the coupons come from when the platform offers no download', async () => {
    const fake = await new FakePostback({ orderParam: 'o', couponParam: 'c', amountParam: 'a' }).start()
    const t = await open(fake, { active: 'postback', platform: 'postback', fields: { baseUrl: fake.url, template: '/pb?o={order_id}' } })
    expect(await t.core.invoke('catalog:pull', {})).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED', message: expect.stringMatching(/export the coupons there and load the file/) as string } })
    const noLogin = await new FakePap().start()
    const t2 = await open(noLogin, { active: 'pap', platform: 'pap', fields: { baseUrl: noLogin.url } })
    expect(await t2.core.invoke('catalog:pull', {})).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED', message: expect.stringMatching(/needs the merchant login/) as string } })
  })
})
