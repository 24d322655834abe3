import { DecoderClient } from '../../../renderer/src/camera/decoder-client'
import type { DecodeOutcome, EngineInfo } from '../../../renderer/src/camera/decoder-client'
import type { EngineName } from '../../../renderer/src/camera/engines/engine'

/**
 * The benchmark's page: the app's own decoder worker (built by Vite exactly as in the app, the
 * .wasm as a bundled asset), fed frames the benchmark serves. Each frame goes the way a camera
 * frame goes: a VideoFrame in the camera's usual I420 layout (limited-range luma, neutral
 * chroma), moved to the worker, its pixels copied out there, decoded.
 */

interface I420Frame {
  data: Uint8Array
  width: number
  height: number
}

const clients = new Map<EngineName, DecoderClient>()
const frames = new Map<string, I420Frame>()
let timestamp = 0

async function load(engine: EngineName): Promise<EngineInfo> {
  let client = clients.get(engine)
  if (client === undefined) {
    client = new DecoderClient(engine, { fallback: false })
    clients.set(engine, client)
  }
  return client.ready
}

/** Fetches a grey RGBA frame and keeps it as I420 (what Chromium's fake camera delivers). */
async function loadFrame(name: string, width: number, height: number): Promise<void> {
  const response = await fetch(`/frames/${encodeURIComponent(name)}.rgba`)
  if (!response.ok) throw new Error(`frame ${name}: HTTP ${response.status}`)
  const rgba = new Uint8Array(await response.arrayBuffer())
  const lumaSize = width * height
  const data = new Uint8Array(lumaSize + 2 * (lumaSize / 4)).fill(128)
  for (let pixel = 0; pixel < lumaSize; pixel++) data[pixel] = 16 + Math.round(((rgba[pixel * 4] ?? 0) * 219) / 255)
  frames.set(name, { data, width, height })
}

async function decode(engine: EngineName, frameName: string): Promise<DecodeOutcome & { roundTripMs: number }> {
  const client = clients.get(engine)
  const frame = frames.get(frameName)
  if (client === undefined || frame === undefined) throw new Error(`load ${engine} and ${frameName} first`)
  const started = performance.now()
  const videoFrame = new VideoFrame(frame.data, { format: 'I420', codedWidth: frame.width, codedHeight: frame.height, timestamp: timestamp++ })
  const outcome = await client.decode(videoFrame)
  return { ...outcome, roundTripMs: performance.now() - started }
}

Object.assign(window, { cameraBench: { load, loadFrame, decode } })
document.title = 'ready'
