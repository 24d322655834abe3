import type { EventName } from './channels'
import type { Result } from './result'

/** Messages between the main process and the core's utility process. */

export interface CoreStartOptions {
  dataDir: string
  version: string
  nativeBinding?: string
}

export type MainToCore =
  | { type: 'start'; options: CoreStartOptions }
  | { type: 'invoke'; id: number; channel: string; input: unknown }
  | { type: 'shutdown' }

export type CoreToMain =
  | { type: 'ready' }
  | { type: 'fatal'; message: string }
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'event'; event: EventName; payload: unknown }
