import { existsSync, mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { defineConfig } from '@playwright/test'

// Playwright cannot download its browsers here: use Debian's chromium (or COUPONDESK_CHROMIUM),
// falling back to Playwright's own browser on machines that have it (toolchain.md, item 6).
const chromiumPath = process.env.COUPONDESK_CHROMIUM ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined)
// Chromium writes profile data into $HOME; keep it out of the user's home (toolchain.md, item 10).
const browserHome = mkdtempSync(path.join(os.tmpdir(), 'coupondesk-chromium-home-'))

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    launchOptions: {
      ...(chromiumPath === undefined ? {} : { executablePath: chromiumPath }),
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
      env: { ...process.env, HOME: browserHome },
    },
  },
  projects: [{ name: 'till', use: { browserName: 'chromium' } }],
})
