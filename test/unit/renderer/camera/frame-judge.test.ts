import { beforeEach, describe, expect, it } from 'vitest'
import type { Detection } from '../../../../renderer/src/camera/code-format'
import { BOX_LINGER_MS, FrameJudge, GREEN_MS } from '../../../../renderer/src/camera/frame-judge'

class FakeClock {
  at = 5_000
  now(): number {
    return this.at
  }
}

const corners: Detection['corners'] = [
  { x: 10, y: 10 },
  { x: 90, y: 10 },
  { x: 90, y: 90 },
  { x: 10, y: 90 },
]
const frameWith = (detection: Detection | null) => ({ detection, width: 640, height: 480 })
const QR: Detection = { text: 'ANNA10', format: 'qr_code', corners }
const CODE_39: Detection = { text: 'EMIL-39', format: 'code_39', corners }

describe('FrameJudge', () => {
  let clock: FakeClock
  let judge: FrameJudge

  beforeEach(() => {
    clock = new FakeClock()
    judge = new FrameJudge(clock)
  })

  it('makes a first QR read a new scan with a green box on the code, in frame coordinates', () => {
    expect(judge.judge(frameWith(QR))).toEqual({ kind: 'code', isNewScan: true, box: { corners, frameWidth: 640, frameHeight: 480, state: 'accepted' } })
  })

  it('keeps the box green for the flash, then shows the code as already scanned while it stays', () => {
    judge.judge(frameWith(QR))
    clock.at += GREEN_MS - 1
    expect(judge.judge(frameWith(QR))).toMatchObject({ isNewScan: false, box: { state: 'accepted' } })
    clock.at += 2
    expect(judge.judge(frameWith(QR))).toMatchObject({ isNewScan: false, box: { state: 'scanned' } })
  })

  it('shows a first 1D read as still reading and makes the second identical read the scan', () => {
    expect(judge.judge(frameWith(CODE_39))).toMatchObject({ isNewScan: false, box: { state: 'reading' } })
    clock.at += 66
    expect(judge.judge(frameWith(CODE_39))).toMatchObject({ isNewScan: true, box: { state: 'accepted' } })
  })

  it('keeps the box through a frame that missed the code, and takes it down once the code is gone', () => {
    judge.judge(frameWith(QR))
    clock.at += BOX_LINGER_MS
    expect(judge.judge(frameWith(null))).toEqual({ kind: 'no-code', clearBox: false })
    clock.at += 1
    expect(judge.judge(frameWith(null))).toEqual({ kind: 'no-code', clearBox: true })
  })

  it('has no box to keep on frames without a code before any code was seen', () => {
    expect(judge.judge(frameWith(null))).toEqual({ kind: 'no-code', clearBox: true })
  })
})
