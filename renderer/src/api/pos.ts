import type { ChannelName, EventName } from '../../../electron/shared/channels'
import type { ChannelInput, ChannelOutput, EventPayload } from '../../../electron/shared/contract'
import type { AppErrorData, ErrorCode } from '../../../electron/shared/errors'
import type { Result } from '../../../electron/shared/result'

/**
 * The only module that touches `window.pos` (set by the preload in the app, by the test host's
 * bridge in a browser). `invoke` keeps errors as data; `call` turns them into a thrown PosError
 * for loaders that only show the message.
 */

export class PosError extends Error {
  readonly code: ErrorCode
  readonly details: Record<string, unknown> | undefined

  constructor(error: AppErrorData) {
    super(error.message)
    this.name = 'PosError'
    this.code = error.code
    this.details = error.details
  }
}

function bridge(): Window['pos'] {
  const pos = (window as Partial<Window>).pos
  if (pos === undefined) throw new Error('window.pos is missing: open CouponDesk through the app or the test host')
  return pos
}

export function invoke<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>> {
  return bridge().invoke(channel, input)
}

export async function call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const result = await invoke(channel, input)
  if (!result.ok) throw new PosError(result.error)
  return result.value
}

export function subscribe<E extends EventName>(event: E, callback: (payload: EventPayload<E>) => void): () => void {
  return bridge().on(event, callback)
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
