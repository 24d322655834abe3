import { coreCall, importCatalogue } from '../fixtures'
import { CAMERA_CATALOGUE, feedByName } from '../../helpers/camera/feeds'
import { expect, test, trackCounts, waitForMoreAttempts } from './camera-fixtures'

/**
 * One project per fake-camera feed (playwright.config.ts): the coupon in the picture must end in
 * its coupon card, exactly as if a hand scanner had read it, and a picture without a code must
 * never scan anything. ~15 attempts a second, so 45 attempts is three seconds of looking.
 */

test('a coupon held up to the camera is read once and fills the card with its affiliate, ready to sell', async ({ till, host, cameraFeed }) => {
  const feed = feedByName(cameraFeed)
  test.skip(feed.expectedCode === null, 'this feed shows no code')
  await importCatalogue(host, CAMERA_CATALOGUE)

  await till.keyboard.press('Alt+C')
  const panel = till.getByTestId('camera-panel')
  await expect(till.getByTestId('coupon-affiliate')).toHaveText(feed.expectedAffiliate ?? '')
  await expect(till.getByTestId('coupon-card')).toHaveAttribute('data-status', 'valid')
  await expect(till.getByTestId('coupon-code')).toHaveText(feed.expectedCode ?? '')
  await expect(panel).toHaveAttribute('data-phase', 'live')
  await expect(panel).toHaveAttribute('data-reads', '1')
  await expect(till.getByTestId('camera-box')).toBeVisible()
  await expect(till.getByTestId('amount-input')).toBeFocused()

  // Held in view for three more seconds (longer than the 2 s window): still a single scan.
  await waitForMoreAttempts(till, 45)
  await expect(panel).toHaveAttribute('data-reads', '1')
  await expect(panel).toHaveAttribute('data-box', 'scanned')

  // The same path as a hand scanner's scan: type the amount, Enter, saved.
  await till.keyboard.type('12.50')
  await till.keyboard.press('Enter')
  await expect(till.getByTestId('banner')).toContainText('Saved')
  const { rows } = await coreCall(host, 'sale:list', { offset: 0, limit: 5 })
  expect(rows.map((row) => [row.code, row.amountMinor, row.affiliateName])).toEqual([[feed.expectedCode, 1250, feed.expectedAffiliate]])

  await till.getByTestId('camera-close').click()
  await expect(panel).toBeHidden()
  expect((await trackCounts(till)).live).toBe(0)
})

test('a picture without any code never scans anything, however long the camera looks', async ({ till, host, cameraFeed }) => {
  const feed = feedByName(cameraFeed)
  test.skip(feed.expectedCode !== null, 'this feed shows a code')
  await importCatalogue(host, CAMERA_CATALOGUE)

  await till.getByTestId('camera-toggle').click()
  const panel = till.getByTestId('camera-panel')
  await expect(panel).toHaveAttribute('data-phase', 'live')
  await waitForMoreAttempts(till, 75)

  await expect(panel).toHaveAttribute('data-reads', '0')
  await expect(panel).toHaveAttribute('data-box', 'none')
  await expect(till.getByTestId('coupon-card')).not.toHaveAttribute('data-status')
  await expect(till.getByTestId('coupon-input')).toHaveValue('')
  await expect(till.getByTestId('camera-status')).toHaveText('Hold the coupon’s code in front of the camera')
})
