import { describe, expect, it } from 'vitest'
import { canConvert, toRgba } from '../../../../renderer/src/camera/frame-pixels'

const rgbaOf = (out: Uint8ClampedArray): number[][] => Array.from({ length: out.length / 4 }, (_, pixel) => [...out.slice(pixel * 4, pixel * 4 + 4)])

describe('toRgba (camera frames to the pixels the engines read)', () => {
  it('turns the luma plane of an I420 frame into a grey picture, skipping the row padding', () => {
    // 2x2 picture, rows padded to a stride of 4; chroma planes follow and are ignored.
    const source = new Uint8Array([10, 20, 99, 99, 30, 40, 99, 99, 128, 128])
    const out = new Uint8ClampedArray(2 * 2 * 4)
    toRgba('I420', source, [{ offset: 0, stride: 4 }], 2, 2, out)
    expect(rgbaOf(out)).toEqual([
      [10, 10, 10, 255],
      [20, 20, 20, 255],
      [30, 30, 30, 255],
      [40, 40, 40, 255],
    ])
  })

  it('reads an NV12 frame the same way, from its first plane at its offset', () => {
    const source = new Uint8Array([0, 0, 7, 8, 128, 128])
    const out = new Uint8ClampedArray(2 * 1 * 4)
    toRgba('NV12', source, [{ offset: 2, stride: 2 }, { offset: 4, stride: 2 }], 2, 1, out)
    expect(rgbaOf(out)).toEqual([
      [7, 7, 7, 255],
      [8, 8, 8, 255],
    ])
  })

  it('keeps the colours of RGB frames, swapping blue and red for BGRA', () => {
    const out = new Uint8ClampedArray(4)
    toRgba('BGRA', new Uint8Array([1, 2, 3, 0]), [{ offset: 0, stride: 4 }], 1, 1, out)
    expect([...out]).toEqual([3, 2, 1, 255])
    toRgba('RGBX', new Uint8Array([1, 2, 3, 0]), [{ offset: 0, stride: 4 }], 1, 1, out)
    expect([...out]).toEqual([1, 2, 3, 255])
  })

  it('names the pixel formats it can read, and refuses the others with a clear message', () => {
    expect(['I420', 'NV12', 'I444', 'RGBA', 'BGRX'].every(canConvert)).toBe(true)
    expect(canConvert(null)).toBe(false)
    expect(canConvert('I420P10')).toBe(false)
    expect(() => toRgba('I420P10', new Uint8Array(4), [{ offset: 0, stride: 2 }], 1, 1, new Uint8ClampedArray(4))).toThrow('camera pixel format I420P10 is not supported')
  })
})
