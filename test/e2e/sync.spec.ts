import type { Page } from '@playwright/test'
import { FakePartnero } from '../helpers/fakes'
import { coreCall, expect, importCatalogue, test } from './fixtures'

/**
 * The manager's whole sync story in the real UI: set up Partnero in Settings, test the
 * connection, sell while the platform is down, watch the sales go out by themselves once it is
 * back, and fix a sale the platform refused.
 */

const CATALOGUE = ['code,affiliate_id,affiliate_name', 'ANNA10,anna,Anna Schmidt', 'GHOST5,ghost,Former Partner'].join('\n')

async function ringUp(till: Page, code: string, amount: string): Promise<void> {
  await till.keyboard.press('F1')
  const input = till.getByTestId('coupon-input')
  await input.fill(code)
  await input.press('Enter')
  await expect(till.getByTestId('amount-input')).toBeFocused()
  await till.keyboard.type(amount)
  await till.keyboard.press('Enter')
  await expect(till.getByTestId('banner')).toHaveAttribute('data-tone', 'ok')
}

test('a manager sets up Partnero, sells while it is down, and the sales go out by themselves once it is back', async ({ till, host }) => {
  test.setTimeout(90_000)
  const partnero = await new FakePartnero({ token: 'sk_live_E2E', partners: ['anna'] }).start()
  try {
    await importCatalogue(host, CATALOGUE)
    await expect(till.getByTestId('sync-state')).toHaveAttribute('data-state', 'not_configured')

    // Settings > Platform, through the UI only.
    await till.keyboard.press('F4')
    await till.getByTestId('platform-choice').selectOption('partnero')
    await till.getByTestId('platform-partnero-baseUrl').fill(partnero.url)
    await till.getByTestId('platform-partnero-apiToken').fill('wrong-token')
    await till.getByTestId('test-connection').click()
    await expect(till.getByTestId('connection-result')).toContainText('The platform said no')
    await expect(till.getByTestId('connection-result')).toContainText('Partnero refused the credentials (HTTP 401')
    await till.getByTestId('platform-partnero-apiToken').fill('sk_live_E2E')
    await till.getByTestId('test-connection').click()
    await expect(till.getByTestId('connection-result')).toContainText('Connected to Partnero: the API token works.')
    await till.getByTestId('save-platform').click()
    await expect(till.getByTestId('platform-message')).toContainText('Platform settings saved')
    await expect(till.getByTestId('platform-partnero-apiToken-state')).toHaveText('saved')
    await expect(till.getByTestId('platform-partnero-apiToken')).toHaveValue('')
    await expect(till.getByTestId('sync-state')).toHaveAttribute('data-state', 'online')

    // The platform goes away; the till keeps selling.
    await partnero.down()
    for (const amount of ['12.50', '7.00', '30.25']) await ringUp(till, 'ANNA10', amount)
    const recent = till.getByTestId('recent-sales')
    await expect(recent.getByText('Saved on this device')).toHaveCount(3)
    await expect(till.getByTestId('sync-state')).toHaveAttribute('data-state', 'offline')
    await expect(till.getByTestId('unsent-count')).toContainText('3 waiting')

    // Back up: nobody touches anything.
    await partnero.up()
    await expect(recent.getByText('Accepted')).toHaveCount(3, { timeout: 20_000 })
    await expect(till.getByTestId('sync-state')).toHaveAttribute('data-state', 'online')
    await expect(till.getByTestId('unsent-count')).toHaveText('All sales sent')
    await expect(till.getByTestId('last-success')).toContainText('Last sent less than a minute ago')
    const { rows } = await coreCall(host, 'sale:list', { offset: 0, limit: 10 })
    expect(rows.map((sale) => partnero.conversionsOf(sale.orderId))).toEqual([1, 1, 1])
    expect(await till.content()).not.toContain('sk_live_E2E')
  } finally {
    await partnero.close()
  }
})

test('a sale the platform refused shows its reason, is fixed and resent, and is accepted', async ({ till, host }) => {
  test.setTimeout(60_000)
  const partnero = await new FakePartnero({ token: 'tok', partners: ['anna'] }).start()
  try {
    await importCatalogue(host, CATALOGUE)
    await coreCall(host, 'platform:save-config', { active: 'partnero', platform: 'partnero', fields: { baseUrl: partnero.url }, secrets: { apiToken: 'tok' } })
    await ringUp(till, 'GHOST5', '19.99')
    await expect(till.getByTestId('attention-count')).toHaveText('1 need attention', { timeout: 15_000 })

    await till.getByTestId('attention-count').click()
    const row = till.getByTestId('sales-table').getByRole('row').filter({ hasText: 'GHOST5' })
    await expect(row).toContainText('Needs attention')
    await row.click()
    const details = till.getByTestId('sale-details')
    await expect(details.getByTestId('attention-reason')).toContainText('Refused by the platform')
    await expect(details.getByTestId('attention-reason')).toContainText('customer.partner.key: The selected partner is invalid.')

    await details.getByTestId('fix-sale').click()
    await details.getByTestId('fix-code').fill('ANNA10')
    await details.getByTestId('fix-reason').fill('the customer showed the wrong coupon first')
    await details.getByTestId('resend-sale').click()
    await expect(details.locator('[data-state]').first()).toHaveAttribute('data-state', 'accepted', { timeout: 15_000 })
    await expect(row).toHaveCount(0)
    const accepted = till.getByTestId('sales-table').getByRole('row').filter({ hasText: 'ANNA10' })
    await expect(accepted).toContainText('Accepted')
    const [sale] = (await coreCall(host, 'sale:list', { offset: 0, limit: 1 })).rows
    expect(partnero.transactions.get(sale?.orderId ?? '')).toMatchObject({ amount: 19.99, partner: 'anna' })
  } finally {
    await partnero.close()
  }
})
