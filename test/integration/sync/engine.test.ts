import { statSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { listAudit } from '../../../electron/core/db/audit-repo'
import { claimDueWork, outboxForSale } from '../../../electron/core/db/outbox-repo'
import { POSTBACK_PRESETS } from '../../../electron/shared/platform-config'
import { FakeAffiliationSoftware, FakePap, FakePartnero, FakePostback } from '../../helpers/fakes'
import type { FakePlatform } from '../../helpers/fakes'
import type { SyncTestCore } from '../../helpers/sync-harness'
import { allFinal, openSyncCore, partneroPatch } from '../../helpers/sync-harness'
import { useTempDirs } from '../../helpers/temp-dir'

const newDir = useTempDirs('sync-engine')

describe('the sync engine', () => {
  const open: SyncTestCore[] = []
  const fakes: FakePlatform[] = []
  afterEach(async () => {
    for (const core of open.splice(0)) core.close()
    for (const fake of fakes.splice(0)) await fake.close()
  })

  const partnero = async (options: ConstructorParameters<typeof FakePartnero>[0] = {}): Promise<FakePartnero> => {
    const fake = await new FakePartnero({ partners: ['anna', 'bob'], ...options }).start()
    fakes.push(fake)
    return fake
  }
  const openCore = async (options: Parameters<typeof openSyncCore>[0]): Promise<SyncTestCore> => {
    const core = await openSyncCore(options)
    open.push(core)
    return core
  }
  const ringUp = async (t: SyncTestCore, count: number, code = 'WALKIN'): Promise<string[]> => {
    const ids: string[] = []
    for (let index = 0; index < count; index++) {
      ids.push((await t.call('sale:register', { code, amount: `${10 + index}.50`, allowUnverified: true })).sale.orderId)
    }
    return ids
  }
  const states = async (t: SyncTestCore): Promise<Record<string, string>> => Object.fromEntries((await t.sales()).map((sale) => [sale.orderId, sale.state]))

  it('sends every waiting sale once, as soon as it starts, and says when the last one went through', async () => {
    const fake = await partnero()
    const dataDir = newDir()
    const t = await openCore({ dataDir, fake, platform: partneroPatch(fake), start: false })
    const ids = await ringUp(t, 5)
    expect((await t.call('sync:status', {})).waiting).toBe(5)

    t.core.context.sync.start()
    await t.waitFor(async () => allFinal(await t.sales()), 'every sale accepted')

    expect(Object.values(await states(t))).toEqual(['accepted', 'accepted', 'accepted', 'accepted', 'accepted'])
    expect(ids.map((id) => fake.conversionsOf(id))).toEqual([1, 1, 1, 1, 1])
    await t.waitFor(async () => (await t.call('sync:status', {})).waiting === 0, 'status caught up')
    const status = await t.call('sync:status', {})
    expect(status).toMatchObject({ platform: 'partnero', state: 'online', waiting: 0, oldestWaitingAt: null, needsAttention: 0, stuck: false, isRunning: true })
    expect(status.lastSuccessAt).not.toBeNull()
    await t.waitFor(() => t.events.some((entry) => entry.event === 'sync:status-changed'), 'a status event')
  })

  it('wakes on a new sale without waiting for a timer', async () => {
    const fake = await partnero()
    const t = await openCore({ dataDir: newDir(), fake, platform: partneroPatch(fake), tuning: { probeIntervalMs: 600_000 } })
    await t.waitFor(async () => (await t.call('sync:status', {})).state === 'online', 'online')
    const [id = ''] = await ringUp(t, 1)
    await t.waitFor(() => fake.conversionsOf(id) === 1, 'the sale at the platform', 2_000)
    await t.waitFor(async () => (await t.sale(id)).state === 'accepted', 'accepted', 2_000)
  })

  it('keeps a sale the platform refused with its reason and moves on with the rest', async () => {
    const fake = await partnero()
    const t = await openCore({ dataDir: newDir(), fake, platform: partneroPatch(fake), start: false })
    await t.call('catalog:import', { fileName: 'codes.csv', bytes: new TextEncoder().encode('code,affiliate_id\nANNA10,anna\nGHOST5,ghost\n'), mode: 'replace' })
    const good = (await t.call('sale:register', { code: 'ANNA10', amount: '12.50' })).sale.orderId
    const bad = (await t.call('sale:register', { code: 'GHOST5', amount: '9.99' })).sale.orderId
    const after = (await t.call('sale:register', { code: 'ANNA10', amount: '3.00' })).sale.orderId
    t.core.context.sync.start()
    await t.waitFor(async () => allFinal(await t.sales()), 'all sales final')

    expect(await states(t)).toEqual({ [good]: 'accepted', [bad]: 'needs_attention', [after]: 'accepted' })
    const refused = await t.sale(bad)
    expect(refused.lastError).toBe('Partnero refused the sale (HTTP 422): The given data was invalid.; customer.partner.key: The selected partner is invalid.')
    expect(refused.sync).toMatchObject({ attention: 'rejected', attempts: 1 })
    expect((await t.call('sync:status', {})).needsAttention).toBe(1)
  })

  it('pauses on a configuration error, says what to fix, and goes on by itself once the settings are fixed', async () => {
    const fake = await partnero({ token: 'right' })
    const t = await openCore({ dataDir: newDir(), fake, platform: partneroPatch(fake, 'wrong'), start: false })
    const [id = ''] = await ringUp(t, 2)
    t.core.context.sync.start()
    await t.waitFor(async () => (await t.call('sync:status', {})).pausedBy === 'config', 'paused by the configuration')
    const paused = await t.call('sync:status', {})
    expect(paused).toMatchObject({ state: 'paused', pausedBy: 'config', waiting: 2 })
    expect(paused.problem).toMatch(/Partnero refused the credentials \(HTTP 401/)
    // Both went out in the first cycle; neither is tried again while paused.
    expect(fake.requests.filter((request) => request.method === 'POST')).toHaveLength(2)
    expect((await t.sale(id)).state).toBe('saved')

    await t.call('platform:save-config', { platform: 'partnero', secrets: { apiToken: 'right' } })
    await t.waitFor(async () => allFinal(await t.sales()), 'sent after the fix')
    expect(Object.values(await states(t))).toEqual(['accepted', 'accepted'])
    expect((await t.call('sync:status', {})).state).toBe('online')
  })

  it('goes offline when the platform cannot be reached, keeps the sales, and sends them by itself once a probe answers', async () => {
    const fake = await partnero()
    await fake.down()
    const t = await openCore({ dataDir: newDir(), fake, platform: partneroPatch(fake) })
    const ids = await ringUp(t, 3)
    await t.waitFor(async () => (await t.call('sync:status', {})).state === 'offline', 'offline')
    const offline = await t.call('sync:status', {})
    expect(offline).toMatchObject({ state: 'offline', waiting: 3 })
    expect(offline.lastError).toMatch(/connection refused/)
    expect(Object.values(await states(t))).toEqual(['saved', 'saved', 'saved'])

    await fake.up()
    await t.waitFor(async () => allFinal(await t.sales()), 'sent once reachable again', 5_000)
    expect(ids.map((id) => fake.conversionsOf(id))).toEqual([1, 1, 1])
    expect((await t.call('sync:status', {})).state).toBe('online')
  })

  it('backs off from 5xx answers, counting attempts and keeping the last error on the sale', async () => {
    const fake = await partnero()
    fake.failNext('http500', 2, (request) => request.method === 'POST')
    const t = await openCore({ dataDir: newDir(), fake, platform: partneroPatch(fake) })
    const [id = ''] = await ringUp(t, 1)
    await t.waitFor(async () => (await t.sale(id)).state === 'accepted', 'accepted after two 500s')
    expect((await t.sale(id)).sync.attempts).toBe(3)
    expect(fake.requests.filter((request) => request.method === 'POST').map((request) => request.fault)).toEqual(['http500', 'http500', null])
    expect(fake.conversionsOf(id)).toBe(1)
  })

  it('holds every request until Retry-After has passed after a 429', async () => {
    const fake = await partnero({ retryAfterSeconds: 1 })
    const t = await openCore({ dataDir: newDir(), fake, platform: partneroPatch(fake), start: false, tuning: { concurrency: 1 } })
    const ids = await ringUp(t, 3)
    fake.failNext('http429', 1, (request) => request.method === 'POST')
    t.core.context.sync.start()
    await t.waitFor(async () => allFinal(await t.sales()), 'all sent after the hold', 10_000)

    const posts = fake.requests.filter((request) => request.method === 'POST')
    const limited = posts.find((request) => request.fault === 'http429')
    const after = posts.filter((request) => request.at > (limited?.at ?? 0))
    expect(after.length).toBeGreaterThan(0)
    expect(Math.min(...after.map((request) => request.at)) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(950)
    expect(ids.map((id) => fake.conversionsOf(id))).toEqual([1, 1, 1])
  })

  it('never runs more requests at once than the concurrency setting', async () => {
    const fake = await partnero({ latencyMs: 20 })
    fake.countsInFlight = (request) => request.path === '/v1/transactions'
    const t = await openCore({ dataDir: newDir(), fake, platform: { ...partneroPatch(fake), fields: { baseUrl: fake.url, redeemCode: false } }, start: false, tuning: { concurrency: 3 } })
    await ringUp(t, 12)
    t.core.context.sync.start()
    await t.waitFor(async () => allFinal(await t.sales()), 'all sent')
    expect(fake.peakInFlight).toBe(3)
  })

  describe('when an answer is lost after the platform applied the sale', () => {
    it('resends to Partnero, which refuses the repeated key, and counts the sale as accepted (not duplicate), once', async () => {
      const fake = await partnero()
      fake.failNext('lost-answer', 1, (request) => request.method === 'POST')
      const t = await openCore({ dataDir: newDir(), fake, platform: partneroPatch(fake) })
      const [id = ''] = await ringUp(t, 1)
      await t.waitFor(async () => (await t.sale(id)).state === 'accepted', 'accepted')
      expect(fake.conversionsOf(id)).toBe(1)
      expect(fake.requests.filter((request) => request.method === 'POST')).toHaveLength(2)
      expect(fake.redemptions.get(id)).toBe('WALKIN')
    })

    it('asks Post Affiliate Pro by order id instead of sending again, once the settle time passed', async () => {
      const fake = await new FakePap({ username: 'm@x.com', password: 'pw' }).start()
      fakes.push(fake)
      fake.failNext('lost-answer', 1, (request) => request.path === '/scripts/sale.php')
      const t = await openCore({
        dataDir: newDir(),
        fake,
        platform: { active: 'pap', platform: 'pap', fields: { baseUrl: fake.url, username: 'm@x.com', verifySettleMinutes: 0 }, secrets: { password: 'pw' } },
      })
      const [id = ''] = await ringUp(t, 1)
      await t.waitFor(async () => (await t.sale(id)).state === 'accepted', 'accepted after the lookup')
      expect(fake.requests.filter((request) => request.path === '/scripts/sale.php')).toHaveLength(1)
      expect(fake.conversionsOf(id)).toBe(1)
    })

    it('hands a plain postback to the manager as "delivery unconfirmed", who can mark it as sent', async () => {
      const fake = await new FakePostback({ orderParam: 'o', couponParam: 'c', amountParam: 'a' }).start()
      fakes.push(fake)
      fake.failNext('lost-answer', 1, (request) => request.path === '/pb')
      const t = await openCore({ dataDir: newDir(), fake, platform: { active: 'postback', platform: 'postback', fields: { baseUrl: fake.url, template: '/pb?o={order_id}&c={coupon}&a={amount}' } } })
      const [id = ''] = await ringUp(t, 1)
      await t.waitFor(async () => (await t.sale(id)).state === 'needs_attention', 'needs attention')
      const sale = await t.sale(id)
      expect(sale.sync.attention).toBe('unconfirmed')
      expect(sale.lastError).toMatch(/^Delivery unconfirmed: .*Check in the platform, then mark it as sent or resend it\./)
      expect(fake.conversionsOf(id)).toBe(1)

      const marked = await t.call('sale:mark-sent', { saleId: sale.id, note: 'seen in the network panel' })
      expect(marked).toMatchObject({ state: 'accepted', sync: { attention: null } })
      expect(listAudit(t.core.db, `sale:${sale.id}`).map((line) => line.action)).toContain('sale.mark-sent')
      expect(fake.conversionsOf(id)).toBe(1)
    })

    it('lets the manager resend an unconfirmed postback the network does not have', async () => {
      const fake = await new FakePostback({ orderParam: 'o', couponParam: 'c', amountParam: 'a' }).start()
      fakes.push(fake)
      fake.failNext('reset-before', 1, (request) => request.path === '/pb')
      const t = await openCore({ dataDir: newDir(), fake, platform: { active: 'postback', platform: 'postback', fields: { baseUrl: fake.url, template: '/pb?o={order_id}' } } })
      const [id = ''] = await ringUp(t, 1)
      await t.waitFor(async () => (await t.sale(id)).state === 'needs_attention', 'needs attention')
      expect(fake.conversionsOf(id)).toBe(0)

      await t.call('sale:fix-and-resend', { saleId: (await t.sale(id)).id })
      await t.waitFor(async () => (await t.sale(id)).state === 'submitted', 'submitted after the resend')
      expect(fake.conversionsOf(id)).toBe(1)
    })

    it('resends an unconfirmed postback by itself when the network is set to ignore repeated order ids', async () => {
      const tune = POSTBACK_PRESETS.tune
      const fake = await new FakePostback({ orderParam: 'adv_sub', couponParam: 'promo_code', amountParam: 'amount', dedupe: true, answers: { success: 'success=true;', duplicate: 'success=false; err_msg=Duplicate', rejected: 'success=false; err_msg=no' } }).start()
      fakes.push(fake)
      fake.failNext('lost-answer', 1, (request) => request.path === '/aff_lsr')
      const t = await openCore({
        dataDir: newDir(),
        fake,
        platform: { active: 'postback', platform: 'postback', fields: { baseUrl: fake.url, preset: 'tune', template: tune.template, successPattern: tune.successPattern, duplicatePattern: tune.duplicatePattern, rejectPattern: tune.rejectPattern, dedupesOrderId: true } },
      })
      const [id = ''] = await ringUp(t, 1)
      await t.waitFor(async () => (await t.sale(id)).state === 'accepted', 'accepted')
      expect(fake.conversionsOf(id)).toBe(1)
    })
  })

  it('confirms submitted sales with the platform later: found becomes accepted, absent after the lookups needs attention', async () => {
    const fake = await new FakeAffiliationSoftware({ apiKey: 'k' }).start()
    fakes.push(fake)
    fake.respondNext({ status: 200, headers: { 'content-type': 'image/gif' }, body: 'GIF' }, 1, (request) => request.path === '/tracking')
    const t = await openCore({
      dataDir: newDir(),
      fake,
      platform: { active: 'affiliationsoftware', platform: 'affiliationsoftware', fields: { baseUrl: fake.url, verifySettleMinutes: 0 }, secrets: { apiKey: 'k' } },
      tuning: { verifyAttempts: 2, verifyDelayMs: 30 },
    })
    const [lost = '', kept = ''] = await ringUp(t, 2)
    await t.waitFor(async () => (await t.sale(kept)).state === 'accepted', 'the kept sale confirmed')
    await t.waitFor(async () => (await t.sale(lost)).state === 'needs_attention', 'the lost sale needs attention')
    expect((await t.sale(lost)).sync.attention).toBe('not_found')
    expect((await t.sale(lost)).lastError).toMatch(/no record of this sale after 2 lookups/)
    expect(fake.conversionsOf(kept)).toBe(1)
  })

  it('recovers sales a killed process left in flight: resent where the platform refuses repeats, to the manager where it cannot tell', async () => {
    const fake = await partnero()
    const dataDir = newDir()
    const first = await openCore({ dataDir, fake, platform: partneroPatch(fake), start: false })
    const [applied = '', notApplied = ''] = await ringUp(first, 2)
    // The dead process: both marked in flight; only the first request reached the platform.
    first.core.db.transaction(() => claimDueWork(first.core.db, Date.now(), 2)).immediate()
    await first.call('sale:register', { code: 'X', amount: '1', allowUnverified: true })
    expect((await first.sale(applied)).state).toBe('sending')
    fake.transactions.set(applied, { key: applied, amount: 10.5, amount_units: 'EUR', action: 'sale', created_at: null, customer: null, partner: null, deleted_at: null })
    fake.conversions.set(applied, 1)
    first.close()
    open.splice(open.indexOf(first), 1)

    const restarted = await openCore({ dataDir, fake, platform: partneroPatch(fake) })
    await restarted.waitFor(async () => allFinal(await restarted.sales()), 'all final after the restart')
    expect((await restarted.sale(applied)).state).toBe('accepted')
    expect((await restarted.sale(notApplied)).state).toBe('accepted')
    expect(fake.doubled()).toEqual([])
    expect(fake.conversionsOf(notApplied)).toBe(1)
  })

  describe('voiding a sale the platform has', () => {
    it('sends the reversal after the sale went through, and refuses without a reversal API unless reversed by hand', async () => {
      const fake = await partnero()
      const t = await openCore({ dataDir: newDir(), fake, platform: partneroPatch(fake) })
      const [id = ''] = await ringUp(t, 1)
      await t.waitFor(async () => (await t.sale(id)).state === 'accepted', 'accepted')
      const voided = await t.call('sale:void', { saleId: (await t.sale(id)).id, reason: 'customer returned it' })
      expect(voided).toMatchObject({ state: 'voided', sync: { reversal: 'pending' } })
      await t.waitFor(async () => (await t.sale(id)).sync.reversal === 'sent', 'reversal sent')
      expect(fake.transactions.get(id)?.deleted_at).not.toBeNull()
      expect((await t.sale(id)).state).toBe('voided')
    })

    it('holds the reversal of a sale still being sent until the sale went through', async () => {
      const fake = await partnero({ latencyMs: 200 })
      const t = await openCore({ dataDir: newDir(), fake, platform: partneroPatch(fake) })
      const [id = ''] = await ringUp(t, 1)
      await t.waitFor(async () => (await t.sale(id)).state === 'sending', 'sending')
      await t.call('sale:void', { saleId: (await t.sale(id)).id })
      await t.waitFor(async () => (await t.sale(id)).sync.reversal === 'sent', 'reversal sent')
      const order = fake.requests.filter((request) => request.path.startsWith('/v1/transactions')).map((request) => request.method)
      expect(order).toEqual(['POST', 'DELETE'])
      expect((await t.sale(id)).state).toBe('voided')
    })

    it('drops the reversal of a sale the platform refused while it was being voided', async () => {
      const fake = await partnero({ latencyMs: 200 })
      const t = await openCore({ dataDir: newDir(), fake, platform: partneroPatch(fake), start: false })
      await t.call('catalog:import', { fileName: 'c.csv', bytes: new TextEncoder().encode('code,affiliate_id\nGHOST5,ghost\n'), mode: 'replace' })
      const id = (await t.call('sale:register', { code: 'GHOST5', amount: '5' })).sale.orderId
      t.core.context.sync.start()
      await t.waitFor(async () => (await t.sale(id)).state === 'sending', 'sending')
      await t.call('sale:void', { saleId: (await t.sale(id)).id })
      await t.waitFor(async () => outboxForSale(t.core.db, (await t.sale(id)).id).every((row) => row.status === 'done' || row.status === 'cancelled'), 'settled')
      expect(outboxForSale(t.core.db, (await t.sale(id)).id).map((row) => [row.kind, row.status])).toEqual([
        ['sale', 'done'],
        ['reversal', 'cancelled'],
      ])
      expect(fake.requests.some((request) => request.method === 'DELETE')).toBe(false)
      expect((await t.sale(id)).sync.reversal).toBeNull()
    })

    it('asks for a manual reversal where the platform has no reversal API', async () => {
      const fake = await new FakePostback({ orderParam: 'o', couponParam: 'c', amountParam: 'a' }).start()
      fakes.push(fake)
      const t = await openCore({ dataDir: newDir(), fake, platform: { active: 'postback', platform: 'postback', fields: { baseUrl: fake.url, template: '/pb?o={order_id}' } } })
      const [id = ''] = await ringUp(t, 1)
      await t.waitFor(async () => (await t.sale(id)).state === 'submitted', 'submitted')
      const saleId = (await t.sale(id)).id
      const refused = await t.core.invoke('sale:void', { saleId })
      expect(refused).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED', message: expect.stringMatching(/Reverse it in Another network \(postback URL\), then void it here as "already reversed at the platform"/) as string } })
      expect(await t.call('sale:void', { saleId, alreadyReversedAtPlatform: true })).toMatchObject({ state: 'voided', sync: { reversal: 'manual' } })
      expect(listAudit(t.core.db, `sale:${saleId}`).map((line) => line.action)).toContain('sale.void-reversed-manually')
    })
  })

  it('fixes a refused sale (coupon and amount, audit-logged) and resends it under the same order id', async () => {
    const fake = await partnero()
    const t = await openCore({ dataDir: newDir(), fake, platform: partneroPatch(fake), start: false })
    await t.call('catalog:import', { fileName: 'c.csv', bytes: new TextEncoder().encode('code,affiliate_id\nANNA10,anna\nGHOST5,ghost\n'), mode: 'replace' })
    const id = (await t.call('sale:register', { code: 'GHOST5', amount: '9.99' })).sale.orderId
    t.core.context.sync.start()
    await t.waitFor(async () => (await t.sale(id)).state === 'needs_attention', 'refused')

    const fixed = await t.call('sale:fix-and-resend', { saleId: (await t.sale(id)).id, code: 'anna10', amount: '19.99', reason: 'typed the wrong code' })
    expect(fixed).toMatchObject({ orderId: id, code: 'ANNA10', amountMinor: 1999, state: 'saved', lastError: null, sync: { attention: null } })
    await t.waitFor(async () => (await t.sale(id)).state === 'accepted', 'accepted after the fix')
    expect(fake.transactions.get(id)).toMatchObject({ amount: 19.99, partner: 'anna' })
    const audit = listAudit(t.core.db, `sale:${fixed.id}`).find((line) => line.action === 'sale.fix-and-resend')
    expect(JSON.parse(audit?.details ?? '{}')).toMatchObject({ orderId: id, attention: 'rejected', reason: 'typed the wrong code', changes: { code: { from: 'GHOST5', to: 'ANNA10' }, amountMinor: { from: 999, to: 1999 } } })
  })

  it('refuses to fix a sale the platform has, or with an amount that does not parse, naming the field', async () => {
    const fake = await partnero()
    const t = await openCore({ dataDir: newDir(), fake, platform: partneroPatch(fake) })
    const [id = ''] = await ringUp(t, 1)
    await t.waitFor(async () => (await t.sale(id)).state === 'accepted', 'accepted')
    expect(await t.core.invoke('sale:fix-and-resend', { saleId: (await t.sale(id)).id, amount: '5' })).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED' } })
    await t.call('sync:pause', {})
    const [waiting = ''] = await ringUp(t, 1)
    expect(await t.core.invoke('sale:fix-and-resend', { saleId: (await t.sale(waiting)).id, amount: '12,5,0' })).toMatchObject({ ok: false, error: { code: 'INVALID_AMOUNT', details: { field: 'amount' } } })
  })

  it('pauses and resumes at the manager\'s word, and the pause outlives a restart', async () => {
    const fake = await partnero()
    const dataDir = newDir()
    const t = await openCore({ dataDir, fake, platform: partneroPatch(fake) })
    expect(await t.call('sync:pause', {})).toMatchObject({ state: 'paused', pausedBy: 'manager' })
    await ringUp(t, 2)
    t.close()
    open.splice(open.indexOf(t), 1)
    const again = await openCore({ dataDir, fake, platform: partneroPatch(fake) })
    expect(await again.call('sync:status', {})).toMatchObject({ state: 'paused', pausedBy: 'manager', waiting: 2 })
    expect(fake.requests.filter((request) => request.method === 'POST')).toHaveLength(0)
    await again.call('sync:resume', {})
    await again.waitFor(async () => allFinal(await again.sales()), 'sent after resume')
  })

  it('raises the stuck alert when the platform answers but nothing has gone through for the threshold', async () => {
    const fake = await partnero()
    fake.failRandomly(() => 0, 1, ['http500'], (request) => request.method === 'POST')
    const t = await openCore({ dataDir: newDir(), fake, platform: partneroPatch(fake), tuning: { stuckAfterMs: 1_000 } })
    await ringUp(t, 1)
    const alerted = (): boolean => t.events.some((entry) => entry.event === 'sync:status-changed' && (entry.payload as { stuck: boolean }).stuck)
    await t.waitFor(alerted, 'the stuck alert as an event', 5_000)
    const status = await t.call('sync:status', {})
    expect(status).toMatchObject({ state: 'online', stuck: true, waiting: 1 })
    expect(status.lastError).toMatch(/HTTP 500/)
  })

  it('lets one process drain a data folder at a time; the other takes over when it stops', async () => {
    const fake = await partnero()
    const dataDir = newDir()
    const first = await openCore({ dataDir, fake, platform: partneroPatch(fake) })
    const second = await openCore({ dataDir, fake, platform: partneroPatch(fake), sync: { lockOwner: { owner: 'second', pid: process.pid, host: 'elsewhere' } } })
    expect(await second.call('sync:status', {})).toMatchObject({ state: 'paused', pausedBy: 'other_process' })
    first.close()
    open.splice(open.indexOf(first), 1)
    const [id = ''] = await ringUp(second, 1)
    await second.waitFor(async () => (await second.sale(id)).state === 'accepted', 'the second process took over')
  })

  it('keeps platform secrets out of the window, the audit log, events and exports, in a file only the user can read', async () => {
    const fake = await partnero({ token: 'sk_live_SECRET123' })
    const t = await openCore({ dataDir: newDir(), fake, platform: partneroPatch(fake, 'sk_live_SECRET123') })
    const [id = ''] = await ringUp(t, 1)
    await t.waitFor(async () => (await t.sale(id)).state === 'accepted', 'accepted')
    const view = await t.call('platform:get-config', {})
    expect(view.platforms.partnero.secretsSet).toEqual({ apiToken: true })
    expect(view.secretStorage).toMatch(/mode 0600/)
    const exported = await t.call('sale:export', { layout: 'full' })
    const everything = JSON.stringify([view, t.events, listAudit(t.core.db), exported, await t.call('sync:status', {}), await t.sales()])
    expect(everything).not.toContain('SECRET123')
    const file = path.join(t.core.context.dataDir, 'secrets.json')
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(readFileSync(file, 'utf8')).toContain('SECRET123')
  })

  it('leaves the follow-ups of a platform the store switched away from as they stand, never sending the sale to the new one', async () => {
    const old = await partnero({ processLater: true })
    const network = await new FakePostback({ orderParam: 'o', couponParam: 'c', amountParam: 'a' }).start()
    fakes.push(network)
    const t = await openCore({ dataDir: newDir(), fake: old, platform: partneroPatch(old), tuning: { verifyDelayMs: 60_000 } })
    const [id = ''] = await ringUp(t, 1)
    await t.waitFor(async () => (await t.sale(id)).state === 'submitted', 'submitted (202)')
    expect((await t.call('sync:status', {})).verifying).toBe(1)

    await t.call('platform:save-config', { active: 'postback', platform: 'postback', fields: { baseUrl: network.url, template: '/pb?o={order_id}' } })
    await t.call('sync:now', {})
    const saleId = (await t.sale(id)).id
    outboxForSale(t.core.db, saleId).forEach((row) => expect(row.step).toBe('verify'))
    t.core.db.prepare('UPDATE outbox SET next_attempt_at_ms = 0 WHERE sale_id = ?').run(saleId)
    t.core.context.sync.wake()
    await t.waitFor(() => outboxForSale(t.core.db, saleId).every((row) => row.status === 'done'), 'the lookup dropped')
    expect((await t.sale(id)).state).toBe('submitted')
    expect(network.requests.filter((request) => request.path === '/pb')).toHaveLength(0)
  })
})
