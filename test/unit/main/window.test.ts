import { describe, expect, it, vi } from 'vitest'

const created: { options: Record<string, unknown>; loadURL: ReturnType<typeof vi.fn> }[] = []
vi.mock('electron', () => ({
  BrowserWindow: class {
    readonly loadURL = vi.fn(() => Promise.resolve())
    readonly once = vi.fn()
    constructor(readonly options: Record<string, unknown>) {
      created.push(this)
    }
  },
}))

const { HARDENED_WEB_PREFERENCES, webPreferencesFor } = await import('../../../electron/main/web-preferences')
const { createMainWindow, mainWindowOptions } = await import('../../../electron/main/window')

describe('the main window', () => {
  it('is isolated, sandboxed and without Node in every frame', () => {
    const prefs = mainWindowOptions('/app/preload.js').webPreferences
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      navigateOnDragDrop: false,
      preload: '/app/preload.js',
    })
  })

  it('keeps the hardened preferences frozen so no caller can weaken them', () => {
    expect(Object.isFrozen(HARDENED_WEB_PREFERENCES)).toBe(true)
    const prefs = webPreferencesFor('/p.js')
    prefs.sandbox = false
    expect(HARDENED_WEB_PREFERENCES.sandbox).toBe(true)
    expect(webPreferencesFor('/p.js').sandbox).toBe(true)
  })

  it('creates the window with those options, hidden until ready, and loads our page', () => {
    createMainWindow({ preloadPath: '/app/preload.js', url: 'app://coupondesk/index.html' })
    const window = created.at(-1)
    expect(window?.options).toMatchObject({ show: false, webPreferences: { sandbox: true, contextIsolation: true } })
    expect(window?.loadURL).toHaveBeenCalledWith('app://coupondesk/index.html')
  })
})
