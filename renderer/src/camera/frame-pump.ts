import type { DecodeOutcome, DecoderClient } from './decoder-client'

/**
 * Moves camera frames to the decoder: grab the current video frame as a VideoFrame, move it to
 * the worker, wait for the answer, repeat; never more than one frame in flight (a slow machine
 * gets fewer attempts, never a growing queue), and never faster than `minIntervalMs` (15 a
 * second by default, above the 10 a second we promise, leaving the CPU to the till). The window's
 * thread only wraps the frame (a VideoFrame references the camera's buffer; see frame-pixels.ts
 * for why not a canvas or an ImageBitmap); copying its pixels and decoding happen in the worker.
 */

export const MIN_INTERVAL_MS = 66
/** One bad frame is skipped; this many failures in a row mean the decoder itself is broken. */
export const MAX_FAILURES_IN_A_ROW = 10

export interface PumpedFrame extends DecodeOutcome {
  /** performance.now() when the frame was grabbed from the video. */
  capturedAt: number
}

export class FramePump {
  private stopped = false
  private failuresInARow = 0
  private wake: (() => void) | null = null
  private timer: number | undefined

  constructor(
    private readonly video: HTMLVideoElement,
    private readonly decoder: DecoderClient,
    private readonly onFrame: (frame: PumpedFrame) => void,
    private readonly onError: (error: Error) => void,
    private readonly minIntervalMs = MIN_INTERVAL_MS,
  ) {}

  start(): void {
    void this.loop()
  }

  stop(): void {
    this.stopped = true
    window.clearTimeout(this.timer)
    this.wake?.()
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      const capturedAt = performance.now()
      if (this.video.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA && this.video.videoWidth > 0) {
        try {
          const frame = new VideoFrame(this.video)
          if (this.stopped) {
            frame.close()
            return
          }
          const outcome = await this.decoder.decode(frame)
          if (this.stopped) return
          this.failuresInARow = 0
          this.onFrame({ ...outcome, capturedAt })
        } catch (error) {
          if (this.stopped) return
          this.failuresInARow += 1
          if (this.decoder.isBroken || this.failuresInARow >= MAX_FAILURES_IN_A_ROW) {
            this.onError(error instanceof Error ? error : new Error(String(error)))
            return
          }
        }
      }
      await this.pause(Math.max(0, this.minIntervalMs - (performance.now() - capturedAt)))
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.wake = resolve
      this.timer = window.setTimeout(resolve, ms)
    })
  }
}

