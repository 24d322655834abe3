import http from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * The machinery every fake platform shares: a plain `node:http` server on 127.0.0.1 (port 0),
 * a log of every request it received, a count of conversions by order id (the exactly-once
 * check: a second conversion for one order id is a failure), switchable faults, and going
 * down and up again on the same port (refused connections while down).
 *
 * Faults, as platforms produce them:
 * - `http500`: answers 500 without applying anything;
 * - `http429`: answers 429 with `Retry-After`;
 * - `slow`: applies, then answers after a delay (the client may give up: unknown outcome);
 * - `reset-before`: reads the request and drops the connection without applying it;
 * - `lost-answer`: applies the request, then drops the connection (the answer is lost);
 * - `malformed`: applies it and answers 200 with a body no parser can read.
 * Expired sessions and wrong credentials are platform states (see each fake).
 */

export type FaultKind = 'http500' | 'http429' | 'slow' | 'reset-before' | 'lost-answer' | 'malformed'

export interface FakeRequest {
  method: string
  path: string
  query: URLSearchParams
  headers: http.IncomingHttpHeaders
  body: string
  /** The form fields of a urlencoded body, else empty. */
  form: URLSearchParams
  /** The JSON body, or undefined. */
  json: unknown
}

export interface FakeResponse {
  status: number
  headers?: Record<string, string>
  body: string
}

export interface RecordedRequest {
  method: string
  /** The request target exactly as it arrived (path and encoded query). */
  rawUrl: string
  path: string
  query: Record<string, string>
  body: string
  headers: http.IncomingHttpHeaders
  fault: FaultKind | null
  at: number
}

type Matcher = (request: FakeRequest) => boolean

interface QueuedFault {
  kind: FaultKind
  remaining: number
  matches: Matcher
}

interface RandomFaults {
  random: () => number
  rate: number
  kinds: readonly FaultKind[]
  matches: Matcher
}

export interface FakeOptions {
  /** Added before every answer (the benchmarks' "5 ms per request"). */
  latencyMs?: number
  slowMs?: number
  retryAfterSeconds?: number
}

export abstract class FakePlatform {
  readonly requests: RecordedRequest[] = []
  /** Conversions the platform created, by order id. */
  readonly conversions = new Map<string, number>()
  latencyMs: number
  slowMs: number
  /** Requests received and not yet answered (or dropped), and the most there ever were at once. */
  inFlight = 0
  peakInFlight = 0
  /** Which requests `inFlight` counts (all by default). */
  countsInFlight: (request: { method: string; path: string }) => boolean = () => true
  retryAfterSeconds: number
  private readonly queued: QueuedFault[] = []
  private readonly canned: { response: FakeResponse; remaining: number; matches: Matcher }[] = []
  private randomFaults: RandomFaults | null = null
  private server: http.Server | null = null
  private transitions: Promise<void> = Promise.resolve()
  private port = 0
  private listeners: ((request: RecordedRequest) => void)[] = []

  constructor(options: FakeOptions = {}) {
    this.latencyMs = options.latencyMs ?? 0
    this.slowMs = options.slowMs ?? 2_000
    this.retryAfterSeconds = options.retryAfterSeconds ?? 1
  }

  /** The platform itself: applies the request (records conversions) and answers. */
  protected abstract route(request: FakeRequest): FakeResponse

  get url(): string {
    return `http://127.0.0.1:${this.port}`
  }

  /**
   * Listens on a port below the kernel's ephemeral range (32768 and up on Linux): while the fake
   * is down, a client connecting to a port in that range can be handed the same local port and
   * connect to itself, which would both fake an answer and keep the port from coming back up.
   */
  async start(): Promise<this> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.listen(20_000 + Math.floor(Math.random() * 12_000))
        return this
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt > 50) throw error
      }
    }
  }

  /** Stops listening: connections are refused until `up()`. Ups and downs run one after the other. */
  down(): Promise<void> {
    return this.serialized(async () => {
      const server = this.server
      if (server === null) return
      this.server = null
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    })
  }

  up(): Promise<void> {
    return this.serialized(async () => {
      for (let attempt = 0; this.server === null; attempt++) {
        try {
          await this.listen(this.port)
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt > 40) throw error
          await new Promise((resolve) => setTimeout(resolve, 50))
        }
      }
    })
  }

  private serialized(step: () => Promise<void>): Promise<void> {
    const next = this.transitions.then(step, step)
    this.transitions = next.catch(() => undefined)
    return next
  }

  async close(): Promise<void> {
    await this.down()
  }

  get isUp(): boolean {
    return this.server !== null
  }

  /** The next `count` matching requests get this fault. */
  failNext(kind: FaultKind, count = 1, matches: Matcher = () => true): void {
    this.queued.push({ kind, remaining: count, matches })
  }

  /** Each matching request gets a fault drawn from `kinds` with probability `rate`. */
  failRandomly(random: () => number, rate: number, kinds: readonly FaultKind[], matches: Matcher = () => true): void {
    this.randomFaults = { random, rate, kinds, matches }
  }

  /** The next `count` matching requests get this answer instead of the platform's (nothing applied). */
  respondNext(response: FakeResponse, count = 1, matches: Matcher = () => true): void {
    this.canned.push({ response, remaining: count, matches })
  }

  stopFaults(): void {
    this.queued.length = 0
    this.canned.length = 0
    this.randomFaults = null
  }

  conversionsOf(orderId: string): number {
    return this.conversions.get(orderId) ?? 0
  }

  /** Order ids the platform counted more than once: must stay empty. */
  doubled(): string[] {
    return [...this.conversions].filter(([, count]) => count > 1).map(([orderId]) => orderId)
  }

  onRequest(listener: (request: RecordedRequest) => void): () => void {
    this.listeners.push(listener)
    return () => {
      this.listeners = this.listeners.filter((candidate) => candidate !== listener)
    }
  }

  protected countConversion(orderId: string): void {
    this.conversions.set(orderId, (this.conversions.get(orderId) ?? 0) + 1)
  }

  private pickFault(request: FakeRequest): FaultKind | null {
    const queued = this.queued.find((fault) => fault.remaining > 0 && fault.matches(request))
    if (queued !== undefined) {
      queued.remaining--
      if (queued.remaining === 0) this.queued.splice(this.queued.indexOf(queued), 1)
      return queued.kind
    }
    const random = this.randomFaults
    if (random !== null && random.matches(request) && random.random() < random.rate) {
      return random.kinds[Math.floor(random.random() * random.kinds.length)] ?? null
    }
    return null
  }

  private listen(port: number): Promise<void> {
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (chunk: Buffer) => chunks.push(chunk))
      req.on('end', () => this.handle(req, res, Buffer.concat(chunks).toString('utf8')))
    })
    server.keepAliveTimeout = 5_000
    return new Promise((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, '127.0.0.1', () => {
        this.server = server
        this.port = (server.address() as AddressInfo).port
        resolve()
      })
    })
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse, body: string): void {
    if (this.countsInFlight({ method: req.method ?? 'GET', path: (req.url ?? '/').split('?')[0] ?? '/' })) {
      this.inFlight++
      this.peakInFlight = Math.max(this.peakInFlight, this.inFlight)
      let counted = true
      const done = (): void => {
        if (counted) this.inFlight--
        counted = false
      }
      res.once('finish', done)
      res.once('close', done)
    }
    const url = new URL(req.url ?? '/', 'http://fake.invalid')
    const contentType = req.headers['content-type'] ?? ''
    const request: FakeRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body,
      form: contentType.includes('application/x-www-form-urlencoded') ? new URLSearchParams(body) : new URLSearchParams(),
      json: contentType.includes('json') ? safeJson(body) : undefined,
    }
    if (request.path === '/__fake/stats') {
      // For a fake running in another process (the benchmarks): what it has seen.
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ requests: this.requests.length, conversions: this.conversions.size, doubled: this.doubled().length, peakInFlight: this.peakInFlight }))
      return
    }
    const fault = this.pickFault(request)
    const recorded: RecordedRequest = {
      method: request.method,
      rawUrl: req.url ?? '',
      path: request.path,
      query: Object.fromEntries(url.searchParams),
      body,
      headers: req.headers,
      fault,
      at: Date.now(),
    }
    this.requests.push(recorded)
    for (const listener of this.listeners) listener(recorded)

    const send = (response: FakeResponse): void => {
      const write = (): void => {
        if (res.destroyed) return
        res.writeHead(response.status, { 'content-type': 'application/json', ...response.headers })
        res.end(response.body)
      }
      if (this.latencyMs > 0) setTimeout(write, this.latencyMs)
      else write()
    }
    switch (fault) {
      case 'reset-before':
        req.socket.destroy()
        return
      case 'http500':
        send({ status: 500, headers: { 'content-type': 'text/html' }, body: '<h1>500 Internal Server Error</h1>' })
        return
      case 'http429':
        send({ status: 429, headers: { 'retry-after': String(this.retryAfterSeconds) }, body: '{"message":"Too Many Attempts."}' })
        return
      default:
        break
    }
    const canned = this.canned.find((entry) => entry.remaining > 0 && entry.matches(request))
    if (canned !== undefined) {
      canned.remaining--
      if (canned.remaining === 0) this.canned.splice(this.canned.indexOf(canned), 1)
      send(canned.response)
      return
    }
    const response = this.route(request)
    switch (fault) {
      case 'lost-answer':
        req.socket.destroy()
        return
      case 'malformed':
        send({ status: 200, headers: { 'content-type': 'application/json' }, body: '{"data": [<html>oops' })
        return
      case 'slow':
        setTimeout(() => send(response), this.slowMs)
        return
      case null:
        send(response)
        return
      default:
        fault satisfies never
    }
  }
}

export function json(status: number, value: unknown, headers: Record<string, string> = {}): FakeResponse {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(value) }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}
