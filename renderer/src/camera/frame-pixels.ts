/**
 * Turns a camera VideoFrame into the RGBA pixels the engines read, through one buffer reused for
 * every frame, without a canvas: drawing video frames on a canvas (or making ImageBitmaps of
 * them) grew Chromium's renderer by ~15 MB a second, and garbage collection did not bring it back
 * (measured by the camera-decode benchmark, Chromium 156). `VideoFrame.copyTo` has no such cost.
 *
 * Webcams deliver YUV (I420, NV12 and kin: plane 0 is the luma, which is all a barcode needs) or,
 * rarely, RGB. The luma goes into the R, G and B of a grey picture.
 *
 * Measured only in Chromium's software path (no GPU here); whether the canvas path also grows
 * with a GPU is not known, which is one more reason to avoid it.
 */

export interface PlaneLayout {
  offset: number
  stride: number
}

/** Formats whose first plane is the 8-bit luma. */
const LUMA_FIRST = new Set(['I420', 'I420A', 'I422', 'I422A', 'I444', 'I444A', 'NV12'])
const RGB_ORDER: Record<string, [number, number, number]> = { RGBA: [0, 1, 2], RGBX: [0, 1, 2], BGRA: [2, 1, 0], BGRX: [2, 1, 0] }

export function canConvert(format: string | null): boolean {
  return format !== null && (LUMA_FIRST.has(format) || format in RGB_ORDER)
}

/**
 * Writes the frame (copied by `copyTo` into `source` with `layout`) into `out` as RGBA.
 * `out` must hold width * height * 4 bytes.
 */
export function toRgba(format: string, source: Uint8Array, layout: readonly PlaneLayout[], width: number, height: number, out: Uint8ClampedArray): void {
  const plane = layout[0]
  if (plane === undefined) throw new Error('the frame has no pixel plane')
  if (LUMA_FIRST.has(format)) {
    for (let y = 0; y < height; y++) {
      let from = plane.offset + y * plane.stride
      let to = y * width * 4
      for (let x = 0; x < width; x++, from++, to += 4) {
        const luma = source[from] ?? 0
        out[to] = luma
        out[to + 1] = luma
        out[to + 2] = luma
        out[to + 3] = 255
      }
    }
    return
  }
  const order = RGB_ORDER[format]
  if (order === undefined) throw new Error(`camera pixel format ${format} is not supported`)
  const [red, green, blue] = order
  for (let y = 0; y < height; y++) {
    let from = plane.offset + y * plane.stride
    let to = y * width * 4
    for (let x = 0; x < width; x++, from += 4, to += 4) {
      out[to] = source[from + red] ?? 0
      out[to + 1] = source[from + green] ?? 0
      out[to + 2] = source[from + blue] ?? 0
      out[to + 3] = 255
    }
  }
}

/**
 * One copy buffer and one output picture for the worker's whole life (resized with the camera).
 * A frame whose pixels cannot be copied out (`format` null: an opaque GPU texture, which some
 * systems may hand over) goes through one reused canvas instead.
 */
export class FramePixels {
  private copy = new Uint8Array(0)
  private picture: ImageData | null = null
  private canvas: OffscreenCanvas | null = null
  private context: OffscreenCanvasRenderingContext2D | null = null

  async read(frame: VideoFrame): Promise<ImageData> {
    const format = frame.format
    if (format === null || !canConvert(format)) return this.drawn(frame)
    const width = frame.visibleRect?.width ?? frame.codedWidth
    const height = frame.visibleRect?.height ?? frame.codedHeight
    const size = frame.allocationSize()
    if (this.copy.byteLength < size) this.copy = new Uint8Array(size)
    const layout = await frame.copyTo(this.copy)
    if (this.picture === null || this.picture.width !== width || this.picture.height !== height) {
      this.picture = new ImageData(width, height)
    }
    toRgba(format, this.copy, layout, width, height, this.picture.data)
    return this.picture
  }

  private drawn(frame: VideoFrame): ImageData {
    const width = frame.displayWidth
    const height = frame.displayHeight
    if (this.canvas === null || this.context === null) {
      this.canvas = new OffscreenCanvas(width, height)
      this.context = this.canvas.getContext('2d', { willReadFrequently: true })
      if (this.context === null) throw new Error('no 2D canvas in the worker')
    }
    if (this.canvas.width !== width || this.canvas.height !== height) {
      this.canvas.width = width
      this.canvas.height = height
    }
    this.context.drawImage(frame, 0, 0)
    return this.context.getImageData(0, 0, width, height)
  }
}
