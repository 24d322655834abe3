import path from 'node:path'
import { describe, expect, it, vi } from 'vitest'

vi.mock('electron', () => ({}))
const { registerAppProtocol, resolveAppAsset, withAppHeaders } = await import('../../../electron/main/app-protocol')
const { WORKER_CSP } = await import('../../../electron/shared/csp')

const root = path.resolve('/opt/coupondesk/out/renderer')

describe('the app:// protocol', () => {
  it('serves files from the renderer folder', () => {
    expect(resolveAppAsset(root, 'app://coupondesk/index.html')).toBe(path.join(root, 'index.html'))
    expect(resolveAppAsset(root, 'app://coupondesk/')).toBe(path.join(root, 'index.html'))
    expect(resolveAppAsset(root, 'app://coupondesk/assets/index-abc.js')).toBe(path.join(root, 'assets/index-abc.js'))
  })

  it.each(['app://coupondesk/../../../etc/passwd', 'app://coupondesk/%2e%2e/%2e%2e/etc/passwd'])(
    'keeps %s inside the renderer folder (the URL parser folds the dots away)',
    (url) => {
      expect(resolveAppAsset(root, url)).toBe(path.join(root, 'etc/passwd'))
    },
  )

  it.each([
    'app://coupondesk/assets/..%2f..%2f..%2fsecret',
    'app://other-host/index.html',
    'https://coupondesk/index.html',
    'app://coupondesk/%00.html',
    'app://coupondesk/%E0%A4%A',
    'not a url',
  ])('refuses %s', (url) => {
    expect(resolveAppAsset(root, url)).toBeNull()
  })
})

describe('the headers the app protocol adds', () => {
  const fileResponse = (type: string): Response => new Response('body', { status: 200, headers: { 'content-type': type } })

  it('serves the bundled decoder .wasm as application/wasm, which streaming compilation requires', () => {
    const response = withAppHeaders(path.join(root, 'assets/zxing_reader-abc.wasm'), fileResponse('application/octet-stream'))
    expect(response.headers.get('content-type')).toBe('application/wasm')
  })

  it('sends the worker policy with every script, because a worker ignores the page meta tag', () => {
    const response = withAppHeaders(path.join(root, 'assets/decoder.worker-abc.js'), fileResponse('text/javascript'))
    expect(response.headers.get('content-security-policy')).toBe(WORKER_CSP)
    expect(response.headers.get('content-type')).toBe('text/javascript')
  })

  it('lets the worker compile WebAssembly and reach only our own origin', () => {
    expect(WORKER_CSP).toContain("script-src 'self' 'wasm-unsafe-eval'")
    expect(WORKER_CSP).toContain("connect-src 'self'")
    expect(WORKER_CSP).toContain("default-src 'none'")
    expect(WORKER_CSP).not.toContain("'unsafe-eval'")
  })

  it('leaves other files and failed reads untouched', async () => {
    const css = fileResponse('text/css')
    expect(withAppHeaders(path.join(root, 'assets/index.css'), css)).toBe(css)
    const missing = new Response('gone', { status: 404 })
    expect(withAppHeaders(path.join(root, 'assets/gone.js'), missing)).toBe(missing)
    expect(await withAppHeaders(path.join(root, 'assets/a.js'), fileResponse('text/javascript')).text()).toBe('body')
  })

  it('registers a handler that refuses paths outside the renderer and adds the headers to files', async () => {
    let handler: ((request: Request) => Promise<Response>) | null = null
    const protocol = { handle: (_scheme: string, callback: (request: Request) => Promise<Response>) => (handler = callback) }
    const fetched: string[] = []
    registerAppProtocol(protocol as never, root, (url) => {
      fetched.push(url)
      return Promise.resolve(fileResponse('application/octet-stream'))
    })
    expect(handler).not.toBeNull()
    const wasm = await handler!(new Request('app://coupondesk/assets/zxing_reader-abc.wasm'))
    expect(wasm.headers.get('content-type')).toBe('application/wasm')
    expect(fetched).toEqual([`file://${path.join(root, 'assets/zxing_reader-abc.wasm')}`])
    expect((await handler!(new Request('app://elsewhere/index.html'))).status).toBe(404)
  })
})
