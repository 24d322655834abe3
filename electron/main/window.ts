import type { BrowserWindowConstructorOptions } from 'electron'
import { BrowserWindow } from 'electron'
import { webPreferencesFor } from './web-preferences'

export function mainWindowOptions(preloadPath: string, iconPath?: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 800,
    minWidth: 960,
    minHeight: 640,
    show: false,
    title: 'CouponDesk',
    backgroundColor: '#0f172a',
    autoHideMenuBar: true,
    ...(iconPath === undefined ? {} : { icon: iconPath }),
    webPreferences: webPreferencesFor(preloadPath),
  }
}

export function createMainWindow(options: { preloadPath: string; url: string; iconPath?: string }): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(options.preloadPath, options.iconPath))
  window.once('ready-to-show', () => window.show())
  void window.loadURL(options.url)
  return window
}
