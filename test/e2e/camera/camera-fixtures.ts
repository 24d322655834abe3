import type { Page } from '@playwright/test'
import { expect, test as base } from '../fixtures'

/**
 * Camera tests run in Chromium with its fake camera playing the project's feed (see
 * playwright.config.ts). Every page gets a small recorder at the process edge: it wraps
 * getUserMedia (calling the real one) to keep every track the page ever received, and when each
 * track was stopped, so a test can prove the camera is off without trusting the app's word.
 */

export interface CameraFeedOption {
  /** The feed (test/helpers/camera/feeds.ts) Chromium's fake camera plays in this project. */
  cameraFeed: string
}

export interface TrackCounts {
  requested: number
  settled: number
  tracks: number
  live: number
}

interface RecorderGlobals {
  __cameraRecorder: { requested: number; settled: number; tracks: { readyState: string }[]; delayMs: number }
}

export const test = base.extend<CameraFeedOption>({
  cameraFeed: ['qr', { option: true }],
  page: async ({ page }, use) => {
    await page.addInitScript(() => {
      const media = (globalThis as unknown as { navigator: { mediaDevices?: { getUserMedia(constraints: unknown): Promise<{ getTracks(): { readyState: string }[] }> } } }).navigator.mediaDevices
      if (media === undefined) return
      const recorder = { requested: 0, settled: 0, tracks: [] as { readyState: string }[], delayMs: 0 }
      ;(globalThis as unknown as RecorderGlobals).__cameraRecorder = recorder
      const real = media.getUserMedia.bind(media)
      media.getUserMedia = async (constraints: unknown) => {
        recorder.requested += 1
        try {
          // A slow camera driver, when a test asks for one: the stream arrives late.
          if (recorder.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, recorder.delayMs))
          const stream = await real(constraints)
          recorder.tracks.push(...stream.getTracks())
          return stream
        } finally {
          recorder.settled += 1
        }
      }
    })
    await use(page)
  },
})

export { expect }

export async function trackCounts(page: Page): Promise<TrackCounts> {
  return page.evaluate(() => {
    const recorder = (globalThis as unknown as RecorderGlobals).__cameraRecorder
    return {
      requested: recorder.requested,
      settled: recorder.settled,
      tracks: recorder.tracks.length,
      live: recorder.tracks.filter((track) => track.readyState === 'live').length,
    }
  })
}

/** Makes every later getUserMedia call wait `ms` before the real camera starts. */
export async function slowCameraStart(page: Page, ms: number): Promise<void> {
  await page.evaluate((delay) => {
    ;(globalThis as unknown as RecorderGlobals).__cameraRecorder.delayMs = delay
  }, ms)
}

/** Makes getUserMedia fail the way the system does, with a DOMException of this name. */
export async function failCameraWith(page: Page, errorName: string): Promise<void> {
  await page.evaluate((name) => {
    const media = (globalThis as unknown as { navigator: { mediaDevices: { getUserMedia: unknown } } }).navigator.mediaDevices
    const Failure = (globalThis as unknown as { DOMException: new (message: string, name: string) => Error }).DOMException
    media.getUserMedia = () => Promise.reject(new Failure(`simulated ${name}`, name))
  }, errorName)
}

/** Decode attempts so far in the open panel (the panel counts them in a data attribute). */
export async function decodeAttempts(page: Page): Promise<number> {
  return Number((await page.getByTestId('camera-panel').getAttribute('data-attempts')) ?? '0')
}

/** Waits until the camera made `count` more decode attempts: time measured in frames, not sleeps. */
export async function waitForMoreAttempts(page: Page, count: number): Promise<void> {
  const start = await decodeAttempts(page)
  await expect.poll(() => decodeAttempts(page), { timeout: 30_000 }).toBeGreaterThanOrEqual(start + count)
}

/** Reloads the page and waits until the checkout is ready for keys (as the `till` fixture does). */
export async function reloadTill(page: Page): Promise<void> {
  await page.reload()
  await expect(page.getByTestId('coupon-input')).toBeFocused()
}
