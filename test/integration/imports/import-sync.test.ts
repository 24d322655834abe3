import { afterEach, describe, expect, it } from 'vitest'
import { FakePartnero } from '../../helpers/fakes'
import { csvBytes } from '../../helpers/core-harness'
import type { SyncTestCore } from '../../helpers/sync-harness'
import { allFinal, openSyncCore, partneroPatch } from '../../helpers/sync-harness'
import { useTempDirs } from '../../helpers/temp-dir'

/**
 * Imported sales go to the platform like the till's own: the running sync engine picks them up
 * while the batch is still being saved, and each reaches the platform exactly once; a file that
 * was refused (all-or-nothing) or cancelled sends nothing.
 */

const newDir = useTempDirs('import-sync')

describe('imported sales and the sync engine', () => {
  const open: SyncTestCore[] = []
  const fakes: FakePartnero[] = []
  afterEach(async () => {
    for (const core of open.splice(0)) core.close()
    for (const fake of fakes.splice(0)) await fake.close()
  })

  it('delivers every imported sale exactly once and nothing of a refused file', async () => {
    const fake = await new FakePartnero({ partners: ['anna'] }).start()
    fakes.push(fake)
    const t = await openSyncCore({ dataDir: newDir(), fake, platform: partneroPatch(fake) })
    open.push(t)
    const rows = 1200
    const lines = ['coupon,amount,order id,date']
    for (let index = 0; index < rows; index++) lines.push(`WALKIN${index % 7},${(index % 40) + 1}.10,IMP-${index},2026-11-20 10:00`)
    const refusedFile = ['coupon,amount,order id,date', 'WALKIN1,1.00,NO-1,2026-11-20', 'WALKIN1,,NO-2,2026-11-20'].join('\n')

    // All-or-nothing with a refused row: nothing reaches the platform.
    const refusedPreview = await t.call('import:open', { kind: 'sales', fileName: 'bad.csv', bytes: csvBytes(refusedFile) })
    const refused = await t.call('import:run', { token: refusedPreview.token, options: { ...refusedPreview.options, allowUnverified: true, allOrNothing: true } })
    expect(refused.sales).toMatchObject({ status: 'refused', imported: 0 })

    const preview = await t.call('import:open', { kind: 'sales', fileName: 'day.csv', bytes: csvBytes(lines.join('\n')) })
    const result = await t.call('import:run', { token: preview.token, options: { ...preview.options, allowUnverified: true } })
    expect(result.sales).toMatchObject({ status: 'committed', imported: rows })

    await t.waitFor(async () => (await t.call('sync:status', {})).waiting === 0, 'every imported sale sent', 120_000)
    const sales = (await t.call('sale:list', { offset: 0, limit: 1000 })).rows
    expect(allFinal(sales)).toBe(true)
    for (let index = 0; index < rows; index += 1) expect(fake.conversionsOf(`IMP-${index}`), `IMP-${index}`).toBe(1)
    expect(fake.conversionsOf('NO-1')).toBe(0)
    expect(fake.conversions.size).toBe(rows)
  }, 180_000)
})
