import { EventEmitter } from 'node:events'
import { describe, expect, it, vi } from 'vitest'

vi.mock('electron', () => ({}))
const { guardSession, guardWebContents, isAllowedUrl, isSafeExternalUrl, isTrustedSender, originOf } = await import(
  '../../../electron/main/security-guards'
)

const ORIGINS = ['app://coupondesk']
const options = (openExternal = vi.fn(() => Promise.resolve())) => ({
  allowedOrigins: ORIGINS,
  externalHosts: ['support.qualityunit.com'],
  openExternal,
})

class FakeContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler
  }
}

function navigationEvent(): { defaultPrevented: boolean; preventDefault(): void } {
  return {
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true
    },
  }
}

describe('origins', () => {
  it('reads the origin of our custom scheme, which URL reports as "null"', () => {
    expect(originOf('app://coupondesk/index.html')).toBe('app://coupondesk')
    expect(originOf('http://localhost:5173/x')).toBe('http://localhost:5173')
    expect(originOf('not a url')).toBeNull()
  })

  it.each([
    ['app://coupondesk/index.html', true],
    ['app://coupondesk/assets/a.js', true],
    ['app://evil/index.html', false],
    ['https://coupondesk/', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
  ])('allows %s: %s', (url, allowed) => {
    expect(isAllowedUrl(url, ORIGINS)).toBe(allowed)
  })

  it.each([
    ['https://support.qualityunit.com/123', true],
    ['http://support.qualityunit.com/123', false],
    ['https://support.qualityunit.com.evil.com/', false],
    ['https://user:pw@support.qualityunit.com/', false],
    ['file:///C:/Windows/system32/calc.exe', false],
    ['garbage', false],
  ])('opens %s outside the app: %s', (url, safe) => {
    expect(isSafeExternalUrl(url, ['support.qualityunit.com'])).toBe(safe)
  })
})

describe('web contents guards', () => {
  it('blocks navigation and redirects off our origin and lets our own pages through', () => {
    const contents = new FakeContents()
    guardWebContents(contents as never, options())
    const away = navigationEvent()
    contents.emit('will-navigate', away, 'https://evil.example/')
    expect(away.defaultPrevented).toBe(true)
    const dropped = navigationEvent()
    contents.emit('will-navigate', dropped, 'file:///home/me/coupons.csv')
    expect(dropped.defaultPrevented).toBe(true)
    const redirect = navigationEvent()
    contents.emit('will-redirect', redirect, 'https://evil.example/')
    expect(redirect.defaultPrevented).toBe(true)
    const frame = Object.assign(navigationEvent(), { url: 'https://evil.example/frame' })
    contents.emit('will-frame-navigate', frame)
    expect(frame.defaultPrevented).toBe(true)
    const home = navigationEvent()
    contents.emit('will-navigate', home, 'app://coupondesk/index.html')
    expect(home.defaultPrevented).toBe(false)
  })

  it('refuses every webview', () => {
    const contents = new FakeContents()
    guardWebContents(contents as never, options())
    const event = navigationEvent()
    contents.emit('will-attach-webview', event)
    expect(event.defaultPrevented).toBe(true)
  })

  it('denies every new window and opens only allow-listed https links in the browser', () => {
    const openExternal = vi.fn(() => Promise.resolve())
    const contents = new FakeContents()
    guardWebContents(contents as never, options(openExternal))
    expect(contents.windowOpenHandler?.({ url: 'https://support.qualityunit.com/a' })).toEqual({ action: 'deny' })
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' })
    expect(contents.windowOpenHandler?.({ url: 'app://coupondesk/index.html' })).toEqual({ action: 'deny' })
    expect(openExternal).toHaveBeenCalledTimes(1)
    expect(openExternal).toHaveBeenCalledWith('https://support.qualityunit.com/a')
  })
})

describe('permissions', () => {
  function guardedSession() {
    const session = {
      request: null as null | ((contents: unknown, permission: string, callback: (ok: boolean) => void, details: { requestingUrl: string; mediaTypes?: string[] }) => void),
      check: null as null | ((contents: unknown, permission: string, origin: string, details?: { mediaType?: string }) => boolean),
      setPermissionRequestHandler(handler: typeof this.request) {
        this.request = handler
      },
      setPermissionCheckHandler(handler: typeof this.check) {
        this.check = handler
      },
    }
    guardSession(session as never, options())
    return session
  }

  it('grants the camera to our own page only, and nothing else to anyone', () => {
    const session = guardedSession()
    const ask = (permission: string, url: string): boolean => {
      let granted: boolean | null = null
      session.request?.(null, permission, (ok) => (granted = ok), { requestingUrl: url })
      return granted === true
    }
    expect(ask('media', 'app://coupondesk/index.html')).toBe(true)
    expect(ask('media', 'https://evil.example/')).toBe(false)
    expect(ask('geolocation', 'app://coupondesk/index.html')).toBe(false)
    expect(ask('notifications', 'app://coupondesk/index.html')).toBe(false)
    expect(session.check?.(null, 'media', 'app://coupondesk')).toBe(true)
    expect(session.check?.(null, 'media', 'https://evil.example')).toBe(false)
    expect(session.check?.(null, 'clipboard-read', 'app://coupondesk')).toBe(false)
  })

  it('grants our page the camera for scanning coupons but never the microphone', () => {
    const session = guardedSession()
    const ask = (mediaTypes: string[]): boolean => {
      let granted: boolean | null = null
      session.request?.(null, 'media', (ok) => (granted = ok), { requestingUrl: 'app://coupondesk/index.html', mediaTypes })
      return granted === true
    }
    expect(ask(['video'])).toBe(true)
    expect(ask(['audio'])).toBe(false)
    expect(ask(['video', 'audio'])).toBe(false)
    expect(session.check?.(null, 'media', 'app://coupondesk', { mediaType: 'video' })).toBe(true)
    expect(session.check?.(null, 'media', 'app://coupondesk', { mediaType: 'audio' })).toBe(false)
  })
})

describe('IPC senders', () => {
  it('trusts only the top frame of our own page', () => {
    expect(isTrustedSender({ url: 'app://coupondesk/index.html', parent: null } as never, ORIGINS)).toBe(true)
    expect(isTrustedSender({ url: 'app://coupondesk/index.html', parent: {} } as never, ORIGINS)).toBe(false)
    expect(isTrustedSender({ url: 'https://evil.example/', parent: null } as never, ORIGINS)).toBe(false)
    expect(isTrustedSender(null, ORIGINS)).toBe(false)
    expect(isTrustedSender(undefined, ORIGINS)).toBe(false)
  })
})
