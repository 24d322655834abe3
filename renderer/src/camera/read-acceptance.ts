import type { CodeFormat } from './code-format'
import { isMatrixFormat } from './code-format'

/**
 * When a code seen by the camera counts as a scan. The camera sees the same coupon 10-20 times a
 * second; the cashier must get exactly one scan per presentation, and never a wrong code.
 *
 * - A QR or Data Matrix code is accepted on its first read: its error correction makes a misread
 *   practically impossible.
 * - A 1D code (Code 128, Code 39, EAN-13/UPC-A) is accepted only after two identical reads
 *   within `confirmWithinMs`: their checksums are weak (Code 39 has none), and one bad scan line
 *   can give a plausible wrong code. A different 1D read in between starts over.
 * - An accepted code is then ignored while it stays in view, and for `suppressMs` after it was
 *   last seen: holding the coupon there longer never scans it twice, and showing it again after
 *   a pause (the next customer with the same coupon) scans it again.
 *
 * Pure: time comes from the injected clock, so the tests control it.
 */

export interface Clock {
  now(): number
}

export interface AcceptancePolicy {
  suppressMs: number
  confirmWithinMs: number
}

export const DEFAULT_ACCEPTANCE: AcceptancePolicy = { suppressMs: 2000, confirmWithinMs: 1000 }

export interface CodeRead {
  text: string
  format: CodeFormat
}

export type Verdict =
  /** A new scan: beep, go green, check the coupon. */
  | { kind: 'accepted' }
  /** A first read of a 1D code: wait for a second identical one. */
  | { kind: 'confirming' }
  /** The code was accepted moments ago and is still in view. */
  | { kind: 'suppressed' }

export class ReadAcceptance {
  /** Accepted codes and when they were last seen. */
  private readonly recent = new Map<string, number>()
  private candidate: { text: string; format: CodeFormat; at: number } | null = null

  constructor(
    private readonly clock: Clock,
    private readonly policy: AcceptancePolicy = DEFAULT_ACCEPTANCE,
  ) {}

  offer(read: CodeRead): Verdict {
    const now = this.clock.now()
    this.forgetOlderThan(now - this.policy.suppressMs)
    if (this.recent.has(read.text)) {
      this.recent.set(read.text, now)
      return { kind: 'suppressed' }
    }
    if (isMatrixFormat(read.format)) return this.accept(read.text, now)

    const candidate = this.candidate
    if (candidate !== null && candidate.text === read.text && candidate.format === read.format && now - candidate.at <= this.policy.confirmWithinMs) {
      return this.accept(read.text, now)
    }
    this.candidate = { text: read.text, format: read.format, at: now }
    return { kind: 'confirming' }
  }

  /** Starts over, as a newly opened camera does. */
  reset(): void {
    this.recent.clear()
    this.candidate = null
  }

  private accept(text: string, now: number): Verdict {
    this.recent.set(text, now)
    this.candidate = null
    return { kind: 'accepted' }
  }

  private forgetOlderThan(limit: number): void {
    for (const [text, lastSeen] of this.recent) {
      if (lastSeen < limit) this.recent.delete(text)
    }
  }
}
