import { readFileSync } from 'node:fs'
import type { Browser } from '@playwright/test'

/**
 * Memory of Chromium's renderer processes (the page and its workers live there): the
 * proportional set size (each shared page counted once across processes, unlike RSS) from
 * /proc/<pid>/smaps_rollup, with the process ids the DevTools protocol gives. Linux only, like our
 * machines; elsewhere it reports 0 and the memory rows say nothing.
 */
export async function rendererMemoryBytes(browser: Browser): Promise<number> {
  const session = await browser.newBrowserCDPSession()
  try {
    const info = (await session.send('SystemInfo.getProcessInfo')) as { processInfo: { type: string; id: number }[] }
    let total = 0
    for (const process of info.processInfo) {
      if (process.type !== 'renderer') continue
      try {
        const rollup = readFileSync(`/proc/${process.id}/smaps_rollup`, 'utf8')
        const kilobytes = /^Pss:\s+(\d+) kB/m.exec(rollup)?.[1]
        total += Number(kilobytes ?? 0) * 1024
      } catch {
        // The process ended between the two reads.
      }
    }
    return total
  } finally {
    await session.detach()
  }
}
