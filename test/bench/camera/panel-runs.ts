import type { Browser, Page } from '@playwright/test'
import { chromium } from '@playwright/test'
import { startHost } from '../../helpers/host/host-server'
import type { Host } from '../../helpers/host/host-server'
import { CAMERA_CATALOGUE, fakeCameraArgs } from '../../helpers/camera/feeds'
import { chromiumLaunchOptions } from '../../helpers/chromium'
import type { Engine } from './decode-runs'
import { rendererMemoryBytes } from './renderer-memory'

/**
 * The camera as a cashier meets it: the real app (the freshly built renderer through the test
 * host, the real core) in Chromium with its fake camera showing a coupon. Times come from the
 * page's own clock: the app's performance marks (`camera:open`, `camera:live`,
 * `camera:decoder-ready`, `camera:accepted`), the Alt+C key event's timestamp, and the moment
 * each camera track was stopped (recorded by wrapping MediaStreamTrack.stop at the process edge).
 */

export interface Opening {
  engine: Engine
  /** cold: the first opening after the app started (worker and WebAssembly not loaded yet). */
  kind: 'cold' | 'warm'
  openToLiveMs: number
  openToDecoderReadyMs: number
  openToScanMs: number
  /** From the closing key to the camera's last track stopped. */
  closeToOffMs: number
}

interface BenchGlobals {
  performance: { getEntriesByName(name: string): { startTime: number }[] }
  __closeTiming: { keyAt: number; stops: number[] }
}

// Plain text, not a function: the page runs it as written (a bundler's helpers would not exist there).
const INSTRUMENT = `
  (() => {
    const timing = { keyAt: 0, stops: [] }
    globalThis.__closeTiming = timing
    addEventListener('keydown', (event) => { if (event.altKey && event.code === 'KeyC') timing.keyAt = event.timeStamp }, true)
    const realStop = MediaStreamTrack.prototype.stop
    MediaStreamTrack.prototype.stop = function () { timing.stops.push(performance.now()); return realStop.call(this) }
  })()
`

async function readyTill(page: Page, url: string): Promise<void> {
  await page.goto(url)
  await page.getByTestId('coupon-input').waitFor()
  await page.waitForFunction(() => (globalThis as unknown as { document: { activeElement: { getAttribute(name: string): string | null } | null } }).document.activeElement?.getAttribute('data-testid') === 'coupon-input')
}

async function openAndScan(page: Page, engine: Engine, kind: Opening['kind']): Promise<Opening> {
  await page.keyboard.press('Alt+C')
  await page.waitForFunction(() => (globalThis as unknown as BenchGlobals).performance.getEntriesByName('camera:accepted').length > 0, null, { timeout: 20_000 })
  const [openAt, liveAt, readyAt, acceptedAt] = await page.evaluate((names) => names.map((name) => (globalThis as unknown as BenchGlobals).performance.getEntriesByName(name)[0]?.startTime ?? NaN), [
    'camera:open',
    'camera:live',
    'camera:decoder-ready',
    'camera:accepted',
  ])
  const marks = { open: openAt ?? NaN, live: liveAt ?? NaN, ready: readyAt ?? NaN, accepted: acceptedAt ?? NaN }
  await page.keyboard.press('Alt+C')
  await page.getByTestId('camera-panel').waitFor({ state: 'hidden' })
  const closing = await page.evaluate(() => {
    const timing = (globalThis as unknown as BenchGlobals).__closeTiming
    const stops = timing.stops.filter((at) => at >= timing.keyAt)
    timing.stops.length = 0
    return { keyAt: timing.keyAt, lastStop: stops.length === 0 ? NaN : Math.max(...stops) }
  })
  await page.keyboard.press('Escape')
  // The decoder may have been ready before this opening (warm): then it costs nothing.
  const ready = Number.isNaN(marks.ready) ? marks.open : Math.max(marks.open, marks.ready)
  return {
    engine,
    kind,
    openToLiveMs: marks.live - marks.open,
    openToDecoderReadyMs: ready - marks.open,
    openToScanMs: marks.accepted - marks.open,
    closeToOffMs: closing.lastStop - closing.keyAt,
  }
}

async function startTillHost(dataDir: string, rendererDir: string, engine: Engine): Promise<Host> {
  const host = await startHost({ dataDir, rendererDir })
  const imported = await host.core.invoke('catalog:import', { fileName: 'coupons.csv', bytes: new TextEncoder().encode(CAMERA_CATALOGUE), mode: 'replace' })
  if (!imported.ok) throw new Error(`catalogue import failed: ${imported.error.message}`)
  const updated = await host.core.invoke('settings:update', { 'camera.engine': engine })
  if (!updated.ok) throw new Error(`settings update failed: ${updated.error.message}`)
  return host
}

async function withCameraBrowser<T>(feedFile: string, use: (browser: Browser) => Promise<T>): Promise<T> {
  const browser = await chromium.launch(chromiumLaunchOptions(fakeCameraArgs(feedFile)))
  try {
    return await use(browser)
  } finally {
    await browser.close()
  }
}

/**
 * `cold` openings, each right after a page load, then `warm` ones on the same page, for one
 * engine. Every opening must end in a scan of the coupon in view.
 */
export async function runOpenings(options: { dataDir: string; rendererDir: string; feedFile: string; engine: Engine; cold: number; warm: number }): Promise<Opening[]> {
  const host = await startTillHost(options.dataDir, options.rendererDir, options.engine)
  try {
    return await withCameraBrowser(options.feedFile, async (browser) => {
      const page = await browser.newPage()
      await page.addInitScript(INSTRUMENT)
      const openings: Opening[] = []
      for (let index = 0; index < options.cold; index++) {
        await readyTill(page, host.url)
        openings.push(await openAndScan(page, options.engine, 'cold'))
      }
      for (let index = 0; index < options.warm; index++) openings.push(await openAndScan(page, options.engine, 'warm'))
      return openings
    })
  } finally {
    await host.close()
  }
}

export interface LongRun {
  attemptsPerSecond: number
  /** Renderer memory a few seconds in, and at the end. */
  startBytes: number
  endBytes: number
}

/**
 * The panel left open on a feed without any code (the worst case: every frame is searched in
 * full) through the whole app path (video, ImageBitmap, worker): attempts per second, and the
 * renderer's memory from a few seconds in to the end.
 */
export async function runLongOpen(options: { dataDir: string; rendererDir: string; feedFile: string; engine: Engine; seconds: number }): Promise<LongRun> {
  const host = await startTillHost(options.dataDir, options.rendererDir, options.engine)
  try {
    return await withCameraBrowser(options.feedFile, async (browser) => {
      const page = await browser.newPage()
      await readyTill(page, host.url)
      await page.keyboard.press('Alt+C')
      const panel = page.getByTestId('camera-panel')
      await page.waitForFunction(() => Number((globalThis as unknown as { document: { querySelector(selector: string): { getAttribute(name: string): string | null } | null } }).document.querySelector('[data-testid="camera-panel"]')?.getAttribute('data-attempts') ?? '0') >= 5)
      const attempts = async (): Promise<{ count: number; at: number }> => ({ count: Number((await panel.getAttribute('data-attempts')) ?? '0'), at: performance.now() })
      await page.waitForTimeout(3000)
      const startBytes = await rendererMemoryBytes(browser)
      const first = await attempts()
      await page.waitForTimeout(options.seconds * 1000)
      const last = await attempts()
      const endBytes = await rendererMemoryBytes(browser)
      if (Number((await panel.getAttribute('data-reads')) ?? '0') !== 0) throw new Error('the feed without a code was read as a coupon')
      return { attemptsPerSecond: ((last.count - first.count) * 1000) / (last.at - first.at), startBytes, endBytes }
    })
  } finally {
    await host.close()
  }
}
