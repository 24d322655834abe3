import type { App, Session, WebContents, WebFrameMain } from 'electron'

/**
 * Every guard in one place: no new windows, no navigation off our origin, no webviews, only the
 * camera permission (never the microphone) and only for our own pages, IPC accepted only from our main
 * frame, and external links opened only after parsing and allow-listing.
 */

export interface GuardOptions {
  /** Origins our pages come from: `app://coupondesk`, and the dev server in development. */
  allowedOrigins: readonly string[]
  /** Hosts whose https links may open in the user's browser (platform help pages). */
  externalHosts: readonly string[]
  openExternal(url: string): Promise<void>
}

export function originOf(url: string): string | null {
  try {
    const parsed = new URL(url)
    // Custom schemes report origin "null"; rebuild it from scheme and host.
    return parsed.origin === 'null' ? `${parsed.protocol}//${parsed.host}` : parsed.origin
  } catch {
    return null
  }
}

export function isAllowedUrl(url: string, allowedOrigins: readonly string[]): boolean {
  const origin = originOf(url)
  return origin !== null && allowedOrigins.includes(origin)
}

export function isSafeExternalUrl(url: string, externalHosts: readonly string[]): boolean {
  try {
    const parsed = new URL(url)
    return parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '' && externalHosts.includes(parsed.hostname)
  } catch {
    return false
  }
}

/** IPC is taken only from the top frame of one of our pages. */
export function isTrustedSender(frame: WebFrameMain | null | undefined, allowedOrigins: readonly string[]): boolean {
  if (frame === null || frame === undefined) return false
  if (frame.parent !== null) return false
  return isAllowedUrl(frame.url, allowedOrigins)
}

export function guardWebContents(contents: WebContents, options: GuardOptions): void {
  const blockOffOrigin = (event: { preventDefault(): void }, url: string): void => {
    if (!isAllowedUrl(url, options.allowedOrigins)) event.preventDefault()
  }
  contents.on('will-navigate', blockOffOrigin)
  contents.on('will-frame-navigate', (event) => blockOffOrigin(event, event.url))
  contents.on('will-redirect', blockOffOrigin)
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url, options.externalHosts)) void options.openExternal(url)
    return { action: 'deny' }
  })
}

/** The till uses the camera to read coupons and never needs the microphone. */
function asksForMicrophone(details: unknown): boolean {
  const { mediaTypes, mediaType } = (details ?? {}) as { mediaTypes?: unknown; mediaType?: unknown }
  return mediaType === 'audio' || (Array.isArray(mediaTypes) && mediaTypes.includes('audio'))
}

export function guardSession(session: Session, options: GuardOptions): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(permission === 'media' && isAllowedUrl(details.requestingUrl, options.allowedOrigins) && !asksForMicrophone(details))
  })
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) => {
    return permission === 'media' && isAllowedUrl(requestingOrigin, options.allowedOrigins) && !asksForMicrophone(details)
  })
}

export function installSecurityGuards(app: App, session: Session, options: GuardOptions): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, options))
  guardSession(session, options)
}
