import type { CodeFormat } from '../../../electron/shared/camera'

/**
 * The codes the camera reads and what it reports for each: the text, the symbology, and the
 * four corners of the code in frame pixels (for the box drawn on the preview). Pure data, shared
 * by the page, the decoder worker and the tests.
 */

export { CODE_FORMATS, CODE_FORMAT_LABELS } from '../../../electron/shared/camera'
export type { CodeFormat } from '../../../electron/shared/camera'

/**
 * 2D codes carry strong error correction (Reed-Solomon): one read is trustworthy. 1D codes
 * have a weak checksum (Code 39 none at all), so a single misread line can give a wrong code.
 */
export function isMatrixFormat(format: CodeFormat): boolean {
  return format === 'qr_code' || format === 'data_matrix'
}

export interface Point {
  x: number
  y: number
}

/** Corners in the order top-left, top-right, bottom-right, bottom-left (as the code is printed). */
export type Quad = [Point, Point, Point, Point]

export interface Detection {
  text: string
  format: CodeFormat
  corners: Quad
}

/**
 * A UPC-A symbol is an EAN-13 whose first digit is 0: the bars are identical, so decoders differ
 * in what they report (zxing-cpp gives 13 digits, ZXing-js 12). Hand scanners send UPC-A as its
 * 12 printed digits by default, and that is what a coupon list holds, so both engines do too.
 */
export function retailForm(text: string, format: CodeFormat): { text: string; format: CodeFormat } {
  if ((format === 'ean_13' || format === 'upc_a') && /^0\d{12}$/.test(text)) return { text: text.slice(1), format: 'upc_a' }
  return { text, format }
}
