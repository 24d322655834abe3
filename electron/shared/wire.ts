/**
 * JSON for the test host's loopback transport. Electron IPC clones Uint8Array natively; JSON
 * cannot, so bytes travel as `{ "$bytes": "<base64>" }`. Used by the host and its bridge only.
 */

const BYTES_TAG = '$bytes'
const CHUNK = 0x8000

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = ''
  for (let offset = 0; offset < bytes.length; offset += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(offset, offset + CHUNK))
  }
  return btoa(binary)
}

export function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64)
  const bytes = new Uint8Array(binary.length)
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index)
  return bytes
}

export function toWireJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner instanceof Uint8Array ? { [BYTES_TAG]: bytesToBase64(inner) } : inner,
  )
}

export function fromWireJson(text: string): unknown {
  return JSON.parse(text, (_key, inner: unknown) => {
    if (inner !== null && typeof inner === 'object' && !Array.isArray(inner)) {
      const record = inner as Record<string, unknown>
      const keys = Object.keys(record)
      if (keys.length === 1 && keys[0] === BYTES_TAG && typeof record[BYTES_TAG] === 'string') {
        return base64ToBytes(record[BYTES_TAG])
      }
    }
    return inner
  })
}
