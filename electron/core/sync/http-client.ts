import http from 'node:http'
import https from 'node:https'

/**
 * HTTP for connectors, with the one distinction exactly-once needs: did the request possibly
 * reach the platform? `fetch` cannot say; `node:http` can, because the request emits `finish`
 * once it is fully handed to the operating system:
 *
 * - refused, DNS failure, unreachable, or any error or timeout before `finish`: the platform
 *   cannot hold the whole request, so nothing was applied (`sent: 'no'`);
 * - a reset, a hang-up or a timeout after `finish` and before the status line: the platform may
 *   have applied it and the answer was lost (`sent: 'maybe'`);
 * - a status line arrived: the answer, even when the body breaks off (`bodyComplete: false`).
 *
 * Lookups, downloads and probes reuse kept-alive connections; pushes ask for a fresh one
 * (`freshConnection`), so "reset after the request was written" always means the platform
 * accepted the connection and then dropped it: a genuinely unknown outcome.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE'

export interface HttpRequest {
  method: HttpMethod
  url: string
  headers?: Record<string, string>
  body?: string
  timeoutMs: number
  signal?: AbortSignal
  /** Larger answers are cut here (and marked incomplete). */
  maxBodyBytes?: number
  /**
   * Use a new connection, never a pooled one. For requests that must not run twice (a sale's
   * push): on a pooled socket the server may have closed meanwhile, and the reset that follows
   * the write cannot be told from an answer lost after the server applied the request.
   */
  freshConnection?: boolean
}

export interface HttpAnswer {
  kind: 'answer'
  status: number
  headers: Record<string, string | undefined>
  body: string
  bodyComplete: boolean
}

export interface HttpFailure {
  kind: 'failure'
  sent: 'no' | 'maybe'
  code: string
  message: string
}

export type HttpResult = HttpAnswer | HttpFailure

export type HttpFetch = (request: HttpRequest) => Promise<HttpResult>

export interface HttpClient {
  fetch: HttpFetch
  close(): void
}

const DEFAULT_MAX_BODY = 8 * 1024 * 1024
const IDLE_SOCKET_MS = 4_000
const USER_AGENT = 'CouponDesk (till sync)'

const FRIENDLY: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found (DNS)',
  EAI_AGAIN: 'DNS lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection closed while sending',
  ETIMEDOUT: 'timed out',
  TIMEOUT: 'no answer in time',
  ABORTED: 'cancelled',
  CERT: 'TLS certificate problem',
}

export function createHttpClient(): HttpClient {
  const pooled = {
    http: new http.Agent({ keepAlive: true, maxSockets: 64, timeout: IDLE_SOCKET_MS }),
    https: new https.Agent({ keepAlive: true, maxSockets: 64, timeout: IDLE_SOCKET_MS }),
  }
  // Fresh connections still resume TLS sessions, so a push costs one round trip more, not two.
  const fresh = {
    http: new http.Agent({ keepAlive: false, maxSockets: 64 }),
    https: new https.Agent({ keepAlive: false, maxSockets: 64 }),
  }
  return {
    fetch: (request) => send(request, request.freshConnection === true ? fresh : pooled),
    close() {
      for (const agent of [pooled.http, pooled.https, fresh.http, fresh.https]) agent.destroy()
    },
  }
}

function send(request: HttpRequest, agents: { http: http.Agent; https: https.Agent }): Promise<HttpResult> {
  return new Promise((resolve) => {
    let url: URL
    try {
      url = new URL(request.url)
    } catch {
      resolve({ kind: 'failure', sent: 'no', code: 'BAD_URL', message: `not a valid address: ${request.url.slice(0, 200)}` })
      return
    }
    const isHttps = url.protocol === 'https:'
    if (!isHttps && url.protocol !== 'http:') {
      resolve({ kind: 'failure', sent: 'no', code: 'BAD_URL', message: `unsupported address scheme ${url.protocol}` })
      return
    }
    if (request.signal?.aborted === true) {
      resolve({ kind: 'failure', sent: 'no', code: 'ABORTED', message: FRIENDLY.ABORTED ?? 'cancelled' })
      return
    }

    let settled = false
    let written = false
    let answered = false
    const body = request.body === undefined ? undefined : Buffer.from(request.body, 'utf8')
    const headers: Record<string, string> = { 'user-agent': USER_AGENT, accept: '*/*', ...request.headers }
    if (body !== undefined) headers['content-length'] = String(body.length)

    const options: http.RequestOptions = {
      method: request.method,
      hostname: url.hostname.replace(/^\[|\]$/g, ''),
      port: url.port === '' ? undefined : Number(url.port),
      path: `${url.pathname}${url.search}`,
      headers,
      agent: isHttps ? agents.https : agents.http,
    }
    const req = isHttps ? https.request(options) : http.request(options)

    const finish = (result: HttpResult): void => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      request.signal?.removeEventListener('abort', onAbort)
      resolve(result)
    }
    const fail = (code: string, detail?: string): void => {
      const friendly = FRIENDLY[code] ?? code
      finish({
        kind: 'failure',
        sent: written ? 'maybe' : 'no',
        code,
        message: written ? `${friendly} after the request was sent${detail ? ` (${detail})` : ''}` : `${friendly}${detail ? ` (${detail})` : ''}`,
      })
    }
    const timer = setTimeout(() => {
      // After the status line a stalled body only ends the answer early (delivered incomplete).
      if (!answered) fail('TIMEOUT', `${request.timeoutMs} ms`)
      req.destroy()
    }, request.timeoutMs)
    const onAbort = (): void => {
      if (answered) return
      fail('ABORTED')
      req.destroy()
    }
    request.signal?.addEventListener('abort', onAbort, { once: true })

    req.on('finish', () => {
      written = true
    })
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (answered) return
      const code = error.code ?? (/certificate|self.signed|SSL/i.test(error.message) ? 'CERT' : 'ERROR')
      fail(code, error.message)
    })
    req.on('response', (response) => {
      answered = true
      const limit = request.maxBodyBytes ?? DEFAULT_MAX_BODY
      const chunks: Buffer[] = []
      let size = 0
      let complete = true
      const deliver = (): void => {
        const responseHeaders: Record<string, string | undefined> = {}
        for (const [name, value] of Object.entries(response.headers)) {
          responseHeaders[name] = Array.isArray(value) ? value.join(', ') : value
        }
        finish({
          kind: 'answer',
          status: response.statusCode ?? 0,
          headers: responseHeaders,
          body: Buffer.concat(chunks).toString('utf8'),
          bodyComplete: complete,
        })
      }
      response.on('data', (chunk: Buffer) => {
        if (size + chunk.length > limit) {
          complete = false
          chunks.push(chunk.subarray(0, Math.max(0, limit - size)))
          size = limit
          response.destroy()
          deliver()
          return
        }
        size += chunk.length
        chunks.push(chunk)
      })
      response.on('end', deliver)
      response.on('aborted', () => {
        complete = false
      })
      response.on('error', () => {
        complete = false
        deliver()
      })
      response.on('close', () => {
        if (!response.complete) complete = false
        deliver()
      })
    })
    req.end(body)
  })
}

/** Reads a JSON body; null when it is not JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return null
  }
}

/** A short, single-line excerpt of an answer for messages and logs. */
export function excerpt(text: string, max = 160): string {
  const line = text.replace(/\s+/g, ' ').trim()
  return line.length > max ? `${line.slice(0, max)}…` : line
}
