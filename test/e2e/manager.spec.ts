import { readFileSync } from 'node:fs'
import { insertSale } from '../../electron/core/db/sales-repo'
import { enqueueOutbox } from '../../electron/core/db/outbox-repo'
import type { PosApi } from '../../electron/shared/contract'
import { coreCall, expect, importCatalogue, test } from './fixtures'

test('a manager loads a coupon list through the screen and sees the refused lines with their reasons', async ({ till }) => {
  await till.keyboard.press('F3')
  const csv = ['code;affiliate', 'ANNA10;Anna Schmidt', ';nobody', 'BOB20;Bob Müller', 'ANNA10;Anna again'].join('\r\n')
  await till.getByTestId('catalog-file').setInputFiles({ name: 'platform-coupons.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') })
  const result = till.getByTestId('import-result')
  await expect(result).toContainText('2 coupons imported from platform-coupons.csv, 2 lines refused')
  await expect(result).toContainText('separated by “;”')
  const problems = till.getByTestId('import-problems')
  await expect(problems.getByRole('row').filter({ hasText: 'code is empty' })).toContainText('3')
  await expect(problems.getByRole('row').filter({ hasText: 'appears earlier in the file' })).toContainText('5')
  await expect(till.getByTestId('catalog-count')).toHaveText('2 coupons')
  await expect(till.getByTestId('catalogue-age')).toContainText('2 coupons, updated less than a minute ago')
  await expect(till.getByTestId('coupons-table').getByRole('row').filter({ hasText: 'BOB20' })).toContainText('Bob Müller')

  const download = till.waitForEvent('download')
  await till.getByRole('button', { name: 'Download the refused lines' }).click()
  const file = await (await download).path()
  const text = readFileSync(file, 'utf8')
  expect(text).toContain('line,field,problem')
  expect(text).toContain('3,code,code is empty')
})

test('the sales screen stays small in the page with 100,000 sales and finds one by order id', async ({ till, host }) => {
  const db = host.core.db
  const now = Date.now()
  db.transaction(() => {
    for (let index = 0; index < 100_000; index++) {
      const at = now - (100_000 - index) * 60_000
      const id = insertSale(db, {
        order_id: `BULK-${String(index).padStart(6, '0')}`,
        coupon_code: index % 2 === 0 ? 'ANNA10' : 'BOB20',
        coupon_key: index % 2 === 0 ? 'ANNA10' : 'BOB20',
        amount_minor: 1000 + index,
        currency: 'EUR',
        occurred_at_ms: at,
        business_date: new Date(at).toISOString().slice(0, 10),
        created_at_ms: at,
        terminal_id: 'T1',
        source: 'import',
        state: index % 10 === 0 ? 'accepted' : 'saved',
        state_changed_at_ms: at,
        is_unverified: 0,
        is_future_dated: 0,
        affiliate_id: null,
        affiliate_name: index % 2 === 0 ? 'Anna Schmidt' : 'Bob',
        campaign_id: null,
        campaign_name: null,
      })
      enqueueOutbox(db, id, 'sale', at)
    }
  }).immediate()

  await till.keyboard.press('F2')
  await expect(till.getByTestId('sales-total')).toHaveText('100,000')
  await expect(till.getByTestId('sales-shown')).toHaveText('100,000 sales shown')
  const table = till.getByTestId('sales-table')
  await expect(table.getByRole('row').first()).toContainText('BULK-099999')
  // The list takes the screen's free height: at 1280x800 that is several rows, not a sliver.
  expect((await table.boundingBox())?.height ?? 0).toBeGreaterThan(300)
  expect(await table.getByRole('row').count()).toBeLessThan(80)

  // Jump to the end: the oldest sale is there and the page still holds only a screenful of rows.
  await table.hover()
  await till.mouse.wheel(0, 100_000_000)
  await expect(table.getByRole('row').filter({ hasText: 'BULK-000000' })).toBeVisible()
  expect(await table.getByRole('row').count()).toBeLessThan(80)

  await till.getByRole('button', { name: /^Accepted/ }).click()
  await expect(till.getByTestId('sales-shown')).toHaveText('10,000 sales shown')
  await till.getByTestId('sales-search').fill('BULK-050000')
  await expect(till.getByTestId('sales-shown')).toHaveText('1 sales shown')
  await expect(table.getByRole('row').first()).toContainText('Accepted')
})

test('exports download the platform layout and the full layout with formulas defused', async ({ till, host }) => {
  await importCatalogue(host, 'code,affiliate_name\nANNA10,Anna Schmidt\n')
  await coreCall(host, 'sale:register', { code: 'ANNA10', amount: '12.50', orderId: 'R-1' })
  await coreCall(host, 'sale:register', { code: '=HYPERLINK("http://x")', amount: '3', orderId: '@SUM(A1)', allowUnverified: true })
  const voided = await coreCall(host, 'sale:register', { code: 'ANNA10', amount: '1', orderId: 'R-3' })
  await coreCall(host, 'sale:void', { saleId: voided.sale.id, reason: 'test' })

  await till.keyboard.press('F2')
  const platformDownload = till.waitForEvent('download')
  await till.getByTestId('export-as').click()
  const platformFile = await platformDownload
  expect(platformFile.suggestedFilename()).toMatch(/^coupondesk-offline-sales-\d{8}-\d{4}\.csv$/)
  const platform = readFileSync(await platformFile.path(), 'utf8').replace(/^\ufeff/, '')
  const lines = platform.trim().split('\r\n')
  expect(lines).toHaveLength(2)
  expect(lines).toContain(`ANNA10,12.50,R-1,${new Date().toISOString().slice(0, 10)}`)
  expect(lines.find((line) => line.includes('HYPERLINK'))).toMatch(/^"'=HYPERLINK\(""http:\/\/x""\)",3\.00,"'@SUM\(A1\)",/)

  const fullDownload = till.waitForEvent('download')
  await till.getByTestId('export-full').click()
  const full = readFileSync(await (await fullDownload).path(), 'utf8').replace(/^\ufeff/, '')
  expect(full.split('\r\n')[0]).toBe('order_id,coupon,amount,currency,occurred_at,business_date,state,unverified,future_dated,affiliate,campaign,terminal,source,created_at,voided_at,void_reason,last_error')
  expect(full).toContain('R-3,ANNA10,1.00,EUR')
  expect(full).toContain(',voided,')
})

test('the page cannot reach the network or change the bridge', async ({ till }) => {
  const outcome = await till.evaluate(async () => {
    // The e2e tests type-check without the DOM library: reach the page's globals through globalThis.
    const page = globalThis as unknown as { pos: PosApi }
    const results: Record<string, string> = {}
    try {
      await fetch('http://127.0.0.2:9/steal')
      results.fetch = 'allowed'
    } catch {
      results.fetch = 'blocked'
    }
    results.frozen = String(Object.isFrozen(page.pos))
    try {
      ;(page as { pos: unknown }).pos = {}
      results.replaced = 'no error'
    } catch {
      results.replaced = 'threw'
    }
    const unknown = await page.pos.invoke('app:delete-everything' as never, {} as never)
    results.unknownChannel = unknown.ok ? 'ok' : unknown.error.code
    const bad = await page.pos.invoke('sale:register', { code: 1, amount: '1' } as never)
    results.badInput = bad.ok ? 'ok' : `${bad.error.code} ${bad.error.message}`
    return results
  })
  expect(outcome.fetch).toBe('blocked')
  expect(outcome.frozen).toBe('true')
  expect(outcome.unknownChannel).toBe('INVALID_INPUT')
  expect(outcome.badInput).toMatch(/^INVALID_INPUT code:/)
  expect(await till.evaluate(() => typeof (globalThis as unknown as { pos: PosApi }).pos.invoke)).toBe('function')
})

test('settings change the amount format and the checkout follows at once', async ({ till, host }) => {
  await importCatalogue(host, 'code,affiliate_name\nANNA10,Anna Schmidt\n')
  await till.keyboard.press('F4')
  await till.getByTestId('setting-amountFormat').selectOption('comma')
  await till.getByTestId('setting-terminalId').fill('KASSE2')
  await till.getByTestId('save-settings').click()
  await expect(till.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible()
  await expect(till.getByTestId('terminal-id')).toHaveText('KASSE2')

  await till.getByTestId('setting-terminalId').fill('no spaces allowed')
  await till.getByTestId('save-settings').click()
  await expect(till.getByText('terminalId: use 1 to 12 letters')).toBeVisible()

  await till.keyboard.press('F1')
  await till.getByTestId('coupon-input').fill('ANNA10')
  await till.getByTestId('coupon-input').press('Enter')
  await till.getByTestId('amount-input').fill('1.234,50')
  await expect(till.getByTestId('amount-hint')).toHaveText('= 1.234,50 EUR')
  await till.getByTestId('amount-input').press('Enter')
  await expect(till.getByTestId('banner')).toContainText('KASSE2-')
  const { rows } = await coreCall(host, 'sale:list', { offset: 0, limit: 1 })
  expect(rows[0]?.amountMinor).toBe(123450)
})
