import type { Detection, Quad } from './code-format'
import type { AcceptancePolicy, Clock } from './read-acceptance'
import { DEFAULT_ACCEPTANCE, ReadAcceptance } from './read-acceptance'

/**
 * What each decoded frame means for the cashier: is it a new scan (beep, green), and what box to
 * draw. The acceptance rules decide the scan; this adds the feedback's timing: the box flashes
 * green for `GREEN_MS` after a scan, and stays up `BOX_LINGER_MS` after the code was last seen, so
 * one missed frame does not make it blink. Pure, with an injected clock.
 */

export const GREEN_MS = 700
export const BOX_LINGER_MS = 250

export type BoxState =
  /** First read of a 1D code, waiting for the confirming second read. */
  | 'reading'
  /** Just accepted: the green flash. */
  | 'accepted'
  /** Accepted moments ago and still in view (suppressed). */
  | 'scanned'

export interface CameraBox {
  corners: Quad
  frameWidth: number
  frameHeight: number
  state: BoxState
}

export type Judgement =
  /** Nothing in this frame; `clearBox` once the code was out of view long enough. */
  | { kind: 'no-code'; clearBox: boolean }
  /** A code: draw `box`; `isNewScan` means beep, go green and check the coupon. */
  | { kind: 'code'; box: CameraBox; isNewScan: boolean }

export interface JudgedFrame {
  detection: Detection | null
  width: number
  height: number
}

export class FrameJudge {
  private readonly acceptance: ReadAcceptance
  private greenUntil = -Infinity
  private lastSeenAt = -Infinity

  constructor(
    private readonly clock: Clock,
    policy: AcceptancePolicy = DEFAULT_ACCEPTANCE,
  ) {
    this.acceptance = new ReadAcceptance(clock, policy)
  }

  judge(frame: JudgedFrame): Judgement {
    const now = this.clock.now()
    const { detection } = frame
    if (detection === null) return { kind: 'no-code', clearBox: now - this.lastSeenAt > BOX_LINGER_MS }
    this.lastSeenAt = now
    const verdict = this.acceptance.offer(detection)
    if (verdict.kind === 'accepted') this.greenUntil = now + GREEN_MS
    const state: BoxState = now < this.greenUntil ? 'accepted' : verdict.kind === 'confirming' ? 'reading' : 'scanned'
    return { kind: 'code', box: { corners: detection.corners, frameWidth: frame.width, frameHeight: frame.height, state }, isNewScan: verdict.kind === 'accepted' }
  }
}
