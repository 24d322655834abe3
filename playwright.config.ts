import { defineConfig } from '@playwright/test'
import type { CameraFeedOption } from './test/e2e/camera/camera-fixtures'
import { CAMERA_FEED_DIR, FEEDS, fakeCameraArgs, feedVideoPath } from './test/helpers/camera/feeds'
import { chromiumLaunchOptions } from './test/helpers/chromium'

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
    launchOptions: chromiumLaunchOptions(),
  },
  projects: [
    { name: 'till', testIgnore: 'camera/**', use: { browserName: 'chromium' } },
    // Chromium's fake camera plays one video file per browser launch: one project per feed
    // (toolchain.md, item 7). The QR feed also runs the camera's lifecycle and error tests.
    ...FEEDS.map((feed) => ({
      name: `camera-${feed.name}`,
      testMatch: feed.name === 'qr' ? ['camera/camera-feed.spec.ts', 'camera/camera-lifecycle.spec.ts'] : ['camera/camera-feed.spec.ts'],
      use: { browserName: 'chromium' as const, cameraFeed: feed.name, launchOptions: chromiumLaunchOptions(fakeCameraArgs(feedVideoPath(CAMERA_FEED_DIR, feed.name))) },
    })),
  ],
})
