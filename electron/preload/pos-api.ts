import type { ChannelName, EventName } from '../shared/channels'
import { isChannelName, isEventName } from '../shared/channels'
import type { PosApi } from '../shared/contract'
import type { Result } from '../shared/result'

/**
 * Builds the one `window.pos` object from a transport. The preload's transport is Electron IPC;
 * the test host's is loopback HTTP. Either way the page sees the same frozen object: `invoke`
 * refuses channels the contract does not list, `on` only passes the payload on.
 */
export interface PosTransport {
  invoke(channel: ChannelName, input: unknown): Promise<unknown>
  subscribe(event: EventName, callback: (payload: unknown) => void): () => void
}

export function createPosApi(transport: PosTransport): PosApi {
  const api = {
    async invoke(channel: unknown, input: unknown): Promise<Result<unknown>> {
      if (!isChannelName(channel)) {
        return { ok: false, error: { code: 'INVALID_INPUT', message: `Unknown channel ${String(channel)}` } }
      }
      try {
        return (await transport.invoke(channel, input)) as Result<unknown>
      } catch (error) {
        return {
          ok: false,
          error: { code: 'INTERNAL', message: `The app's engine did not answer (${error instanceof Error ? error.message : String(error)})` },
        }
      }
    },
    on(event: unknown, callback: unknown): () => void {
      if (!isEventName(event) || typeof callback !== 'function') return () => undefined
      return transport.subscribe(event, (payload) => (callback as (value: unknown) => void)(payload))
    },
  }
  return Object.freeze(api) as PosApi
}
