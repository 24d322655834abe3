import type { CoreToMain, MainToCore } from '../../shared/core-protocol'
import { isAppError } from '../../shared/errors'
import type { Core } from '../core'
import { createCore } from '../core'
import { createLogger } from '../logger'

/**
 * Entry of the core in the app: an Electron utility process, so no query, import or sync ever
 * runs on the window's thread or in main. It talks to main over `process.parentPort` (no
 * `electron` import needed here; Electron puts the port on `process`).
 */

interface ParentPort {
  on(event: 'message', listener: (message: { data: unknown }) => void): void
  postMessage(message: CoreToMain): void
}

const log = createLogger('core-process')
const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort
if (parentPort === undefined) throw new Error('the core entry must run in an Electron utility process')
const port = parentPort

let core: Core | null = null

port.on('message', ({ data }) => {
  const message = data as MainToCore
  switch (message.type) {
    case 'start':
      try {
        core = createCore({
          dataDir: message.options.dataDir,
          version: message.options.version,
          source: 'till',
          actorPrefix: 'app',
          ...(message.options.nativeBinding === undefined ? {} : { nativeBinding: message.options.nativeBinding }),
        })
        core.onEvent((event, payload) => port.postMessage({ type: 'event', event, payload }))
        port.postMessage({ type: 'ready' })
      } catch (error) {
        const text = isAppError(error) ? error.message : String(error)
        log.error('core failed to start', { error: text })
        port.postMessage({ type: 'fatal', message: text })
      }
      return
    case 'invoke': {
      const running = core
      if (running === null) {
        port.postMessage({ type: 'result', id: message.id, result: { ok: false, error: { code: 'INTERNAL', message: 'The core is not running' } } })
        return
      }
      void running.invoke(message.channel, message.input).then((result) => {
        port.postMessage({ type: 'result', id: message.id, result })
      })
      return
    }
    case 'shutdown':
      core?.close()
      core = null
      process.exit(0)
      return
    default:
      log.warn('unknown message from main', { message: JSON.stringify(message).slice(0, 200) })
  }
})
