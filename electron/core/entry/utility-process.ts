import type { CoreToMain, MainToCore } from '../../shared/core-protocol'
import { AppError, isAppError } from '../../shared/errors'
import type { Core } from '../core'
import { createCore } from '../core'
import { createLogger } from '../logger'
import { persistedSecretStore } from '../secrets/secret-store'

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
let nextSaveId = 1
const pendingSaves = new Map<number, { resolve: () => void; reject: (error: Error) => void }>()

/** Secrets go back to main to be encrypted; the core waits for main to say they are stored. */
function persistThroughMain(values: Record<string, string>): Promise<void> {
  const id = nextSaveId++
  return new Promise((resolve, reject) => {
    pendingSaves.set(id, { resolve, reject })
    port.postMessage({ type: 'save-secrets', id, values })
  })
}

port.on('message', ({ data }) => {
  const message = data as MainToCore
  switch (message.type) {
    case 'start':
      try {
        const secrets = message.options.secrets
        core = createCore({
          dataDir: message.options.dataDir,
          version: message.options.version,
          source: 'till',
          actorPrefix: 'app',
          startSync: true,
          ...(secrets === undefined ? {} : { secrets: persistedSecretStore(secrets.values, persistThroughMain, secrets.description) }),
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
    case 'secrets-saved': {
      const pending = pendingSaves.get(message.id)
      pendingSaves.delete(message.id)
      if (message.error === null) pending?.resolve()
      else pending?.reject(new AppError('NOT_ALLOWED', message.error))
      return
    }
    case 'shutdown': {
      const closing = core
      core = null
      // Requests in flight get a moment to finish, so their outcome is recorded, not guessed.
      void (closing === null ? Promise.resolve() : closing.shutdown()).finally(() => process.exit(0))
      return
    }
    default:
      log.warn('unknown message from main', { message: JSON.stringify(message).slice(0, 200) })
  }
})
