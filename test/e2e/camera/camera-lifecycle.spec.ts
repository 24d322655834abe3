import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { coreCall, importCatalogue, wedgeScan } from '../fixtures'
import { CAMERA_CATALOGUE } from '../../helpers/camera/feeds'
import { expect, failCameraWith, reloadTill, slowCameraStart, test, trackCounts, waitForMoreAttempts } from './camera-fixtures'

/**
 * The camera's life around the scanning (runs in the QR feed's project): it is off the moment
 * the panel closes, even mid-start; a hundred openings leave nothing running; failures are
 * explained and the till keeps selling without it; the camera choice is remembered; the decoder
 * falls back when WebAssembly cannot load, and can reach nothing outside our own origin.
 */

test('opening and closing the camera 100 times leaves no camera track running', async ({ till }) => {
  const panel = till.getByTestId('camera-panel')
  for (let cycle = 0; cycle < 100; cycle++) {
    await till.keyboard.press('Alt+C')
    // Every tenth cycle waits for the picture; the others close while the camera is starting.
    if (cycle % 10 === 0) await expect(panel).toHaveAttribute('data-phase', 'live')
    await till.keyboard.press('Alt+C')
    await expect(panel).toBeHidden()
    if (cycle % 10 === 0) expect((await trackCounts(till)).live).toBe(0)
  }
  // Streams that arrived after their panel closed are stopped on arrival: wait for all of them.
  await expect.poll(async () => {
    const counts = await trackCounts(till)
    return counts.settled === counts.requested
  }).toBe(true)
  const counts = await trackCounts(till)
  expect(counts.requested).toBeGreaterThanOrEqual(100)
  expect(counts.tracks).toBeGreaterThanOrEqual(10)
  expect(counts.live).toBe(0)
})

test('closing the camera while it is still starting turns it off as soon as it arrives', async ({ till }) => {
  await slowCameraStart(till, 600)
  await till.getByTestId('camera-toggle').click()
  await expect(till.getByTestId('camera-status')).toHaveText('Starting the camera…')
  await till.getByTestId('camera-toggle').click()
  await expect(till.getByTestId('camera-panel')).toBeHidden()

  await expect.poll(async () => (await trackCounts(till)).settled).toBe(1)
  expect(await trackCounts(till)).toMatchObject({ requested: 1, tracks: 1, live: 0 })
})

test('Stop turns the camera off and Start turns it back on, scanning again', async ({ till, host }) => {
  await importCatalogue(host, CAMERA_CATALOGUE)
  await till.keyboard.press('Alt+C')
  const panel = till.getByTestId('camera-panel')
  await expect(till.getByTestId('coupon-affiliate')).toHaveText('Anna Schmidt')

  await till.getByTestId('camera-start-stop').click()
  await expect(panel).toHaveAttribute('data-phase', 'stopped')
  expect((await trackCounts(till)).live).toBe(0)
  await expect(till.getByTestId('camera-video')).toBeHidden()

  await till.keyboard.press('Escape')
  await expect(till.getByTestId('coupon-card')).not.toHaveAttribute('data-status')
  await till.getByTestId('camera-start-stop').click()
  await expect(panel).toHaveAttribute('data-phase', 'live')
  await expect(till.getByTestId('coupon-affiliate')).toHaveText('Anna Schmidt')
  expect((await trackCounts(till)).live).toBe(1)
})

for (const { errorName, title } of [
  { errorName: 'NotFoundError', title: 'No camera found' },
  { errorName: 'NotAllowedError', title: 'Camera permission denied' },
  { errorName: 'NotReadableError', title: 'The camera is in use by another program' },
]) {
  test(`a camera failing with ${errorName} says "${title}" and the till still sells by scanner and by typing`, async ({ till, host }) => {
    await importCatalogue(host, CAMERA_CATALOGUE)
    await failCameraWith(till, errorName)
    await till.keyboard.press('Alt+C')
    const problem = till.getByTestId('camera-problem')
    await expect(problem).toContainText(title)
    await expect(problem).toContainText('You can keep scanning with the barcode scanner or typing the code.')
    await expect(till.getByTestId('camera-panel')).toHaveAttribute('data-phase', 'problem')

    await wedgeScan(till, 'ANNA10')
    await expect(till.getByTestId('coupon-affiliate')).toHaveText('Anna Schmidt')
    await till.keyboard.press('Escape')
    await till.getByTestId('coupon-input').fill('hanna5')
    await till.getByTestId('coupon-input').press('Enter')
    await expect(till.getByTestId('coupon-affiliate')).toHaveText('Hanna Berg')
    await till.keyboard.type('9.99')
    await till.keyboard.press('Enter')
    await expect(till.getByTestId('banner')).toContainText('Saved')
  })
}

test('the chosen camera is remembered, and a chosen camera that is unplugged gives way to the default', async ({ till, host }) => {
  await importCatalogue(host, CAMERA_CATALOGUE)
  await till.keyboard.press('Alt+C')
  const panel = till.getByTestId('camera-panel')
  await expect(panel).toHaveAttribute('data-phase', 'live')
  const select = till.getByTestId('camera-device')
  const fakeCamera = await select.locator('option').nth(1).getAttribute('value')
  expect(fakeCamera).toBeTruthy()
  await select.selectOption(fakeCamera ?? '')
  await expect.poll(async () => (await coreCall(host, 'settings:get', {}))['camera.deviceId']).toBe(fakeCamera)

  await reloadTill(till)
  await till.keyboard.press('Alt+C')
  await expect(panel).toHaveAttribute('data-phase', 'live')
  await expect(till.getByTestId('camera-device')).toHaveValue(fakeCamera ?? '')
  await expect(till.getByTestId('coupon-affiliate')).toHaveText('Anna Schmidt')

  await coreCall(host, 'settings:update', { 'camera.deviceId': 'camera-that-was-unplugged' })
  await till.keyboard.press('Alt+C')
  await till.keyboard.press('Escape')
  await till.keyboard.press('Alt+C')
  await expect(panel).toContainText('The chosen camera is not connected: using the default camera.')
  await expect(panel).toHaveAttribute('data-phase', 'live')
  await expect(till.getByTestId('coupon-affiliate')).toHaveText('Anna Schmidt')
})

test('when the WebAssembly decoder cannot load, the JavaScript one takes over and coupons still scan', async ({ till, host }) => {
  await importCatalogue(host, CAMERA_CATALOGUE)
  await till.route('**/*.wasm', (route) => route.abort())
  await till.keyboard.press('Alt+C')
  await expect(till.getByTestId('coupon-affiliate')).toHaveText('Anna Schmidt')
  await expect(till.getByTestId('camera-panel')).toHaveAttribute('data-engine', 'zxing-js')
  await expect(till.getByTestId('camera-engine')).toContainText('fallback: zxing-wasm could not load')
})

test('the JavaScript decoder can be chosen in the settings and reads coupons too', async ({ till, host }) => {
  await importCatalogue(host, CAMERA_CATALOGUE)
  await coreCall(host, 'settings:update', { 'camera.engine': 'zxing-js' })
  await reloadTill(till)
  await till.keyboard.press('Alt+C')
  await expect(till.getByTestId('coupon-affiliate')).toHaveText('Anna Schmidt')
  await expect(till.getByTestId('camera-panel')).toHaveAttribute('data-engine', 'zxing-js')
  await expect(till.getByTestId('camera-engine')).toHaveText('Decoder: zxing-js')
})

test('the decoder loads its WebAssembly from our own origin and can reach nothing else', async ({ till, host }) => {
  const hostOrigin = new URL(host.url).origin
  const requested: string[] = []
  till.context().on('request', (request) => requested.push(request.url()))
  // Another origin on this machine that would gladly answer: it must never be asked.
  let strangerHits = 0
  const stranger = http.createServer((_request, response) => {
    strangerHits += 1
    response.writeHead(200, { 'access-control-allow-origin': '*' }).end('hello')
  })
  await new Promise<void>((resolve) => stranger.listen(0, '127.0.0.1', resolve))
  const strangerUrl = `http://localhost:${(stranger.address() as AddressInfo).port}/`
  try {
    await till.keyboard.press('Alt+C')
    await expect(till.getByTestId('camera-panel')).toHaveAttribute('data-engine', 'zxing-wasm')
    await waitForMoreAttempts(till, 5)
    const wasmRequests = requested.filter((url) => url.endsWith('.wasm'))
    expect(wasmRequests.length).toBeGreaterThanOrEqual(1)
    for (const url of requested) expect(new URL(url).origin).toBe(hostOrigin)

    const worker = till.workers().find((candidate) => candidate.url().includes('decoder.worker'))
    expect(worker).toBeDefined()
    const outcome = await worker!.evaluate((url) => fetch(url).then(() => 'fetched', (error: unknown) => `refused: ${String(error)}`), strangerUrl)
    expect(outcome).toMatch(/^refused/)
    expect(strangerHits).toBe(0)
  } finally {
    await new Promise<void>((resolve) => stranger.close(() => resolve()))
  }
})
