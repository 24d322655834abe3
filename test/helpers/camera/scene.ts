/**
 * What a test camera picture is made of: a code (symbology, text, module size) and the scene it
 * sits in (scale, rotation, contrast, blur, noise). Plain data, cheap to import (the Playwright
 * config reads the feed list from it); gray-image.ts does the rendering.
 */

export interface GrayImage {
  width: number
  height: number
  /** One byte per pixel, 0 = black, 255 = white, row by row. */
  data: Uint8Array
}

export const FRAME_WIDTH = 640
export const FRAME_HEIGHT = 480

/** A barcode symbology as bwip-js names it. */
export type Symbology = 'qrcode' | 'datamatrix' | 'code128' | 'code39' | 'ean13' | 'upca'

export interface CodeArt {
  symbology: Symbology
  text: string
  /** Pixels per module (narrowest bar) in the rendered image, before the scene scales it. */
  moduleSize: number
}

export interface Scene {
  /** Scale of the rendered code in the frame (1 = its rendered size). */
  scale: number
  /** Clockwise rotation in degrees. */
  rotationDeg: number
  /** 1 = full contrast (black on white paper); 0.25 = a faded thermal print. */
  contrast: number
  /** Box blur radius in pixels (0 = sharp): a webcam slightly out of focus. */
  blurRadius: number
  /** Amplitude of the sensor noise, in grey levels. */
  noise: number
  /** Light bars on a dark background (a printed negative). */
  inverted?: boolean
  /** Offset of the code's centre from the frame's centre, in pixels. */
  offsetX?: number
  offsetY?: number
  seed: number
}

export const PLAIN_SCENE: Scene = { scale: 1, rotationDeg: 0, contrast: 1, blurRadius: 0, noise: 6, seed: 1 }
