import { readFile } from 'node:fs/promises'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { build } from 'esbuild'
import type { Core } from '../../../electron/core/core'
import { createCore } from '../../../electron/core/core'
import type { Clock } from '../../../electron/core/clock'
import { isChannelName } from '../../../electron/shared/channels'
import { channels, describeIssues } from '../../../electron/shared/contract'
import type { Result } from '../../../electron/shared/result'
import { extraHeadersFor } from '../../../electron/shared/csp'
import { fromWireJson, toWireJson } from '../../../electron/shared/wire'

/**
 * The test host: the real core plus the built renderer, served on 127.0.0.1 with the same
 * contract the preload gives the app. Like main, it validates every input against the contract
 * before the core sees it, and only answers same-origin requests. Playwright drives the UI
 * through it in Chromium; a person can open it in a browser (`npm run host`).
 */

export interface HostOptions {
  dataDir: string
  port?: number
  rendererDir?: string
  clock?: Clock
}

export interface Host {
  url: string
  core: Core
  close(): Promise<void>
}

const REPO_ROOT = path.resolve(__dirname, '../../..')
const MAX_BODY_BYTES = 768 * 1024 * 1024
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.wav': 'audio/wav',
}

let bridgeBundle: Promise<string> | null = null

function buildBridge(): Promise<string> {
  bridgeBundle ??= build({
    entryPoints: [path.join(__dirname, 'bridge-entry.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
  }).then((result) => result.outputFiles[0]?.text ?? '')
  return bridgeBundle
}

export async function startHost(options: HostOptions): Promise<Host> {
  const rendererDir = path.resolve(options.rendererDir ?? path.join(REPO_ROOT, 'out/renderer'))
  const indexHtml = await readFile(path.join(rendererDir, 'index.html'), 'utf8').catch(() => {
    throw new Error(`No built renderer in ${rendererDir}: run "npm run build" first`)
  })
  const page = indexHtml.replace('<head>', '<head>\n    <script src="/__host/bridge.js"></script>')
  const bridge = await buildBridge()
  // Like the app: the sync engine runs with the core (credentials in a 0600 file in the data folder).
  const core = createCore({ dataDir: options.dataDir, source: 'till', actorPrefix: 'host', version: 'host', startSync: true, ...(options.clock ? { clock: options.clock } : {}) })
  const streams = new Set<http.ServerResponse>()
  core.onEvent((event, payload) => {
    const frame = `data: ${toWireJson({ event, payload })}\n\n`
    for (const stream of streams) stream.write(frame)
  })

  let origin = ''
  const server = http.createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' })
      response.end(String(error))
    })
  })

  async function handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', origin)
    // Same-origin only, like main's sender check: no page elsewhere may drive the core.
    const requestOrigin = request.headers.origin
    if (requestOrigin !== undefined && requestOrigin !== origin) {
      response.writeHead(403).end('cross-origin request refused')
      return
    }
    if (url.pathname.startsWith('/__pos/invoke/') && request.method === 'POST') {
      const channel = decodeURIComponent(url.pathname.slice('/__pos/invoke/'.length))
      const body = await readBody(request)
      const result = await invokeValidated(core, channel, body)
      response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' })
      response.end(toWireJson(result))
      return
    }
    if (url.pathname === '/__pos/events') {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' })
      response.write(': connected\n\n')
      streams.add(response)
      request.on('close', () => streams.delete(response))
      return
    }
    if (url.pathname === '/__host/bridge.js') {
      response.writeHead(200, { 'content-type': TYPES['.js'], 'cache-control': 'no-store' })
      response.end(bridge)
      return
    }
    if (url.pathname === '/' || url.pathname === '/index.html') {
      response.writeHead(200, { 'content-type': TYPES['.html'], 'cache-control': 'no-store' })
      response.end(page)
      return
    }
    const filePath = path.resolve(rendererDir, `.${decodeURIComponent(url.pathname)}`)
    if (!filePath.startsWith(rendererDir + path.sep)) {
      response.writeHead(404).end()
      return
    }
    try {
      const content = await readFile(filePath)
      // Same headers as the app protocol: the decoder worker's CSP comes from its script's response.
      response.writeHead(200, { 'content-type': TYPES[path.extname(filePath)] ?? 'application/octet-stream', ...extraHeadersFor(filePath) })
      response.end(content)
    } catch {
      response.writeHead(404).end('not found')
    }
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  origin = `http://127.0.0.1:${port}`

  return {
    url: `${origin}/`,
    core,
    async close() {
      for (const stream of streams) stream.end()
      streams.clear()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      core.close()
    },
  }
}

async function invokeValidated(core: Core, channel: string, body: string): Promise<Result<unknown>> {
  if (!isChannelName(channel)) return { ok: false, error: { code: 'INVALID_INPUT', message: `Unknown channel ${channel.slice(0, 60)}` } }
  let input: unknown
  try {
    input = fromWireJson(body)
  } catch {
    return { ok: false, error: { code: 'INVALID_INPUT', message: 'The request body is not JSON' } }
  }
  const parsed = channels[channel].input.safeParse(input === null ? undefined : input)
  if (!parsed.success) {
    const { message, details } = describeIssues(parsed.error)
    return { ok: false, error: { code: 'INVALID_INPUT', message, details } }
  }
  return core.invoke(channel, parsed.data)
}

function readBody(request: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    request.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) {
        reject(new Error('request body too large'))
        request.destroy()
        return
      }
      chunks.push(chunk)
    })
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    request.on('error', reject)
  })
}
