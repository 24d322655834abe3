import { readFile } from 'node:fs/promises'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import type { Browser, Page } from '@playwright/test'
import { extraHeadersFor } from '../../../electron/shared/csp'
import { composeScene, renderCode, toRgba } from '../../helpers/camera/gray-image'
import { FRAME_HEIGHT, FRAME_WIDTH } from '../../helpers/camera/scene'
import { FRAME_MATRIX } from './frame-matrix'
import type { FrameSpec } from './frame-matrix'
import { rendererMemoryBytes } from './renderer-memory'

/**
 * Runs the decode page (the app's decoder worker, freshly built) in Chromium and feeds both
 * engines the same frames, in alternating order round after round so machine noise hits both
 * alike. Times come from inside the worker: `decodeMs` is the engine alone, `workMs` adds copying
 * the VideoFrame's pixels out (what every camera frame costs in the worker).
 */

export const ENGINES = ['zxing-wasm', 'zxing-js'] as const
export type Engine = (typeof ENGINES)[number]

export interface FrameRun {
  frame: FrameSpec
  engine: Engine
  decodeMs: number[]
  workMs: number[]
  /** From making the VideoFrame in the page to the answer back in the page. */
  roundTripMs: number[]
  /** Text read in each round ('' for nothing). */
  texts: string[]
}

export interface DecodeRuns {
  loadMs: Record<Engine, number>
  runs: FrameRun[]
}

interface PageApi {
  cameraBench: {
    load(engine: Engine): Promise<{ loadMs: number }>
    loadFrame(name: string, width: number, height: number): Promise<void>
    decode(engine: Engine, frameName: string): Promise<{ detection: { text: string } | null; decodeMs: number; workMs: number; roundTripMs: number }>
  }
}

export interface DecodePage {
  page: Page
  close(): Promise<void>
}

/** Serves the built decode page (with the app's headers: worker CSP, application/wasm) and the frames. */
export async function openDecodePage(browser: Browser, pageDir: string): Promise<DecodePage> {
  const frames = new Map<string, Buffer>()
  for (const [index, spec] of FRAME_MATRIX.entries()) {
    const code = spec.art === null ? null : await renderCode(spec.art)
    frames.set(String(index), Buffer.from(toRgba(composeScene(code, spec.scene)).buffer))
  }
  const server = http.createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://bench')
      if (url.pathname.startsWith('/frames/')) {
        const frame = frames.get(path.basename(url.pathname, '.rgba'))
        if (frame === undefined) return void response.writeHead(404).end()
        return void response.writeHead(200, { 'content-type': 'application/octet-stream' }).end(frame)
      }
      const file = path.join(pageDir, url.pathname === '/' ? 'index.html' : path.normalize(url.pathname))
      if (!file.startsWith(pageDir)) return void response.writeHead(404).end()
      try {
        const body = await readFile(file)
        const type = file.endsWith('.html') ? 'text/html' : file.endsWith('.js') ? 'text/javascript' : 'application/octet-stream'
        response.writeHead(200, { 'content-type': type, ...extraHeadersFor(file) }).end(body)
      } catch {
        response.writeHead(404).end()
      }
    })()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const page = await browser.newPage()
  await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`)
  await page.waitForFunction(() => (globalThis as unknown as { document: { title: string } }).document.title === 'ready')
  for (const index of frames.keys()) {
    await page.evaluate(([name, width, height]) => (globalThis as unknown as PageApi).cameraBench.loadFrame(name, width, height), [index, FRAME_WIDTH, FRAME_HEIGHT] as const)
  }
  return {
    page,
    async close() {
      await page.close()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

export async function loadEngine(page: Page, engine: Engine): Promise<number> {
  const info = await page.evaluate((name) => (globalThis as unknown as PageApi).cameraBench.load(name), engine)
  return info.loadMs
}

async function decodeOnce(page: Page, engine: Engine, frameIndex: number): Promise<{ text: string; decodeMs: number; workMs: number; roundTripMs: number }> {
  const outcome = await page.evaluate(([name, frame]) => (globalThis as unknown as PageApi).cameraBench.decode(name, frame), [engine, String(frameIndex)] as const)
  return { text: outcome.detection?.text ?? '', decodeMs: outcome.decodeMs, workMs: outcome.workMs, roundTripMs: outcome.roundTripMs }
}

export async function runDecodes(page: Page, rounds: number): Promise<DecodeRuns> {
  const loadMs = { 'zxing-wasm': await loadEngine(page, 'zxing-wasm'), 'zxing-js': await loadEngine(page, 'zxing-js') }
  const runs = FRAME_MATRIX.flatMap((frame) => ENGINES.map((engine): FrameRun => ({ frame, engine, decodeMs: [], workMs: [], roundTripMs: [], texts: [] })))
  const runOf = (frameIndex: number, engine: Engine): FrameRun => {
    const run = runs[frameIndex * ENGINES.length + ENGINES.indexOf(engine)]
    if (run === undefined) throw new Error(`no run for frame ${frameIndex} ${engine}`)
    return run
  }
  // One warm-up pass (first decodes compile code), then the measured rounds.
  for (let round = -1; round < rounds; round++) {
    const order = round % 2 === 0 ? ENGINES : [...ENGINES].reverse()
    for (let frameIndex = 0; frameIndex < FRAME_MATRIX.length; frameIndex++) {
      for (const engine of order) {
        const outcome = await decodeOnce(page, engine, frameIndex)
        if (round < 0) continue
        const run = runOf(frameIndex, engine)
        run.decodeMs.push(outcome.decodeMs)
        run.workMs.push(outcome.workMs)
        run.roundTripMs.push(outcome.roundTripMs)
        run.texts.push(outcome.text)
      }
    }
  }
  return { loadMs, runs }
}

export interface MemoryRun {
  engine: Engine
  frames: number
  /** Renderer processes' resident memory after the warm-up, and at the end. */
  startBytes: number
  endBytes: number
  peakBytes: number
}

/**
 * Decodes `frames` frames back to back (rotating through the matrix) and samples the renderer's
 * resident memory: with one reader and one canvas it must level off after the warm-up.
 */
export async function runMemory(browser: Browser, page: Page, engine: Engine, frames: number): Promise<MemoryRun> {
  const warmUp = Math.min(300, Math.floor(frames / 5))
  let startBytes = 0
  let peakBytes = 0
  for (let index = 0; index < frames; index++) {
    await decodeOnce(page, engine, index % FRAME_MATRIX.length)
    if (index === warmUp) startBytes = await rendererMemoryBytes(browser)
    if (index > warmUp && index % 100 === 0) peakBytes = Math.max(peakBytes, await rendererMemoryBytes(browser))
  }
  const endBytes = await rendererMemoryBytes(browser)
  return { engine, frames, startBytes, endBytes, peakBytes: Math.max(peakBytes, endBytes) }
}
