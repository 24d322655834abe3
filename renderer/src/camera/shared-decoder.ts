import { DecoderClient } from './decoder-client'
import type { EngineName } from './engines/engine'

/**
 * One decoder worker for the whole app, made on the first camera opening and kept: reopening
 * the camera then costs no worker start and no WebAssembly compile, and hours of use go through
 * one reader. It is replaced only when the engine setting changes or the worker broke.
 */

let current: { engine: EngineName; client: DecoderClient } | null = null

export function sharedDecoder(engine: EngineName): DecoderClient {
  if (current !== null && current.engine === engine && !current.client.isBroken) return current.client
  current?.client.terminate()
  current = { engine, client: new DecoderClient(engine, { fallback: true }) }
  return current.client
}
