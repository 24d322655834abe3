import { readFileSync } from 'node:fs'
import { coreCall, dropFile, expect, importCatalogue, test } from './fixtures'

// A German till export: "Gutscheinnummer" is no synonym of coupon (the manager maps it), the
// other columns are; amounts with decimal commas and thousands points.
const TILL_EXPORT = {
  name: 'kasse-november.csv',
  mimeType: 'text/csv',
  buffer: Buffer.from(
    ['Gutscheinnummer;Betrag;Beleg;Datum', 'ANNA10;12,50;R-1;2026-11-20', 'BOB20;1.234,00;R-2;2026-11-20', 'NOPE;5,00;R-3;2026-11-20', 'ANNA10;0,00;R-4;2026-11-20'].join('\r\n'),
    'utf8',
  ),
}

test('a manager maps the coupon column of a till export, imports it, gets the refused rows, and the same file again adds nothing', async ({ till, host }) => {
  await importCatalogue(host, 'code,affiliate_name\nANNA10,Anna\nBOB20,Bob')
  await till.keyboard.press('F5')
  await dropFile(till, 'import-dropzone', TILL_EXPORT)

  await expect(till.getByTestId('import-reading')).toHaveText('Read as UTF-8, separated by semicolons, decimal comma, dates year-month-day, header row.')
  const coupon = till.getByRole('combobox', { name: 'Coupon', exact: true })
  await expect(coupon).toHaveValue('')
  await expect(coupon).toBeFocused()
  await expect(till.getByRole('combobox', { name: 'Sales amount', exact: true })).toHaveValue('1')
  await expect(till.getByRole('combobox', { name: 'Order ID', exact: true })).toHaveValue('2')
  await expect(till.getByRole('combobox', { name: 'Date', exact: true })).toHaveValue('3')
  const importButton = till.getByTestId('import-run')
  await expect(importButton).toBeDisabled()
  await expect(till.getByTestId('import-blocked')).toHaveText('Choose the column that holds Coupon.')
  const preview = till.getByTestId('import-preview-rows')
  await expect(preview.locator('tr', { hasText: 'R-1' })).toHaveAttribute('data-status', 'waiting')
  await expect(preview.locator('tr', { hasText: 'R-1' })).toContainText('Waiting for the column for Coupon')

  await coupon.selectOption({ label: '1: Gutscheinnummer' })
  await expect(preview.locator('tr', { hasText: 'NOPE' })).toHaveAttribute('data-status', 'refused')
  await expect(preview.locator('tr', { hasText: 'NOPE' })).toContainText('coupon NOPE is not in the coupon list')
  await expect(preview.locator('tr', { hasText: 'R-4' })).toContainText('Amount must be more than zero')
  await expect(preview.locator('tr', { hasText: 'R-2' })).toHaveAttribute('data-status', 'ok')
  await expect(importButton).toBeEnabled()
  await expect(till.getByTestId('import-blocked')).toHaveCount(0)

  // Enter imports from the mapping itself.
  await coupon.press('Enter')
  const summary = till.getByTestId('import-summary')
  await expect(summary.getByTestId('import-headline')).toHaveText('2 sales imported, 2 rows refused, 0 duplicates')
  await expect(summary.getByTestId('import-summary-problems').locator('tr', { hasText: 'NOPE' })).toContainText('4')
  await expect(till.getByTestId('import-another')).toBeFocused()

  const download = till.waitForEvent('download')
  await summary.getByRole('button', { name: 'Download the refused rows' }).click()
  const refused = await download
  expect(refused.suggestedFilename()).toBe('kasse-november-refused-rows.csv')
  const csv = readFileSync(await refused.path(), 'utf8').replace(/^\ufeff/, '')
  expect(csv).toContain('line,problem,reason,Gutscheinnummer,Betrag,Beleg,Datum')
  expect(csv).toContain('4,refused,coupon NOPE is not in the coupon list,NOPE,"5,00",R-3,2026-11-20')
  expect(csv).toContain('5,refused,"amount ""0,00"": Amount must be more than zero",ANNA10,"0,00",R-4,2026-11-20')

  const recent = till.getByTestId('recent-imports')
  await expect(recent.locator('tr[data-batch-id="1"]')).toContainText('kasse-november.csv')
  await expect(recent.locator('tr[data-batch-id="1"]')).toContainText('Imported')

  await till.keyboard.press('F2')
  const sales = till.getByTestId('sales-table')
  await expect(sales.getByRole('row').filter({ hasText: 'R-1' })).toContainText('12.50')
  await expect(sales.getByRole('row').filter({ hasText: 'R-2' })).toContainText('1,234.00')
  await expect(till.getByTestId('sales-total')).toHaveText('2')

  // The screen kept its outcome while the till showed the sales; the next file starts afresh.
  await till.keyboard.press('F5')
  await expect(summary).toBeVisible()
  await till.getByTestId('import-another').click()
  await till.getByTestId('import-file').setInputFiles(TILL_EXPORT)
  await expect(till.getByTestId('previous-import')).toContainText('(import #1): importing again adds nothing')
  await expect(till.getByText('Columns and formats as for your last file of this layout.')).toBeVisible()
  await expect(coupon).toHaveValue('0')
  await expect(till.getByTestId('import-blocked')).toHaveCount(0)
  await expect(preview.locator('tr', { hasText: 'R-1' })).toHaveAttribute('data-status', 'duplicate')
  await importButton.click()
  await expect(summary.getByTestId('import-headline')).toHaveText('0 sales imported, 2 rows refused, 2 duplicates')
  await expect(summary).toContainText('This file was imported before')
  const { total } = await coreCall(host, 'sale:list', { offset: 0, limit: 1 })
  expect(total).toBe(2)
})

test('a check-only run changes nothing, the real import follows, and the whole import is voided with a reason', async ({ till, host }) => {
  await importCatalogue(host, 'code,affiliate_name\nANNA10,Anna\nBOB20,Bob')
  await till.keyboard.press('F5')
  // An old till writes Windows-1252: the reader says so, and the accents survive.
  const csv = 'coupon,amount,order_id,cashier\nANNA10,12.50,V-1,Jürgen\nBOB20,3.00,V-2,Zoë\n'
  await till.getByTestId('import-file').setInputFiles({ name: 'sales.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'latin1') })
  await expect(till.getByTestId('import-run')).toBeFocused()
  await expect(till.getByTestId('import-reading')).toHaveText('Read as Windows-1252, separated by commas, decimal point, header row.')
  await expect(till.getByRole('list', { name: 'Notices' })).toContainText('read as Windows-1252')
  await expect(till.getByTestId('import-preview-rows')).toContainText('Jürgen')

  await till.getByTestId('import-dry-run').click()
  const headline = till.getByTestId('import-headline')
  await expect(headline).toHaveText('Checked only: 2 sales would be imported, 0 rows refused, 0 duplicates')
  expect((await coreCall(host, 'sale:list', { offset: 0, limit: 1 })).total).toBe(0)
  await till.getByTestId('import-now').click()
  await expect(headline).toHaveText('2 sales imported, 0 rows refused, 0 duplicates')

  const row = till.getByTestId('recent-imports').locator('tr[data-batch-id="2"]')
  await expect(till.getByTestId('recent-imports').locator('tr[data-batch-id="1"]')).toContainText('Checked only')
  await row.getByRole('button', { name: 'Void import…' }).click()
  const dialog = till.getByRole('alertdialog', { name: 'Void import #2?' })
  await expect(dialog.getByTestId('void-import-reason')).toBeFocused()
  await dialog.getByTestId('void-import-reason').fill('wrong day exported')
  await dialog.getByRole('button', { name: 'Void 2 sales' }).click()
  await expect(dialog).toHaveCount(0)
  await expect(row).toContainText('Voided')
  await expect(row.getByRole('button', { name: 'Void import…' })).toHaveCount(0)

  const { rows } = await coreCall(host, 'sale:list', { offset: 0, limit: 10 })
  expect(rows.map((sale) => [sale.orderId, sale.state, sale.voidReason])).toEqual(
    expect.arrayContaining([
      ['V-1', 'voided', 'wrong day exported'],
      ['V-2', 'voided', 'wrong day exported'],
    ]),
  )
})

test('a coupon list with unknown column names is mapped by hand from the Coupons screen, its cells shown as text', async ({ till }) => {
  await till.keyboard.press('F3')
  await till.getByTestId('catalog-map-by-hand').click()
  await expect(till.getByRole('radio', { name: 'Coupon list' })).toBeChecked()
  const csv = ['Nummer;Partner', 'ANNA10;Anna <b>Schmidt</b>', 'BOB20;Bob'].join('\n')
  await till.getByTestId('import-file').setInputFiles({ name: 'partner-codes.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') })

  const preview = till.getByTestId('import-preview-rows')
  await expect(preview).toContainText('Anna <b>Schmidt</b>')
  await expect(till.getByTestId('import-dry-run')).toHaveCount(0)
  // Read without a header, "Nummer" would become a code: the manager says the first row names the columns.
  await till.getByRole('checkbox', { name: 'First row is a header' }).check()
  await till.getByRole('combobox', { name: 'Code', exact: true }).selectOption({ label: '1: Nummer' })
  await till.getByRole('combobox', { name: 'Affiliate name', exact: true }).selectOption({ label: '2: Partner' })
  await expect(preview.locator('tbody tr')).toHaveCount(2)
  await expect(preview.locator('thead')).toContainText('Nummer')
  await till.getByTestId('import-run').click()

  await expect(till.getByTestId('import-summary')).toContainText('2 coupons imported from partner-codes.csv')
  await till.keyboard.press('F3')
  await expect(till.getByTestId('catalog-count')).toHaveText('2 coupons')
  await expect(till.getByTestId('coupons-table').getByRole('row').filter({ hasText: 'ANNA10' })).toContainText('Anna <b>Schmidt</b>')
})

function salesFile(name: string, rowCount: number) {
  const rows = ['coupon;amount;order_id', ...Array.from({ length: rowCount }, (_, index) => `ANNA10;12,50;${name}-${index}`)]
  return { name: `${name}.csv`, mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n')) }
}

test('a long import can be cancelled while it reads, and once it saves Cancel is disabled and says why', async ({ till, host }) => {
  await importCatalogue(host, 'code\nANNA10\n')
  await till.keyboard.press('F5')
  const progress = till.getByRole('group', { name: 'Import progress' })

  // Reading 300,000 rows takes seconds, time enough for the click.
  await till.getByTestId('import-file').setInputFiles(salesFile('BIG', 300_000))
  await till.getByTestId('import-run').click()
  await expect(progress).toContainText('Reading and checking rows')
  await progress.getByRole('button', { name: /^Cancel/ }).click()
  await expect(till.getByTestId('import-notice')).toContainText('Import cancelled')
  expect((await coreCall(host, 'sale:list', { offset: 0, limit: 1 })).total).toBe(0)

  await till.getByRole('button', { name: 'Choose another file' }).click()
  await till.getByTestId('import-file').setInputFiles(salesFile('MID', 50_000))
  await till.getByTestId('import-run').click()
  // Saving may last under a second: look at every frame rather than at Playwright's polling pace.
  const savingSeen = await till.waitForFunction(
    () => {
      const page = globalThis as unknown as { document: { querySelector(selector: string): { textContent: string | null; disabled?: boolean } | null } }
      const group = page.document.querySelector('[role="group"][aria-label="Import progress"]')
      const button = page.document.querySelector('[role="group"][aria-label="Import progress"] button')
      const text = group?.textContent ?? ''
      return /Saving · [\d,]+ of 50,000 rows/.test(text) ? { text, isDisabled: button?.disabled === true } : null
    },
    undefined,
    { polling: 'raf', timeout: 30_000 },
  )
  const saving = (await savingSeen.jsonValue()) as { text: string; isDisabled: boolean }
  expect(saving.isDisabled).toBe(true)
  expect(saving.text).toContain('Saving — the import can no longer be cancelled; void it afterwards.')
  await expect(till.getByTestId('import-headline')).toHaveText('50,000 sales imported, 0 rows refused, 0 duplicates', { timeout: 30_000 })
})
