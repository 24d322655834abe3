import { DecoderClient } from '../../../renderer/src/camera/decoder-client'
import type { DecodeOutcome, EngineInfo } from '../../../renderer/src/camera/decoder-client'
import type { EngineName } from '../../../renderer/src/camera/engines/engine'

/**
 * The benchmark's page: the app's own decoder worker (built by Vite exactly as in the app, the
 * .wasm as a bundled asset), fed frames the benchmark serves. Each frame goes through the same
 * path as a camera frame: an ImageBitmap moved to the worker, drawn on its canvas, read, decoded.
 */

const clients = new Map<EngineName, DecoderClient>()
const frames = new Map<string, ImageData>()

async function load(engine: EngineName): Promise<EngineInfo> {
  let client = clients.get(engine)
  if (client === undefined) {
    client = new DecoderClient(engine, { fallback: false })
    clients.set(engine, client)
  }
  return client.ready
}

async function loadFrame(name: string, width: number, height: number): Promise<void> {
  const response = await fetch(`/frames/${encodeURIComponent(name)}.rgba`)
  if (!response.ok) throw new Error(`frame ${name}: HTTP ${response.status}`)
  const bytes = new Uint8ClampedArray(await response.arrayBuffer())
  frames.set(name, new ImageData(bytes, width, height))
}

async function decode(engine: EngineName, frameName: string): Promise<DecodeOutcome & { roundTripMs: number }> {
  const client = clients.get(engine)
  const frame = frames.get(frameName)
  if (client === undefined || frame === undefined) throw new Error(`load ${engine} and ${frameName} first`)
  const started = performance.now()
  const bitmap = await createImageBitmap(frame)
  const outcome = await client.decode(bitmap)
  return { ...outcome, roundTripMs: performance.now() - started }
}

Object.assign(window, { cameraBench: { load, loadFrame, decode } })
document.title = 'ready'
