import bwipjs from 'bwip-js/node'
import { PNG } from 'pngjs'
import { seededRandom } from '../../bench/kit'
import type { CodeArt, GrayImage, Scene } from './scene'
import { FRAME_HEIGHT, FRAME_WIDTH } from './scene'

/**
 * Camera frames made from real barcode images: bwip-js renders the code (the same encoder label
 * printers use), and we place it on a printed coupon in a 640x480 scene the way a webcam sees
 * it: smaller or larger, turned, faded, blurred, with sensor noise. Everything is grey: a
 * webcam's colour adds nothing to a black-and-white code, and it keeps the Y4M writer trivial.
 */

const PAPER = 236
const INK = 24

/** Renders a code with bwip-js (quiet zone included) into a grey image. */
export async function renderCode(art: CodeArt): Promise<GrayImage> {
  const isLinear = art.symbology !== 'qrcode' && art.symbology !== 'datamatrix'
  const png = await bwipjs.toBuffer({
    bcid: art.symbology,
    text: art.text,
    scale: art.moduleSize,
    // Linear codes: 15 mm tall bars; quiet zones of 10 modules left and right.
    ...(isLinear ? { height: 15, paddingwidth: 10, paddingheight: 4 } : { padding: 4 }),
    includetext: false,
    backgroundcolor: 'FFFFFF',
  })
  const decoded = PNG.sync.read(png)
  const gray = new Uint8Array(decoded.width * decoded.height)
  for (let index = 0; index < gray.length; index++) {
    const offset = index * 4
    const alpha = (decoded.data[offset + 3] ?? 255) / 255
    const luma = 0.299 * (decoded.data[offset] ?? 0) + 0.587 * (decoded.data[offset + 1] ?? 0) + 0.114 * (decoded.data[offset + 2] ?? 0)
    gray[index] = Math.round(luma * alpha + 255 * (1 - alpha))
  }
  return { width: decoded.width, height: decoded.height, data: gray }
}

/**
 * Places `code` (printed black on white paper) in a 640x480 scene: a grey counter with some
 * texture, the paper with a margin around the code, turned and scaled about the frame centre.
 * Pixels are sampled bilinearly from the inverse transform, then faded, blurred and noised.
 */
export function composeScene(code: GrayImage | null, scene: Scene): GrayImage {
  const random = seededRandom(scene.seed)
  const frame = new Uint8Array(FRAME_WIDTH * FRAME_HEIGHT)
  const angle = (scene.rotationDeg * Math.PI) / 180
  const cos = Math.cos(angle)
  const sin = Math.sin(angle)
  const centreX = FRAME_WIDTH / 2 + (scene.offsetX ?? 0)
  const centreY = FRAME_HEIGHT / 2 + (scene.offsetY ?? 0)
  const margin = code === null ? 0 : Math.round(Math.min(code.width, code.height) * 0.15)
  const paperWidth = code === null ? 0 : code.width + 2 * margin
  const paperHeight = code === null ? 0 : code.height + 2 * margin
  const counter = counterTexture(seededRandom(scene.seed + 1))

  for (let y = 0; y < FRAME_HEIGHT; y++) {
    for (let x = 0; x < FRAME_WIDTH; x++) {
      // Inverse transform: frame pixel -> paper coordinates.
      const dx = (x + 0.5 - centreX) / scene.scale
      const dy = (y + 0.5 - centreY) / scene.scale
      const paperX = cos * dx + sin * dy + paperWidth / 2
      const paperY = -sin * dx + cos * dy + paperHeight / 2
      let value: number
      if (code !== null && paperX >= 0 && paperY >= 0 && paperX < paperWidth && paperY < paperHeight) {
        const sample = sampleBilinear(code, paperX - margin - 0.5, paperY - margin - 0.5)
        const printed = INK + ((PAPER - INK) * sample) / 255
        value = scene.inverted === true ? PAPER + INK - printed : printed
        value = 130 + (value - 130) * scene.contrast
      } else {
        value = counter(x, y)
      }
      frame[y * FRAME_WIDTH + x] = clampByte(value)
    }
  }
  const blurred = scene.blurRadius > 0 ? boxBlur({ width: FRAME_WIDTH, height: FRAME_HEIGHT, data: frame }, scene.blurRadius) : { width: FRAME_WIDTH, height: FRAME_HEIGHT, data: frame }
  if (scene.noise > 0) {
    for (let index = 0; index < blurred.data.length; index++) {
      blurred.data[index] = clampByte((blurred.data[index] ?? 0) + (random() + random() + random() - 1.5) * scene.noise)
    }
  }
  return blurred
}

/** A counter top: a soft gradient with wood-like streaks and a few dark items lying about. */
function counterTexture(random: () => number): (x: number, y: number) => number {
  const streaks = Array.from({ length: 12 }, () => ({ y: random() * FRAME_HEIGHT, amplitude: 6 + random() * 10, period: 40 + random() * 160 }))
  const items = Array.from({ length: 5 }, () => ({ x: random() * FRAME_WIDTH, y: random() * FRAME_HEIGHT, w: 20 + random() * 90, h: 6 + random() * 40, v: 40 + random() * 80 }))
  // Each streak is a wave along x fading with the distance from its row: precomputed per column
  // and per row, so a pixel costs a dozen multiply-adds.
  const waves = streaks.map((streak) => Float32Array.from({ length: FRAME_WIDTH }, (_, x) => Math.sin((x + streak.y) / streak.period) * streak.amplitude))
  const fades = streaks.map((streak) => Float32Array.from({ length: FRAME_HEIGHT }, (_, y) => Math.exp(-Math.abs(y - streak.y) / 30)))
  return (x, y) => {
    for (const item of items) {
      if (x >= item.x && x < item.x + item.w && y >= item.y && y < item.y + item.h) return item.v
    }
    let value = 110 + (x / FRAME_WIDTH) * 30 - (y / FRAME_HEIGHT) * 20
    for (let index = 0; index < waves.length; index++) value += (waves[index]?.[x] ?? 0) * (fades[index]?.[y] ?? 0)
    return value
  }
}

function sampleBilinear(image: GrayImage, x: number, y: number): number {
  const x0 = Math.floor(x)
  const y0 = Math.floor(y)
  const fx = x - x0
  const fy = y - y0
  const at = (px: number, py: number): number => {
    if (px < 0 || py < 0 || px >= image.width || py >= image.height) return 255
    return image.data[py * image.width + px] ?? 255
  }
  const top = at(x0, y0) * (1 - fx) + at(x0 + 1, y0) * fx
  const bottom = at(x0, y0 + 1) * (1 - fx) + at(x0 + 1, y0 + 1) * fx
  return top * (1 - fy) + bottom * fy
}

function boxBlur(image: GrayImage, radius: number): GrayImage {
  const { width, height } = image
  const horizontal = new Float32Array(width * height)
  const out = new Uint8Array(width * height)
  const span = 2 * radius + 1
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0
      for (let k = -radius; k <= radius; k++) sum += image.data[y * width + Math.min(width - 1, Math.max(0, x + k))] ?? 0
      horizontal[y * width + x] = sum / span
    }
  }
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0
      for (let k = -radius; k <= radius; k++) sum += horizontal[Math.min(height - 1, Math.max(0, y + k)) * width + x] ?? 0
      out[y * width + x] = clampByte(sum / span)
    }
  }
  return { width, height, data: out }
}

function clampByte(value: number): number {
  return Math.max(0, Math.min(255, Math.round(value)))
}

/** RGBA bytes of a grey image, as a canvas's ImageData holds them. */
export function toRgba(image: GrayImage): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(image.width * image.height * 4)
  for (let index = 0; index < image.data.length; index++) {
    const value = image.data[index] ?? 0
    rgba[index * 4] = value
    rgba[index * 4 + 1] = value
    rgba[index * 4 + 2] = value
    rgba[index * 4 + 3] = 255
  }
  return rgba
}
