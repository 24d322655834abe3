import type { UtilityProcess } from 'electron'
import { utilityProcess } from 'electron'
import type { EventName } from '../shared/channels'
import type { CoreStartOptions, CoreToMain, MainToCore } from '../shared/core-protocol'
import type { Result } from '../shared/result'
import { createLogger } from '../core/logger'

const log = createLogger('core-client')

/**
 * Main's handle on the core's utility process: request/response over its message port, events
 * passed on. If the core dies, waiting calls fail as data (the sale was either committed or
 * not: the window re-reads) and the core is started again.
 */
export class CoreClient {
  private child: UtilityProcess | null = null
  private nextId = 1
  private readonly pending = new Map<number, (result: Result<unknown>) => void>()
  private ready: Promise<void> | null = null
  private restarts = 0
  private stopping = false

  constructor(
    private readonly entryPath: string,
    /** Read at every (re)start, so a restarted core gets the secrets saved since. */
    private readonly options: () => CoreStartOptions,
    private readonly onEvent: (event: EventName, payload: unknown) => void,
    private readonly onFatal: (message: string) => void,
    /** Encrypts and stores the platform credentials the core hands over; throws to refuse. */
    private readonly onSaveSecrets: (values: Record<string, string>) => void = () => {
      throw new Error('this build cannot store secrets')
    },
  ) {}

  start(): Promise<void> {
    const child = utilityProcess.fork(this.entryPath, [], { serviceName: 'CouponDesk core', stdio: 'inherit' })
    this.child = child
    this.ready = new Promise<void>((resolve, reject) => {
      child.on('message', (message: CoreToMain) => {
        switch (message.type) {
          case 'ready':
            resolve()
            return
          case 'fatal':
            this.onFatal(message.message)
            reject(new Error(message.message))
            return
          case 'result':
            this.pending.get(message.id)?.(message.result)
            this.pending.delete(message.id)
            return
          case 'event':
            this.onEvent(message.event, message.payload)
            return
          case 'save-secrets':
            this.post({ type: 'secrets-saved', id: message.id, error: saveSecrets(this.onSaveSecrets, message.values) })
            return
          default:
            log.warn('unknown message from core')
        }
      })
    })
    child.on('exit', (code) => this.handleExit(code))
    this.post({ type: 'start', options: this.options() })
    return this.ready
  }

  async invoke(channel: string, input: unknown): Promise<Result<unknown>> {
    try {
      await this.ready
    } catch {
      return { ok: false, error: { code: 'INTERNAL', message: 'The engine could not start; see the message on screen' } }
    }
    const id = this.nextId++
    return new Promise((resolve) => {
      this.pending.set(id, resolve)
      this.post({ type: 'invoke', id, channel, input })
    })
  }

  stop(): void {
    this.stopping = true
    this.post({ type: 'shutdown' })
  }

  private post(message: MainToCore): void {
    this.child?.postMessage(message)
  }

  private handleExit(code: number): void {
    for (const resolve of this.pending.values()) {
      resolve({ ok: false, error: { code: 'INTERNAL', message: 'The engine stopped while answering; check the sales list before retrying' } })
    }
    this.pending.clear()
    this.child = null
    if (this.stopping) return
    log.error('core process exited', { code })
    if (this.restarts >= 5) {
      this.onFatal('The engine keeps stopping. Restart CouponDesk.')
      return
    }
    this.restarts++
    this.start().catch((error: unknown) => log.error('core restart failed', { error: String(error) }))
  }
}

/** Runs the vault's save; answers null on success, else the reason (never the values). */
export function saveSecrets(save: (values: Record<string, string>) => void, values: Record<string, string>): string | null {
  try {
    save(values)
    return null
  } catch (error) {
    log.warn('platform credentials not stored', { reason: error instanceof Error ? error.message : 'unknown' })
    return error instanceof Error ? error.message : 'The credentials could not be stored'
  }
}
