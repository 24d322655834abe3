import type { GrayImage } from './scene'

/**
 * A Y4M video (what Chromium's fake camera plays with `--use-file-for-fake-video-capture`):
 * a text header, then per frame `FRAME\n`, the Y plane, and the U and V planes at quarter size.
 * Grey frames have neutral chroma (128). Y4M's luma is limited range (16-235), as Chromium reads
 * it; Chromium loops the file, so one frame is a still picture held in front of the camera.
 */
export function encodeY4m(frames: readonly GrayImage[], framesPerSecond = 30): Buffer {
  const first = frames[0]
  if (first === undefined) throw new Error('a video needs at least one frame')
  const { width, height } = first
  if (width % 2 !== 0 || height % 2 !== 0) throw new Error('4:2:0 video needs even dimensions')
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F${framesPerSecond}:1 Ip A1:1 C420jpeg\n`, 'ascii')
  const chromaSize = (width / 2) * (height / 2)
  const frameSize = 6 + width * height + 2 * chromaSize
  const out = Buffer.alloc(header.length + frames.length * frameSize)
  header.copy(out, 0)
  let offset = header.length
  for (const frame of frames) {
    if (frame.width !== width || frame.height !== height) throw new Error('every frame must have the same size')
    offset += out.write('FRAME\n', offset, 'ascii')
    for (let index = 0; index < frame.data.length; index++) {
      out[offset + index] = 16 + Math.round(((frame.data[index] ?? 0) * 219) / 255)
    }
    offset += frame.data.length
    out.fill(128, offset, offset + 2 * chromaSize)
    offset += 2 * chromaSize
  }
  return out
}
