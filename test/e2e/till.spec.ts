import { coreCall, expect, importCatalogue, test, wedgeScan } from './fixtures'

const CATALOGUE = [
  'code,affiliate_name,campaign_name,valid_from,valid_to,status,max_uses,times_used,min_order',
  'ANNA10,Anna Schmidt,Summer 2026,,2099-12-31,active,,,',
  'OLD-2020,Old Affiliate,Spring 2020,,2020-06-30,active,,,',
  'BIG50,Bernd Groß,VIP,,,active,,,50.00',
].join('\n')

test('a cashier scans a coupon, types the amount, presses Enter and the sale is saved and listed', async ({ till, host }) => {
  await importCatalogue(host, CATALOGUE)
  await wedgeScan(till, 'ANNA10')

  const card = till.getByTestId('coupon-card')
  await expect(card).toHaveAttribute('data-status', 'valid')
  await expect(till.getByTestId('coupon-affiliate')).toHaveText('Anna Schmidt')
  await expect(card).toContainText('Summer 2026')
  await expect(till.getByTestId('amount-input')).toBeFocused()

  await till.keyboard.type('12.50')
  await till.keyboard.press('Enter')

  const banner = till.getByTestId('banner')
  await expect(banner).toHaveAttribute('data-tone', 'ok')
  await expect(banner).toContainText('Saved')
  await expect(till.locator('body')).toHaveAttribute('data-last-cue', 'saved')
  await expect(till.getByTestId('coupon-input')).toBeFocused()
  await expect(till.getByTestId('coupon-input')).toHaveValue('')

  const { rows } = await coreCall(host, 'sale:list', { offset: 0, limit: 10 })
  expect(rows).toHaveLength(1)
  expect(rows[0]).toMatchObject({ code: 'ANNA10', amountMinor: 1250, currency: 'EUR', state: 'saved' })
  await expect(banner).toContainText(rows[0]!.orderId)

  await till.reload()
  await till.keyboard.press('F2')
  await till.getByTestId('sales-search').fill('anna10')
  const row = till.getByTestId('sales-table').getByRole('row').filter({ hasText: rows[0]!.orderId })
  await expect(row).toContainText('12.50 EUR')
  await expect(row).toContainText('Saved on this device')
})

test('scanned text never lands in the focused field and a person typing is not mistaken for a scanner', async ({ till, host }) => {
  await importCatalogue(host, CATALOGUE)
  const amount = till.getByTestId('amount-input')
  await amount.click()
  await wedgeScan(till, 'ANNA10')
  await expect(till.getByTestId('coupon-input')).toHaveValue('ANNA10')
  await expect(amount).toHaveValue('')

  // A person typing at ~120 ms per key: every character arrives, in order.
  await till.getByTestId('coupon-input').click()
  await till.getByTestId('coupon-input').fill('')
  await till.keyboard.type('anna10', { delay: 120 })
  await expect(till.getByTestId('coupon-input')).toHaveValue('anna10')
  await till.keyboard.press('Enter')
  await expect(till.getByTestId('coupon-card')).toHaveAttribute('data-status', 'valid')
})

test('an amount typed the instant the scan ends lands in the amount field, however slow the check', async ({ till, host }) => {
  await importCatalogue(host, CATALOGUE)
  // Hold every code check back by 400 ms, as a busy till would (the host's loopback transport is
  // the process edge here; in the app it is IPC).
  await till.route('**/__pos/invoke/catalog%3Acheck-code', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 400))
    await route.continue()
  })
  await wedgeScan(till, 'ANNA10')
  await till.keyboard.type('7.50', { delay: 90 })
  await expect(till.getByTestId('amount-input')).toHaveValue('7.50')
  await expect(till.getByTestId('coupon-card')).toHaveAttribute('data-status', 'valid')
  await till.keyboard.press('Enter')
  await expect(till.getByTestId('banner')).toContainText('7.50 EUR')
  const { rows } = await coreCall(host, 'sale:list', { offset: 0, limit: 10 })
  expect(rows.map((sale) => [sale.code, sale.amountMinor])).toEqual([['ANNA10', 750]])
})

test('a scanner on a French AZERTY keyboard still gives the right code', async ({ till, host }) => {
  // On AZERTY the scanner's key presses arrive as "qwaz&é" (A/Q and Z/W swapped, digits shifted).
  await importCatalogue(host, 'code,affiliate_name\nAZQW12,Hélène Martin\n')
  await wedgeScan(till, 'AZQW12', { layout: 'azerty', gapMs: 5 })
  await expect(till.getByTestId('coupon-code')).toHaveText('AZQW12')
  await expect(till.getByTestId('coupon-affiliate')).toHaveText('Hélène Martin')
})

test('an expired coupon is refused with its reason and nothing is written', async ({ till, host }) => {
  await importCatalogue(host, CATALOGUE)
  await wedgeScan(till, 'OLD-2020')
  await expect(till.getByTestId('coupon-card')).toHaveAttribute('data-status', 'expired')
  await expect(till.getByTestId('coupon-message')).toContainText('expired on 30 Jun 2020')
  await expect(till.locator('body')).toHaveAttribute('data-last-cue', 'refused')

  await till.getByTestId('amount-input').fill('20.00')
  await till.getByTestId('amount-input').press('Enter')
  await expect(till.getByTestId('banner')).toHaveAttribute('data-tone', 'bad')
  await expect(till.getByTestId('banner')).toContainText('expired')
  expect((await coreCall(host, 'sale:summary', {})).total).toBe(0)
})

test('below the minimum order the sale is refused with both amounts named', async ({ till, host }) => {
  await importCatalogue(host, CATALOGUE)
  await wedgeScan(till, 'BIG50')
  await till.keyboard.type('12.50')
  await till.keyboard.press('Enter')
  await expect(till.getByTestId('banner')).toHaveAttribute('data-tone', 'bad')
  await expect(till.getByTestId('banner')).toContainText('minimum order of 50.00 EUR')
  expect((await coreCall(host, 'sale:summary', {})).total).toBe(0)
})

test('an unknown code is saved only after the cashier confirms it as unverified', async ({ till, host }) => {
  await importCatalogue(host, CATALOGUE)
  await wedgeScan(till, 'NEWCODE7')
  await expect(till.getByTestId('coupon-card')).toHaveAttribute('data-status', 'unknown')
  await till.keyboard.type('30')
  await till.keyboard.press('Enter')

  const dialog = till.getByRole('alertdialog')
  await expect(dialog).toContainText('Save “NEWCODE7” as unverified?')
  // Enter out of habit lands on Cancel: nothing is saved.
  await till.keyboard.press('Enter')
  await expect(dialog).toBeHidden()
  expect((await coreCall(host, 'sale:summary', {})).total).toBe(0)

  await till.getByTestId('amount-input').press('Enter')
  await expect(dialog).toBeVisible()
  await till.keyboard.press('u')
  await expect(till.getByTestId('banner')).toContainText('Saved')
  await expect(till.getByTestId('banner')).toContainText('Saved as unverified')
  const summary = await coreCall(host, 'sale:summary', {})
  expect(summary.total).toBe(1)
  expect(summary.unverified).toBe(1)

  await till.keyboard.press('F2')
  await expect(till.getByTestId('unverified-count')).toHaveText('1')
})

test('a duplicate receipt order id is refused with a clear message', async ({ till, host }) => {
  await importCatalogue(host, CATALOGUE)
  for (const attempt of [1, 2]) {
    await wedgeScan(till, 'ANNA10')
    await till.keyboard.type('10')
    // Alt+M opens the receipt fields; they stay open for the next sale.
    if (!(await till.getByTestId('order-id-input').isVisible())) await till.keyboard.press('Alt+M')
    await till.getByTestId('order-id-input').fill('R-1001')
    await till.getByTestId('order-id-input').press('Enter')
    if (attempt === 1) await expect(till.getByTestId('banner')).toHaveAttribute('data-tone', 'ok')
  }
  await expect(till.getByTestId('banner')).toHaveAttribute('data-tone', 'bad')
  await expect(till.getByTestId('banner')).toContainText('Order ID R-1001 is already used')
  await expect(till.getByTestId('order-id-input')).toBeFocused()
  expect((await coreCall(host, 'sale:summary', {})).total).toBe(1)
})

test('a manager voids a sale that was not sent, with a reason kept in the audit log', async ({ till, host }) => {
  await importCatalogue(host, CATALOGUE)
  const { sale } = await coreCall(host, 'sale:register', { code: 'ANNA10', amount: '9.99' })
  await till.keyboard.press('F2')
  await till.getByTestId('sales-table').getByRole('row').filter({ hasText: sale.orderId }).click()
  const details = till.getByTestId('sale-details')
  await details.getByTestId('void-sale').click()
  await details.getByTestId('void-reason').fill('rang up twice')
  await details.getByTestId('confirm-void').click()
  await expect(details).toContainText('This sale is voided.')
  await expect(till.getByTestId('sales-table').getByRole('row').filter({ hasText: sale.orderId })).toContainText('Voided')

  const audit = host.core.db.prepare("SELECT actor, action, details FROM audit_log WHERE action = 'sale.void'").all() as { actor: string; details: string }[]
  expect(audit).toHaveLength(1)
  expect(audit[0]!.actor).toMatch(/^host:/)
  expect(JSON.parse(audit[0]!.details)).toMatchObject({ orderId: sale.orderId, reason: 'rang up twice' })
})
