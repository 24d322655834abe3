import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { CDPSession, Page } from '@playwright/test'
import { test as base, expect } from '@playwright/test'
import type { Host } from '../helpers/host/host-server'
import { startHost } from '../helpers/host/host-server'
import type { ChannelName } from '../../electron/shared/channels'
import type { ChannelInput, ChannelOutput } from '../../electron/shared/contract'

/**
 * Every test gets its own data folder and its own test host (the real core + the built
 * renderer on 127.0.0.1), and a page already opened on it.
 */
export const test = base.extend<{ host: Host; till: Page }>({
  // eslint-disable-next-line no-empty-pattern
  host: async ({}, use) => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'coupondesk-e2e-'))
    const host = await startHost({ dataDir })
    await use(host)
    await host.close()
    rmSync(dataDir, { recursive: true, force: true })
  },
  till: async ({ page, host }, use) => {
    await page.goto(host.url)
    await expect(page.getByTestId('coupon-input')).toBeFocused()
    await use(page)
  },
})

export { expect }

/** Calls the core directly (what a second terminal or the CLI would do), failing on an error. */
export async function coreCall<C extends ChannelName>(host: Host, channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const result = await host.core.invoke(channel, input)
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`)
  return result.value as ChannelOutput<C>
}

/** Drops a file on an element the way a file dragged from the desktop arrives (a DataTransfer). */
export async function dropFile(page: Page, testId: string, file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    ({ name, type, base64 }) => {
      // Runs in the page; the test files are compiled without the DOM's types.
      const page = globalThis as unknown as {
        DataTransfer: new () => { items: { add(file: unknown): void } }
        File: new (parts: unknown[], name: string, options: { type: string }) => unknown
      }
      const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0))
      const transfer = new page.DataTransfer()
      transfer.items.add(new page.File([bytes], name, { type }))
      return transfer
    },
    { name: file.name, type: file.mimeType, base64: file.buffer.toString('base64') },
  )
  await page.getByTestId(testId).dispatchEvent('drop', { dataTransfer })
}

export async function importCatalogue(host: Host, csv: string, fileName = 'coupons.csv'): Promise<void> {
  await coreCall(host, 'catalog:import', { fileName, bytes: new TextEncoder().encode(csv), mode: 'replace' })
}

// ------------------------------------------------------------------------------------------
// A keyboard-wedge barcode scanner, simulated with trusted key events sent through the DevTools
// protocol: each character is the US-keyboard key a scanner presses (`code`), and `key` is what
// the OS layout makes of it (US by default, or AZERTY to prove layout independence).

interface KeyStroke {
  key: string
  code: string
  shift: boolean
  keyCode: number
}

const US_SYMBOLS: Record<string, [string, boolean]> = {
  '-': ['Minus', false], _: ['Minus', true], '.': ['Period', false], '/': ['Slash', false], ' ': ['Space', false],
  ':': ['Semicolon', true], '=': ['Equal', false], '?': ['Slash', true], '&': ['Digit7', true],
}

function usStroke(char: string): KeyStroke {
  if (/^[a-z]$/.test(char)) return { key: char, code: `Key${char.toUpperCase()}`, shift: false, keyCode: char.toUpperCase().charCodeAt(0) }
  if (/^[A-Z]$/.test(char)) return { key: char, code: `Key${char}`, shift: true, keyCode: char.charCodeAt(0) }
  if (/^[0-9]$/.test(char)) return { key: char, code: `Digit${char}`, shift: false, keyCode: char.charCodeAt(0) }
  const symbol = US_SYMBOLS[char]
  if (symbol === undefined) throw new Error(`no US key for ${JSON.stringify(char)}`)
  return { key: char, code: symbol[0], shift: symbol[1], keyCode: 0 }
}

// What a French AZERTY layout types for the physical keys a US-keyboard scanner presses.
const AZERTY_UNSHIFTED_DIGITS: Record<string, string> = {
  Digit1: '&', Digit2: 'é', Digit3: '"', Digit4: "'", Digit5: '(', Digit6: '-', Digit7: 'è', Digit8: '_', Digit9: 'ç', Digit0: 'à',
}
const AZERTY_LETTER_SWAP: Record<string, string> = { KeyA: 'q', KeyQ: 'a', KeyZ: 'w', KeyW: 'z', KeyM: ',' }

function azerty(stroke: KeyStroke): KeyStroke {
  if (stroke.code.startsWith('Digit') && !stroke.shift) return { ...stroke, key: AZERTY_UNSHIFTED_DIGITS[stroke.code] ?? stroke.key }
  const swapped = AZERTY_LETTER_SWAP[stroke.code]
  if (swapped !== undefined) return { ...stroke, key: stroke.shift ? swapped.toUpperCase() : swapped }
  return stroke
}

function dispatch(cdp: CDPSession, stroke: KeyStroke, atSeconds: number): Promise<unknown>[] {
  const modifiers = stroke.shift ? 8 : 0
  const common = { key: stroke.key, code: stroke.code, modifiers, windowsVirtualKeyCode: stroke.keyCode, timestamp: atSeconds }
  const text = stroke.key.length === 1 ? stroke.key : stroke.key === 'Enter' ? '\r' : undefined
  return [
    cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', ...common, ...(text === undefined ? {} : { text, unmodifiedText: text }) }),
    cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...common }),
  ]
}

export async function wedgeScan(page: Page, code: string, options: { gapMs?: number; layout?: 'us' | 'azerty'; terminator?: 'Enter' | 'Tab' } = {}): Promise<void> {
  const cdp = await page.context().newCDPSession(page)
  const gapMs = options.gapMs ?? 8
  const terminator = options.terminator ?? 'Enter'
  const strokes = [
    ...[...code].map((char) => (options.layout === 'azerty' ? azerty(usStroke(char)) : usStroke(char))),
    { key: terminator, code: terminator, shift: false, keyCode: terminator === 'Enter' ? 13 : 9 },
  ]
  // Each key carries the time a scanner would have sent it (event.timeStamp follows the
  // protocol's timestamp). The commands are sent without waiting for each answer, so a loaded
  // test machine cannot open a gap in real time between two keys a scanner sends back to back
  // (the page's pause timer would take the first for typing). Slower, person-like series are
  // also paced in real time.
  const isScannerPace = gapMs <= 30
  const startMs = Date.now()
  const sent: Promise<unknown>[] = []
  for (const [index, stroke] of strokes.entries()) {
    const dueMs = startMs + index * gapMs
    const waitMs = dueMs - Date.now()
    if (!isScannerPace && waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs))
    sent.push(...dispatch(cdp, stroke, dueMs / 1000))
  }
  await Promise.all(sent)
  await cdp.detach()
}
