import type { EventName } from './channels'
import type { Result } from './result'

/** Messages between the main process and the core's utility process. */

export interface CoreStartOptions {
  dataDir: string
  version: string
  nativeBinding?: string
  /** Platform credentials main decrypted (safeStorage), handed over in memory, and how they are kept. */
  secrets?: { values: Record<string, string>; description: string }
}

export type MainToCore =
  | { type: 'start'; options: CoreStartOptions }
  | { type: 'invoke'; id: number; channel: string; input: unknown }
  | { type: 'shutdown' }
  | { type: 'secrets-saved'; id: number; error: string | null }

export type CoreToMain =
  | { type: 'ready' }
  | { type: 'fatal'; message: string }
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'event'; event: EventName; payload: unknown }
  /** The core asks main to encrypt and store the platform credentials. */
  | { type: 'save-secrets'; id: number; values: Record<string, string> }
