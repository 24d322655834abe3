import path from 'node:path'
import { describe, expect, it, vi } from 'vitest'

vi.mock('electron', () => ({}))
const { resolveAppAsset } = await import('../../../electron/main/app-protocol')

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
