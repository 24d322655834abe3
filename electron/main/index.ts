import path from 'node:path'
import type { BrowserWindow } from 'electron'
import { app, dialog, ipcMain, net, protocol, session, shell } from 'electron'
import { defaultDataDir } from '../core/data-dir'
import { APP_ENTRY_URL, APP_ORIGIN, APP_SCHEME_PRIVILEGES, registerAppProtocol } from './app-protocol'
import { CoreClient } from './core-client'
import { registerIpcHandlers } from './ipc-router'
import { electronBindingPath, missingBindingMessage } from './native-binding'
import { installSecurityGuards, isTrustedSender } from './security-guards'
import { createSecretVault } from './secret-vault'
import { createMainWindow } from './window'

// Wiring only: single instance, privileged scheme, guards, the core, IPC, the window.

const devServerUrl = process.env.ELECTRON_RENDERER_URL
const allowedOrigins = [APP_ORIGIN, ...(devServerUrl === undefined || app.isPackaged ? [] : [new URL(devServerUrl).origin])]
const EXTERNAL_HOSTS = ['support.qualityunit.com', 'www.affiliationsoftware.com', 'docs.swaarm.com', 'developers.partnero.com']

if (!app.requestSingleInstanceLock()) app.quit()
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES])
app.setName('CouponDesk')

let mainWindow: BrowserWindow | null = null
let core: CoreClient | null = null

app.on('second-instance', () => {
  if (mainWindow === null) return
  if (mainWindow.isMinimized()) mainWindow.restore()
  mainWindow.focus()
})

void app.whenReady().then(async () => {
  const guardOptions = { allowedOrigins, externalHosts: EXTERNAL_HOSTS, openExternal: (url: string) => shell.openExternal(url) }
  installSecurityGuards(app, session.defaultSession, guardOptions)
  registerAppProtocol(protocol, path.join(__dirname, '../renderer'), (url) => net.fetch(url))

  const nativeBinding = electronBindingPath({ isPackaged: app.isPackaged, appPath: app.getAppPath(), resourcesPath: process.resourcesPath })
  const missing = missingBindingMessage(nativeBinding)
  if (missing !== null) {
    dialog.showErrorBox('CouponDesk cannot start', missing)
    app.quit()
    return
  }
  const dataDir = defaultDataDir()
  const vault = createSecretVault(dataDir)
  let secrets = vault.load()
  core = new CoreClient(
    path.join(__dirname, 'core.js'),
    () => ({ dataDir, version: app.getVersion(), nativeBinding, secrets: { values: secrets, description: vault.description } }),
    (event, payload) => mainWindow?.webContents.send(event, payload),
    (message) => dialog.showErrorBox('CouponDesk cannot open its data', message),
    (values) => {
      vault.save(values)
      secrets = values
    },
  )
  const client = core
  registerIpcHandlers(ipcMain, client, (event) => isTrustedSender(event.senderFrame, allowedOrigins))
  try {
    await client.start()
  } catch {
    app.quit()
    return
  }
  mainWindow = createMainWindow({
    preloadPath: path.join(__dirname, '../preload/index.js'),
    url: devServerUrl ?? APP_ENTRY_URL,
  })
  mainWindow.on('closed', () => {
    mainWindow = null
  })
})

app.on('window-all-closed', () => {
  core?.stop()
  app.quit()
})
