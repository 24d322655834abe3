import type { Result, ResultPoint } from '@zxing/library'
import { BarcodeFormat, BinaryBitmap, DecodeHintType, HybridBinarizer, MultiFormatReader, NotFoundException, RGBLuminanceSource } from '@zxing/library'
import type { CodeFormat, Detection, Point, Quad } from '../code-format'
import { retailForm } from '../code-format'
import type { DecodeEngine } from './engine'

/**
 * The pure-JavaScript ZXing port (@zxing/library), decoding exactly as @zxing/browser's
 * `decodeFromCanvas` does (grey buffer, HybridBinarizer, MultiFormatReader with state), but in
 * the worker: @zxing/browser itself needs a DOM canvas. One reader and one grey buffer serve
 * every frame, so hours of scanning allocate nothing per frame but ZXing's own work.
 */

const FORMATS: ReadonlyMap<BarcodeFormat, CodeFormat> = new Map([
  [BarcodeFormat.QR_CODE, 'qr_code'],
  [BarcodeFormat.DATA_MATRIX, 'data_matrix'],
  [BarcodeFormat.CODE_128, 'code_128'],
  [BarcodeFormat.CODE_39, 'code_39'],
  [BarcodeFormat.EAN_13, 'ean_13'],
  [BarcodeFormat.UPC_A, 'upc_a'],
])

export function loadZxingJsEngine(): Promise<DecodeEngine> {
  const reader = new MultiFormatReader()
  // @zxing/browser's defaults: TRY_HARDER read 3 more of our 49 test frames but took 150-260 ms
  // on every frame without a code (4 attempts a second), so it stays off.
  const hints = new Map<DecodeHintType, unknown>([[DecodeHintType.POSSIBLE_FORMATS, [...FORMATS.keys()]]])
  reader.setHints(hints)
  let grey = new Uint8ClampedArray(0)

  return Promise.resolve({
    name: 'zxing-js',
    decode(frame: ImageData): Promise<Detection | null> {
      const size = frame.width * frame.height
      if (grey.length !== size) grey = new Uint8ClampedArray(size)
      toGrey(frame.data, grey)
      const bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(grey, frame.width, frame.height)))
      let result: Result
      try {
        result = reader.decodeWithState(bitmap)
      } catch (error) {
        // ZXing reports "no code in this frame" by throwing; anything else is a real fault.
        if (error instanceof NotFoundException || isZxingMiss(error)) return Promise.resolve(null)
        throw error
      }
      const format = FORMATS.get(result.getBarcodeFormat())
      const text = result.getText()
      if (format === undefined || text === '') return Promise.resolve(null)
      return Promise.resolve({ ...retailForm(text, format), corners: quadFromPoints(result.getResultPoints(), format) })
    },
  })
}

/** Same weights as @zxing/browser's HTMLCanvasElementLuminanceSource (BT.601 luma). */
function toGrey(rgba: Uint8ClampedArray, grey: Uint8ClampedArray): void {
  for (let pixel = 0, offset = 0; pixel < grey.length; pixel++, offset += 4) {
    grey[pixel] = ((rgba[offset] ?? 0) * 306 + (rgba[offset + 1] ?? 0) * 601 + (rgba[offset + 2] ?? 0) * 117 + 512) >> 10
  }
}

/** Checksum and format misses are ordinary "not this frame" outcomes, like NotFound. */
function isZxingMiss(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name
  return name === 'ChecksumException' || name === 'FormatException' || name === 'NotFoundException'
}

/**
 * ZXing-js reports landmarks, not corners: the two ends of the scan line for 1D codes, the three
 * finder-pattern centres (plus perhaps an alignment pattern) for QR, corners for Data Matrix.
 * Turn them into a box around the code: a band around the line for 1D, the parallelogram
 * through the finder centres grown by the 3.5 modules they sit inside the corners for QR.
 */
export function quadFromPoints(points: readonly ResultPoint[], format: CodeFormat): Quad {
  const at = points.map((point): Point => ({ x: point.getX(), y: point.getY() }))
  const [first, second, third] = at
  if (first === undefined) return [{ x: 0, y: 0 }, { x: 0, y: 0 }, { x: 0, y: 0 }, { x: 0, y: 0 }]
  if (second === undefined) return [first, first, first, first]
  if (third === undefined || (format !== 'qr_code' && format !== 'data_matrix')) {
    // A 1D scan line: a band a quarter of its length high.
    const dx = second.x - first.x
    const dy = second.y - first.y
    const nx = -dy * 0.125
    const ny = dx * 0.125
    const left = dx >= 0 ? first : second
    const right = dx >= 0 ? second : first
    const sign = dx >= 0 ? 1 : -1
    return [
      { x: left.x - nx * sign, y: left.y - ny * sign },
      { x: right.x - nx * sign, y: right.y - ny * sign },
      { x: right.x + nx * sign, y: right.y + ny * sign },
      { x: left.x + nx * sign, y: left.y + ny * sign },
    ]
  }
  if (format === 'qr_code') {
    // ZXing orders the finder centres bottom-left, top-left, top-right.
    const [bottomLeft, topLeft, topRight] = [first, second, third]
    const bottomRight = { x: topRight.x + bottomLeft.x - topLeft.x, y: topRight.y + bottomLeft.y - topLeft.y }
    return grow([topLeft, topRight, bottomRight, bottomLeft], 1.4)
  }
  const fourth = at[3] ?? { x: first.x + third.x - second.x, y: first.y + third.y - second.y }
  return orderAroundCentre([first, second, third, fourth])
}

function centreOf(corners: readonly Point[]): Point {
  return {
    x: corners.reduce((sum, point) => sum + point.x, 0) / corners.length,
    y: corners.reduce((sum, point) => sum + point.y, 0) / corners.length,
  }
}

function grow(corners: Quad, factor: number): Quad {
  const centre = centreOf(corners)
  const scale = (point: Point): Point => ({ x: centre.x + (point.x - centre.x) * factor, y: centre.y + (point.y - centre.y) * factor })
  return [scale(corners[0]), scale(corners[1]), scale(corners[2]), scale(corners[3])]
}

/** Orders four points clockwise starting from the one nearest the top-left. */
function orderAroundCentre(points: readonly [Point, Point, Point, Point]): Quad {
  const centre = centreOf(points)
  const sorted = [...points].sort((a, b) => Math.atan2(a.y - centre.y, a.x - centre.x) - Math.atan2(b.y - centre.y, b.x - centre.x))
  const start = sorted.reduce((best, point, index) => (point.x + point.y < (sorted[best]?.x ?? Infinity) + (sorted[best]?.y ?? Infinity) ? index : best), 0)
  const at = (offset: number): Point => sorted[(start + offset) % 4] ?? centre
  return [at(0), at(1), at(2), at(3)]
}
