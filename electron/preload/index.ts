import { contextBridge, ipcRenderer } from 'electron'
import { createPosApi } from './pos-api'

// The bridge: one frozen `window.pos` (invoke + on), nothing else. Every channel is an
// `ipcMain.handle` of the same name in main, which validates the input before the core sees it.
contextBridge.exposeInMainWorld(
  'pos',
  createPosApi({
    invoke: (channel, input) => ipcRenderer.invoke(channel, input),
    subscribe: (event, callback) => {
      const listener = (_event: Electron.IpcRendererEvent, payload: unknown): void => callback(payload)
      ipcRenderer.on(event, listener)
      return () => {
        ipcRenderer.removeListener(event, listener)
      }
    },
  }),
)
