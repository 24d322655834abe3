import type { DecoderRequest, DecoderResponse } from './decoder-protocol'
import { DecoderRequestSchema } from './decoder-protocol'
import type { DecodeEngine, EngineName } from './engines/engine'
import { FramePixels } from './frame-pixels'

/**
 * The decoder worker: barcode decoding runs here, never on the window's thread. One engine and one
 * pixel buffer serve every frame of the worker's life (a new reader or canvas per frame is what
 * makes long sessions grow). Requests are handled strictly one after another.
 */

interface WorkerScope {
  location: { href: string }
  postMessage(message: DecoderResponse, transfer?: Transferable[]): void
  addEventListener(type: 'message', listener: (event: MessageEvent<unknown>) => void): void
}
const scope = globalThis as unknown as WorkerScope

let engine: DecodeEngine | null = null
const framePixels = new FramePixels()
let queue: Promise<void> = Promise.resolve()

// Each engine is its own chunk, loaded on demand: the worker starts by parsing only the one in use.
const LOADERS: Record<EngineName, () => Promise<DecodeEngine>> = {
  'zxing-wasm': async () => (await import('./engines/zxing-wasm-engine')).loadZxingWasmEngine(scope.location.href),
  'zxing-js': async () => (await import('./engines/zxing-js-engine')).loadZxingJsEngine(),
}
const OTHER: Record<EngineName, EngineName> = { 'zxing-wasm': 'zxing-js', 'zxing-js': 'zxing-wasm' }

scope.addEventListener('message', (event) => {
  const parsed = DecoderRequestSchema.safeParse(event.data)
  if (!parsed.success) {
    scope.postMessage({ type: 'decode-failed', id: -1, message: `bad request: ${parsed.error.issues[0]?.message ?? 'unknown'}` })
    const data: unknown = event.data
    if (data !== null && typeof data === 'object' && 'frame' in data && data.frame instanceof VideoFrame) data.frame.close()
    return
  }
  const request = parsed.data
  queue = queue.then(() => handle(request))
})

async function handle(request: DecoderRequest): Promise<void> {
  switch (request.type) {
    case 'load':
      scope.postMessage(await load(request.engine, request.fallback))
      return
    case 'decode':
      scope.postMessage(await decode(request.id, request.frame))
      return
    default:
      request satisfies never
  }
}

async function load(requested: EngineName, fallback: boolean): Promise<DecoderResponse> {
  const started = performance.now()
  try {
    engine = await warmedUp(await LOADERS[requested]())
    return { type: 'loaded', engine: engine.name, requested, problem: null, loadMs: performance.now() - started }
  } catch (error) {
    const problem = `${requested} could not load: ${messageOf(error)}`
    if (!fallback) return { type: 'load-failed', message: problem }
    try {
      engine = await warmedUp(await LOADERS[OTHER[requested]]())
      return { type: 'loaded', engine: engine.name, requested, problem, loadMs: performance.now() - started }
    } catch (second) {
      return { type: 'load-failed', message: `${problem}; ${OTHER[requested]} could not load either: ${messageOf(second)}` }
    }
  }
}

/**
 * The first decode is 10-20 times slower than the next ones (WebAssembly and JIT compile on first
 * use: measured 126 ms against 5-10 ms). Paying it on an empty frame while the camera is still
 * starting keeps it off the time to the first scan.
 */
async function warmedUp(loaded: DecodeEngine): Promise<DecodeEngine> {
  await loaded.decode(new ImageData(640, 480))
  return loaded
}

async function decode(id: number, frame: VideoFrame): Promise<DecoderResponse> {
  const started = performance.now()
  try {
    if (engine === null) return { type: 'decode-failed', id, message: 'no decoder loaded' }
    const image = await framePixels.read(frame)
    const decodeStarted = performance.now()
    const detection = await engine.decode(image)
    const finished = performance.now()
    return { type: 'decoded', id, detection, decodeMs: finished - decodeStarted, workMs: finished - started, width: image.width, height: image.height }
  } catch (error) {
    return { type: 'decode-failed', id, message: messageOf(error) }
  } finally {
    frame.close()
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
