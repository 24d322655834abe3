import { existsSync, mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { LaunchOptions } from '@playwright/test'

/**
 * How our tests and benchmarks launch Chromium. Playwright cannot download its browsers here: use
 * Debian's chromium (or COUPONDESK_CHROMIUM), falling back to Playwright's own browser on machines
 * that have it (toolchain.md, item 6). Chromium writes profile data into $HOME, so it gets a
 * temporary one (toolchain.md, item 10).
 */

const chromiumPath = process.env.COUPONDESK_CHROMIUM ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined)
const BROWSER_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic']
let browserHome: string | null = null

export function chromiumLaunchOptions(extraArgs: readonly string[] = []): LaunchOptions {
  browserHome ??= mkdtempSync(path.join(os.tmpdir(), 'coupondesk-chromium-home-'))
  return {
    ...(chromiumPath === undefined ? {} : { executablePath: chromiumPath }),
    args: [...BROWSER_ARGS, ...extraArgs],
    env: { ...process.env, HOME: browserHome },
  }
}
