import type { EventName } from '../../../electron/shared/channels'
import { createPosApi } from '../../../electron/preload/pos-api'
import { fromWireJson, toWireJson } from '../../../electron/shared/wire'

// The test host's stand-in for the preload: the same `createPosApi`, over loopback HTTP
// (POST /__pos/invoke/<channel>) and server-sent events (/__pos/events) instead of IPC.

type Listener = (payload: unknown) => void
const listeners = new Map<EventName, Set<Listener>>()
const events = new EventSource('/__pos/events')
events.onmessage = (message: MessageEvent<string>) => {
  const { event, payload } = fromWireJson(message.data) as { event: EventName; payload: unknown }
  for (const listener of listeners.get(event) ?? []) listener(payload)
}

const api = createPosApi({
  async invoke(channel, input) {
    const response = await fetch(`/__pos/invoke/${encodeURIComponent(channel)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: toWireJson(input === undefined ? null : input),
    })
    return fromWireJson(await response.text())
  },
  subscribe(event, callback) {
    const set = listeners.get(event) ?? new Set<Listener>()
    listeners.set(event, set)
    set.add(callback)
    return () => {
      set.delete(callback)
    }
  },
})

Object.defineProperty(window, 'pos', { value: api, writable: false, configurable: false, enumerable: true })
