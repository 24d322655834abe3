import { beforeEach, describe, expect, it } from 'vitest'
import type { CodeRead } from '../../../../renderer/src/camera/read-acceptance'
import { ReadAcceptance } from '../../../../renderer/src/camera/read-acceptance'

class FakeClock {
  private at = 1_000_000
  now(): number {
    return this.at
  }
  advance(ms: number): void {
    this.at += ms
  }
}

const QR: CodeRead = { text: 'ANNA10', format: 'qr_code' }
const DATA_MATRIX: CodeRead = { text: 'FX2026DM', format: 'data_matrix' }
const CODE_128: CodeRead = { text: 'BERND-2026', format: 'code_128' }
const CODE_39: CodeRead = { text: 'EMIL-39', format: 'code_39' }
const EAN_13: CodeRead = { text: '4006381333931', format: 'ean_13' }
const UPC_A: CodeRead = { text: '036000291452', format: 'upc_a' }

describe('ReadAcceptance', () => {
  let clock: FakeClock
  let rules: ReadAcceptance

  beforeEach(() => {
    clock = new FakeClock()
    rules = new ReadAcceptance(clock)
  })

  describe('2D codes', () => {
    it.each([QR, DATA_MATRIX])('accepts a $format code on its first read', (read) => {
      expect(rules.offer(read)).toEqual({ kind: 'accepted' })
    })
  })

  describe('1D codes', () => {
    it.each([CODE_128, CODE_39, EAN_13, UPC_A])('waits for a second identical read of a $format code before accepting it', (read) => {
      expect(rules.offer(read)).toEqual({ kind: 'confirming' })
      clock.advance(70)
      expect(rules.offer(read)).toEqual({ kind: 'accepted' })
    })

    it('never accepts a 1D misread that was seen only once between two other reads', () => {
      expect(rules.offer(CODE_128)).toEqual({ kind: 'confirming' })
      clock.advance(70)
      expect(rules.offer({ text: 'BERND-2O26', format: 'code_128' })).toEqual({ kind: 'confirming' })
      clock.advance(70)
      // The misread broke the pair: the true code must now be read twice again.
      expect(rules.offer(CODE_128)).toEqual({ kind: 'confirming' })
      clock.advance(70)
      expect(rules.offer(CODE_128)).toEqual({ kind: 'accepted' })
    })

    it('starts over when the second read comes more than a second after the first', () => {
      expect(rules.offer(CODE_39)).toEqual({ kind: 'confirming' })
      clock.advance(1001)
      expect(rules.offer(CODE_39)).toEqual({ kind: 'confirming' })
      clock.advance(1000)
      expect(rules.offer(CODE_39)).toEqual({ kind: 'accepted' })
    })

    it('does not pair two reads of the same text in different symbologies', () => {
      expect(rules.offer({ text: '12345678', format: 'code_128' })).toEqual({ kind: 'confirming' })
      clock.advance(70)
      expect(rules.offer({ text: '12345678', format: 'code_39' })).toEqual({ kind: 'confirming' })
    })

    it('asks for two fresh reads of a 1D code when another code was accepted in between', () => {
      expect(rules.offer(EAN_13)).toEqual({ kind: 'confirming' })
      clock.advance(70)
      expect(rules.offer(QR)).toEqual({ kind: 'accepted' })
      clock.advance(70)
      expect(rules.offer(EAN_13)).toEqual({ kind: 'confirming' })
      clock.advance(70)
      expect(rules.offer(EAN_13)).toEqual({ kind: 'accepted' })
    })
  })

  describe('duplicate suppression', () => {
    it('ignores the same code for two seconds after it was accepted', () => {
      expect(rules.offer(QR)).toEqual({ kind: 'accepted' })
      clock.advance(1999)
      expect(rules.offer(QR)).toEqual({ kind: 'suppressed' })
    })

    it('scans the same code again once it was out of view for more than two seconds', () => {
      expect(rules.offer(QR)).toEqual({ kind: 'accepted' })
      clock.advance(2001)
      expect(rules.offer(QR)).toEqual({ kind: 'accepted' })
    })

    it('never scans a coupon twice while it is held in front of the camera, however long', () => {
      expect(rules.offer(QR)).toEqual({ kind: 'accepted' })
      // Fifteen reads a second for a minute: every one is suppressed.
      for (let frame = 0; frame < 900; frame++) {
        clock.advance(66)
        expect(rules.offer(QR)).toEqual({ kind: 'suppressed' })
      }
    })

    it('suppresses an accepted 1D code at once, without asking for a new pair', () => {
      rules.offer(CODE_128)
      clock.advance(70)
      expect(rules.offer(CODE_128)).toEqual({ kind: 'accepted' })
      clock.advance(70)
      expect(rules.offer(CODE_128)).toEqual({ kind: 'suppressed' })
      clock.advance(2001)
      expect(rules.offer(CODE_128)).toEqual({ kind: 'confirming' })
    })

    it('accepts a different code at once while the first one is still suppressed', () => {
      expect(rules.offer(QR)).toEqual({ kind: 'accepted' })
      clock.advance(300)
      expect(rules.offer(DATA_MATRIX)).toEqual({ kind: 'accepted' })
      clock.advance(300)
      expect(rules.offer(QR)).toEqual({ kind: 'suppressed' })
      expect(rules.offer(DATA_MATRIX)).toEqual({ kind: 'suppressed' })
    })

    it('forgets everything on reset, as a newly opened camera does', () => {
      expect(rules.offer(QR)).toEqual({ kind: 'accepted' })
      rules.offer(CODE_39)
      rules.reset()
      expect(rules.offer(QR)).toEqual({ kind: 'accepted' })
      expect(rules.offer(CODE_39)).toEqual({ kind: 'confirming' })
    })

    it('honours a shorter suppression window when the policy asks for one', () => {
      const quick = new ReadAcceptance(clock, { suppressMs: 750, confirmWithinMs: 500 })
      expect(quick.offer(QR)).toEqual({ kind: 'accepted' })
      clock.advance(751)
      expect(quick.offer(QR)).toEqual({ kind: 'accepted' })
    })
  })
})
