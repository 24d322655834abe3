import type { Detection } from './code-format'
import type { DecoderRequest } from './decoder-protocol'
import { DecoderResponseSchema } from './decoder-protocol'
import type { EngineName } from './engines/engine'

/**
 * The page's handle on the decoder worker: load an engine, send VideoFrames (moved, not copied), get
 * detections back. One frame at a time is the caller's job (the frame pump waits for each
 * answer), so frames never pile up in the worker's queue.
 */

export interface EngineInfo {
  engine: EngineName
  requested: EngineName
  problem: string | null
  loadMs: number
}

export interface DecodeOutcome {
  detection: Detection | null
  decodeMs: number
  workMs: number
  width: number
  height: number
}

type Pending = { resolve: (outcome: DecodeOutcome) => void; reject: (error: Error) => void }

export class DecoderClient {
  readonly ready: Promise<EngineInfo>
  private readonly worker: Worker
  private readonly pending = new Map<number, Pending>()
  private nextId = 0
  private broken: Error | null = null
  private resolveReady!: (info: EngineInfo) => void
  private rejectReady!: (error: Error) => void

  constructor(engine: EngineName, options: { fallback: boolean }) {
    this.ready = new Promise<EngineInfo>((resolve, reject) => {
      this.resolveReady = resolve
      this.rejectReady = reject
    })
    // Rejections are reported to whoever awaits `ready`; never leave one unhandled.
    this.ready.catch(() => undefined)
    this.worker = new Worker(new URL('./decoder.worker.ts', import.meta.url), { type: 'module', name: 'coupon-decoder' })
    this.worker.addEventListener('message', (event: MessageEvent<unknown>) => this.onMessage(event.data))
    this.worker.addEventListener('error', (event) => this.fail(new Error(`the decoder stopped: ${event.message || 'worker error'}`)))
    this.worker.addEventListener('messageerror', () => this.fail(new Error('the decoder sent a message the page cannot read')))
    this.post({ type: 'load', engine, fallback: options.fallback })
  }

  /** Decodes one frame. The frame is moved to the worker, which closes it. */
  async decode(frame: VideoFrame): Promise<DecodeOutcome> {
    try {
      await this.ready
    } catch (error) {
      frame.close()
      throw error
    }
    if (this.broken !== null) {
      frame.close()
      throw this.broken
    }
    const id = this.nextId++
    return new Promise<DecodeOutcome>((resolve, reject) => {
      this.pending.set(id, { resolve, reject })
      this.post({ type: 'decode', id, frame }, [frame])
    })
  }

  /** True once the worker failed or was stopped: make a new client. */
  get isBroken(): boolean {
    return this.broken !== null
  }

  terminate(): void {
    this.worker.terminate()
    this.fail(new Error('the decoder was stopped'))
  }

  private post(request: DecoderRequest, transfer: Transferable[] = []): void {
    this.worker.postMessage(request, transfer)
  }

  private onMessage(data: unknown): void {
    const parsed = DecoderResponseSchema.safeParse(data)
    if (!parsed.success) {
      this.fail(new Error(`the decoder answered something unexpected: ${parsed.error.issues[0]?.message ?? ''}`))
      return
    }
    const message = parsed.data
    switch (message.type) {
      case 'loaded':
        this.resolveReady({ engine: message.engine, requested: message.requested, problem: message.problem, loadMs: message.loadMs })
        return
      case 'load-failed':
        this.fail(new Error(message.message))
        return
      case 'decoded': {
        const waiting = this.pending.get(message.id)
        this.pending.delete(message.id)
        waiting?.resolve({ detection: message.detection, decodeMs: message.decodeMs, workMs: message.workMs, width: message.width, height: message.height })
        return
      }
      case 'decode-failed': {
        const waiting = this.pending.get(message.id)
        this.pending.delete(message.id)
        waiting?.reject(new Error(message.message))
        return
      }
      default:
        message satisfies never
    }
  }

  private fail(error: Error): void {
    this.broken ??= error
    this.rejectReady(error)
    for (const waiting of this.pending.values()) waiting.reject(error)
    this.pending.clear()
  }
}
