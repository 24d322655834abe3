import { ResultPoint } from '@zxing/library'
import { describe, expect, it } from 'vitest'
import { quadFromPoints } from '../../../../../renderer/src/camera/engines/zxing-js-engine'

const points = (...xy: [number, number][]): ResultPoint[] => xy.map(([x, y]) => new ResultPoint(x, y))
const rounded = (quad: { x: number; y: number }[]): [number, number][] => quad.map((point) => [Math.round(point.x), Math.round(point.y)])

describe('quadFromPoints (the box ZXing-js results get on the preview)', () => {
  it('draws a band a quarter of its length high around the scan line of a 1D code', () => {
    expect(rounded(quadFromPoints(points([100, 200], [300, 200]), 'code_128'))).toEqual([
      [100, 175],
      [300, 175],
      [300, 225],
      [100, 225],
    ])
  })

  it('keeps the band the right way up when the scan line was read right to left', () => {
    expect(rounded(quadFromPoints(points([300, 200], [100, 200]), 'ean_13'))).toEqual([
      [100, 175],
      [300, 175],
      [300, 225],
      [100, 225],
    ])
  })

  it('completes the QR square from its three finder centres and grows it to the code edges', () => {
    // Finder centres of an upright code: bottom-left, top-left, top-right.
    const quad = rounded(quadFromPoints(points([100, 300], [100, 100], [300, 100]), 'qr_code'))
    expect(quad).toEqual([
      [60, 60],
      [340, 60],
      [340, 340],
      [60, 340],
    ])
  })

  it('orders Data Matrix corners clockwise from the top-left whatever order they came in', () => {
    expect(rounded(quadFromPoints(points([300, 300], [100, 100], [100, 300], [300, 100]), 'data_matrix'))).toEqual([
      [100, 100],
      [300, 100],
      [300, 300],
      [100, 300],
    ])
  })

  it('gives a point-sized box rather than failing when ZXing reports too few points', () => {
    expect(rounded(quadFromPoints(points([5, 6]), 'qr_code'))).toEqual([
      [5, 6],
      [5, 6],
      [5, 6],
      [5, 6],
    ])
  })
})
