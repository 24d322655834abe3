import type { CodeFormat } from '../../../electron/shared/camera'
import type { CodeArt, Scene } from '../../helpers/camera/scene'
import { PLAIN_SCENE } from '../../helpers/camera/scene'

/**
 * The frames the engines are compared on: each code format printed as a coupon would be, in the
 * conditions a till's webcam meets (straight, turned, sideways, small, faded thermal print,
 * out of focus, light-on-dark), plus a counter with no code. The same frame goes to both engines.
 */

export interface FrameSpec {
  name: string
  /** The format as the decoders report it; 'none' for the frame without a code. */
  format: CodeFormat | 'none'
  art: CodeArt | null
  scene: Scene
  /** The text a correct read gives (UPC-A as its 12 printed digits); null: nothing to read. */
  expected: string | null
}

const CODES: { format: CodeFormat; art: CodeArt }[] = [
  { format: 'qr_code', art: { symbology: 'qrcode', text: 'ANNA10', moduleSize: 6 } },
  { format: 'qr_code', art: { symbology: 'qrcode', text: 'https://shop.example.com/r?utm_source=flyer&coupon=SUMMER-LISA', moduleSize: 4 } },
  { format: 'data_matrix', art: { symbology: 'datamatrix', text: 'FX2026DM', moduleSize: 8 } },
  { format: 'code_128', art: { symbology: 'code128', text: 'BERND-2026', moduleSize: 3 } },
  { format: 'code_39', art: { symbology: 'code39', text: 'EMIL-39', moduleSize: 3 } },
  { format: 'ean_13', art: { symbology: 'ean13', text: '4006381333931', moduleSize: 3 } },
  { format: 'upc_a', art: { symbology: 'upca', text: '036000291452', moduleSize: 3 } },
]

const SCENES: [string, Scene][] = [
  ['straight', PLAIN_SCENE],
  ['turned 20°', { ...PLAIN_SCENE, rotationDeg: 20, seed: 2 }],
  ['sideways', { ...PLAIN_SCENE, rotationDeg: 90, scale: 0.8, seed: 3 }],
  ['small', { ...PLAIN_SCENE, scale: 0.55, offsetX: 100, seed: 4 }],
  ['faded', { ...PLAIN_SCENE, contrast: 0.25, blurRadius: 1, noise: 8, rotationDeg: -5, seed: 5 }],
  ['blurred', { ...PLAIN_SCENE, blurRadius: 2, noise: 6, rotationDeg: 3, seed: 6 }],
  ['inverted', { ...PLAIN_SCENE, inverted: true, rotationDeg: 4, seed: 7 }],
]

export const FRAME_MATRIX: FrameSpec[] = [
  ...CODES.flatMap(({ format, art }) =>
    SCENES.map(([sceneName, scene]): FrameSpec => ({ name: `${art.symbology} ${art.text.slice(0, 12)} ${sceneName}`, format, art, scene, expected: art.text })),
  ),
  { name: 'no code', format: 'none', art: null, scene: { ...PLAIN_SCENE, noise: 10, seed: 9 }, expected: null },
]
