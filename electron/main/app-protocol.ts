import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Protocol } from 'electron'
import { extraHeadersFor } from '../shared/csp'

/**
 * The renderer is served from `app://coupondesk/`, a real origin (so CSP 'self', the permission
 * checks and IPC sender checks have something to compare against) instead of file://, which
 * would give every local file the same origin. Requests outside the renderer folder are refused.
 */

export const APP_SCHEME = 'app'
export const APP_HOST = 'coupondesk'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`

export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true },
} as const

/** Maps a request URL to a file inside `rendererDir`, or null when it points anywhere else. */
export function resolveAppAsset(rendererDir: string, requestUrl: string): string | null {
  let url: URL
  try {
    url = new URL(requestUrl)
  } catch {
    return null
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null
  let pathname: string
  try {
    pathname = decodeURIComponent(url.pathname)
  } catch {
    return null
  }
  if (pathname.includes('\0')) return null
  const root = path.resolve(rendererDir)
  const relative = pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, '')
  const filePath = path.resolve(root, relative)
  if (filePath !== root && !filePath.startsWith(root + path.sep)) return null
  return filePath
}

/**
 * Adds what a file needs beyond a plain file read: the worker CSP on scripts (a worker takes its
 * policy from its script's response) and the WebAssembly content type (see shared/csp.ts).
 */
export function withAppHeaders(filePath: string, response: Response): Response {
  const extra = extraHeadersFor(filePath)
  if (Object.keys(extra).length === 0 || !response.ok) return response
  const headers = new Headers(response.headers)
  for (const [name, value] of Object.entries(extra)) headers.set(name, value)
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers })
}

export function registerAppProtocol(protocol: Protocol, rendererDir: string, fetchFile: (url: string) => Promise<Response>): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const filePath = resolveAppAsset(rendererDir, request.url)
    if (filePath === null) return new Response('Not found', { status: 404 })
    return withAppHeaders(filePath, await fetchFile(pathToFileURL(filePath).toString()))
  })
}
