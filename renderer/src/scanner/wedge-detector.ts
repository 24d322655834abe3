import { usCharacter } from './us-keymap'

/**
 * Tells a barcode scanner that types (keyboard wedge) from a person, by timing over the whole
 * string: a scanner sends a character every 0-20 ms (USB) or up to ~60 ms (Bluetooth) and ends
 * with Enter or Tab; people average ~230 ms and manage only short fast bursts.
 *
 * Policy: printable keys are held back while they could still be a scan, so scanned text never
 * lands in the focused field. As soon as the timing shows a person (the average gap is over the
 * threshold, a pause, or a terminator after too few characters), the held characters are
 * released, in order, into the field as if typed. Gaps come from `event.timeStamp` so a busy
 * thread cannot split one scan into two. This module is pure; `useWedgeScanner` applies its
 * decisions to the DOM.
 */

export interface WedgeConfig {
  minLength: number
  maxAvgGapMs: number
  terminator: 'enter' | 'tab' | 'enter-or-tab'
}

export interface WedgeKey {
  key: string
  code: string
  timeStamp: number
  shiftKey: boolean
  ctrlKey: boolean
  altKey: boolean
  metaKey: boolean
  isComposing?: boolean
}

export interface ScanResult {
  code: string
  averageGapMs: number
}

export type WedgeDecision =
  /** Not ours: let the browser handle the key. */
  | { action: 'pass' }
  /** Swallow the key for now: it may be part of a scan. */
  | { action: 'hold' }
  /** Swallow the terminator: a scan is complete. */
  | { action: 'scan'; scan: ScanResult }
  /** Type `text` (held keys that turned out to be a person's) first, then pass or hold this key. */
  | { action: 'release'; text: string; then: 'pass' | 'hold' }

interface HeldKey {
  scanned: string
  typed: string
  at: number
}

const MODIFIERS = new Set(['Shift', 'Control', 'Alt', 'AltGraph', 'Meta', 'CapsLock'])

export class WedgeDetector {
  private held: HeldKey[] = []
  private typingUntilPause = false
  private lastKeyAt = -Infinity

  constructor(private config: WedgeConfig) {}

  configure(config: WedgeConfig): void {
    this.config = config
  }

  /** How long a pause ends a burst: three average scanner gaps, and never under 50 ms. */
  get pauseMs(): number {
    return Math.max(50, this.config.maxAvgGapMs * 3)
  }

  key(event: WedgeKey): WedgeDecision {
    if (event.isComposing === true || MODIFIERS.has(event.key)) return { action: 'pass' }
    const gap = event.timeStamp - this.lastKeyAt
    const isPrintable = event.key.length === 1 && !event.ctrlKey && !event.altKey && !event.metaKey

    if (this.isTerminator(event.key)) {
      this.lastKeyAt = event.timeStamp
      return this.onTerminator(event.timeStamp)
    }
    if (!isPrintable) {
      this.lastKeyAt = event.timeStamp
      this.typingUntilPause = false
      return this.releaseThen('pass')
    }

    if (gap > this.pauseMs) this.typingUntilPause = false
    this.lastKeyAt = event.timeStamp
    if (this.typingUntilPause) return this.releaseThen('pass')

    const scanned = usCharacter(event.code, event.shiftKey) ?? event.key
    if (this.held.length > 0 && gap > this.pauseMs) {
      const text = this.takeHeldText()
      this.held.push({ scanned, typed: event.key, at: event.timeStamp })
      return { action: 'release', text, then: 'hold' }
    }
    this.held.push({ scanned, typed: event.key, at: event.timeStamp })
    if (this.held.length >= 2 && this.averageGap(event.timeStamp, this.held.length - 1) > this.config.maxAvgGapMs) {
      // A person: type what was held, let this key through, and stop holding until a pause.
      this.held.pop()
      this.typingUntilPause = true
      return this.releaseThen('pass')
    }
    return { action: 'hold' }
  }

  /** Called by a timer: after a pause, held keys were a person's and are released. */
  tick(now: number): string | null {
    if (this.held.length === 0 || now - this.lastKeyAt <= this.pauseMs) return null
    this.typingUntilPause = false
    return this.takeHeldText()
  }

  /** Drops held keys without typing them (the window lost focus). */
  reset(): void {
    this.held = []
    this.typingUntilPause = false
  }

  private onTerminator(at: number): WedgeDecision {
    const averageGapMs = this.averageGap(at, this.held.length)
    if (this.held.length >= this.config.minLength && averageGapMs <= this.config.maxAvgGapMs) {
      const scan = { code: this.held.map((key) => key.scanned).join(''), averageGapMs }
      this.held = []
      return { action: 'scan', scan }
    }
    this.typingUntilPause = false
    return this.releaseThen('pass')
  }

  private isTerminator(key: string): boolean {
    const { terminator } = this.config
    return (key === 'Enter' && terminator !== 'tab') || (key === 'Tab' && terminator !== 'enter')
  }

  /** Average of the `gaps` gaps between the first held key and `until`. */
  private averageGap(until: number, gaps: number): number {
    const first = this.held[0]
    if (first === undefined || gaps <= 0) return Infinity
    return (until - first.at) / gaps
  }

  private releaseThen(then: 'pass' | 'hold'): WedgeDecision {
    if (this.held.length === 0) return then === 'pass' ? { action: 'pass' } : { action: 'hold' }
    return { action: 'release', text: this.takeHeldText(), then }
  }

  private takeHeldText(): string {
    const text = this.held.map((key) => key.typed).join('')
    this.held = []
    return text
  }
}
