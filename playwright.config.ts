import { existsSync, mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { LaunchOptions } from '@playwright/test'
import { defineConfig } from '@playwright/test'
import type { CameraFeedOption } from './test/e2e/camera/camera-fixtures'
import { CAMERA_FEED_DIR, FEEDS, fakeCameraArgs, feedVideoPath } from './test/helpers/camera/feeds'

// Playwright cannot download its browsers here: use Debian's chromium (or COUPONDESK_CHROMIUM),
// falling back to Playwright's own browser on machines that have it (toolchain.md, item 6).
const chromiumPath = process.env.COUPONDESK_CHROMIUM ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined)
// Chromium writes profile data into $HOME; keep it out of the user's home (toolchain.md, item 10).
const browserHome = mkdtempSync(path.join(os.tmpdir(), 'coupondesk-chromium-home-'))
const BROWSER_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic']

function launchOptions(extraArgs: readonly string[] = []): LaunchOptions {
  return {
    ...(chromiumPath === undefined ? {} : { executablePath: chromiumPath }),
    args: [...BROWSER_ARGS, ...extraArgs],
    env: { ...process.env, HOME: browserHome },
  }
}

export default defineConfig<CameraFeedOption>({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  outputDir: 'test-results',
  // Renders the fake camera's videos (one per camera project) before any browser starts.
  globalSetup: './test/e2e/camera/global-setup.ts',
  use: {
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    launchOptions: launchOptions(),
  },
  projects: [
    { name: 'till', testIgnore: 'camera/**', use: { browserName: 'chromium' } },
    // Chromium's fake camera plays one video file per browser launch: one project per feed
    // (toolchain.md, item 7). The QR feed also runs the camera's lifecycle and error tests.
    ...FEEDS.map((feed) => ({
      name: `camera-${feed.name}`,
      testMatch: feed.name === 'qr' ? ['camera/camera-feed.spec.ts', 'camera/camera-lifecycle.spec.ts'] : ['camera/camera-feed.spec.ts'],
      use: { browserName: 'chromium' as const, cameraFeed: feed.name, launchOptions: launchOptions(fakeCameraArgs(feedVideoPath(CAMERA_FEED_DIR, feed.name))) },
    })),
  ],
})
