import http from 'node:http'
import net from 'node:net'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import type { HttpClient } from '../../../electron/core/sync/http-client'
import { createHttpClient } from '../../../electron/core/sync/http-client'

/**
 * The HTTP client's one job beyond HTTP: telling "the platform cannot have it" from "the
 * platform may have it". Real sockets, real servers misbehaving on purpose.
 */

describe('the sync HTTP client', () => {
  let client: HttpClient
  const servers: (http.Server | net.Server)[] = []
  const rawSockets = new Set<net.Socket>()
  afterEach(async () => {
    client.close()
    for (const socket of rawSockets) socket.destroy()
    rawSockets.clear()
    for (const server of servers.splice(0)) {
      if (server instanceof http.Server) server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  })

  const httpServer = async (handler: http.RequestListener): Promise<string> => {
    const server = http.createServer(handler)
    servers.push(server)
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  }
  const rawServer = async (onConnection: (socket: net.Socket) => void): Promise<string> => {
    const server = net.createServer((socket) => {
      rawSockets.add(socket)
      onConnection(socket)
    })
    servers.push(server)
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  }

  it('returns status, headers and body of an answer', async () => {
    client = createHttpClient()
    const url = await httpServer((request, response) => {
      let body = ''
      request.on('data', (chunk: Buffer) => (body += chunk.toString()))
      request.on('end', () => {
        response.writeHead(201, { 'x-echo': request.headers['x-test'] ?? '' })
        response.end(`got ${request.method} ${body}`)
      })
    })
    const result = await client.fetch({ method: 'POST', url: `${url}/x`, headers: { 'x-test': 'yes' }, body: 'ü', timeoutMs: 1_000 })
    expect(result).toMatchObject({ kind: 'answer', status: 201, body: 'got POST ü', bodyComplete: true })
    expect(result.kind === 'answer' && result.headers['x-echo']).toBe('yes')
  })

  it('says "not sent" when the connection is refused', async () => {
    client = createHttpClient()
    const url = await httpServer(() => undefined)
    const port = new URL(url).port
    const server = servers.pop() as http.Server
    await new Promise<void>((resolve) => server.close(() => resolve()))
    const result = await client.fetch({ method: 'GET', url: `http://127.0.0.1:${port}/`, timeoutMs: 1_000 })
    expect(result).toMatchObject({ kind: 'failure', sent: 'no', code: 'ECONNREFUSED' })
  })

  it('says "maybe sent" when the server reads the request and drops the connection without answering', async () => {
    client = createHttpClient()
    const url = await rawServer((socket) => socket.once('data', () => socket.destroy()))
    const result = await client.fetch({ method: 'GET', url, timeoutMs: 1_000, freshConnection: true })
    expect(result).toMatchObject({ kind: 'failure', sent: 'maybe' })
    expect(result.kind === 'failure' && result.message).toMatch(/after the request was sent/)
  })

  it('says "maybe sent" when no answer comes before the timeout, and "not sent" when the request could not even be written', async () => {
    client = createHttpClient()
    const url = await rawServer((socket) => socket.pause())
    const silent = await client.fetch({ method: 'POST', url, body: 'sale', timeoutMs: 200 })
    expect(silent).toMatchObject({ kind: 'failure', sent: 'maybe', code: 'TIMEOUT' })
    // A server that never reads: a large body cannot be handed over completely, so it cannot have arrived.
    const stuck = await client.fetch({ method: 'POST', url, body: 'x'.repeat(64 * 1024 * 1024), timeoutMs: 300, freshConnection: true })
    expect(stuck).toMatchObject({ kind: 'failure', sent: 'no', code: 'TIMEOUT' })
  })

  it('says "not sent" when cancelled before the request went out, and for an address it cannot use', async () => {
    client = createHttpClient()
    const controller = new AbortController()
    controller.abort()
    expect(await client.fetch({ method: 'GET', url: 'http://127.0.0.1:9/', timeoutMs: 500, signal: controller.signal })).toMatchObject({ kind: 'failure', sent: 'no', code: 'ABORTED' })
    expect(await client.fetch({ method: 'GET', url: 'ftp://example.com/', timeoutMs: 500 })).toMatchObject({ kind: 'failure', sent: 'no', code: 'BAD_URL' })
    expect(await client.fetch({ method: 'GET', url: 'not a url', timeoutMs: 500 })).toMatchObject({ kind: 'failure', sent: 'no', code: 'BAD_URL' })
  })

  it('keeps the status of an answer whose body breaks off, marked incomplete', async () => {
    client = createHttpClient()
    const url = await rawServer((socket) =>
      socket.once('data', () => {
        socket.write('HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\npartial')
        setTimeout(() => socket.destroy(), 20)
      }),
    )
    const result = await client.fetch({ method: 'GET', url, timeoutMs: 1_000 })
    expect(result).toMatchObject({ kind: 'answer', status: 200, body: 'partial', bodyComplete: false })
  })

  it('cuts an answer larger than the limit and marks it incomplete', async () => {
    client = createHttpClient()
    const url = await httpServer((_request, response) => response.end('x'.repeat(10_000)))
    const result = await client.fetch({ method: 'GET', url, timeoutMs: 1_000, maxBodyBytes: 100 })
    expect(result).toMatchObject({ kind: 'answer', status: 200, bodyComplete: false })
    expect(result.kind === 'answer' && result.body.length).toBe(100)
  })

  it('never reuses a pooled connection for a fresh-connection request, so a server that closed its idle sockets cannot make a push look maybe-sent', async () => {
    client = createHttpClient()
    const sockets = new Set<net.Socket>()
    const url = await httpServer((_request, response) => response.end('ok'))
    const server = servers[servers.length - 1] as http.Server
    server.on('connection', (socket) => sockets.add(socket))
    await client.fetch({ method: 'GET', url, timeoutMs: 1_000 })
    // The server drops its idle keep-alive connection; the client has not noticed yet.
    for (const socket of sockets) socket.destroy()
    const push = await client.fetch({ method: 'GET', url, timeoutMs: 1_000, freshConnection: true })
    expect(push).toMatchObject({ kind: 'answer', status: 200 })
  })
})
