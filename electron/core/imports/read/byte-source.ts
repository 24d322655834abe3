import { createReadStream, statSync } from 'node:fs'
import path from 'node:path'

/**
 * Where an import's bytes come from: a file on disk (CLI, streamed) or bytes the window handed
 * over. Either can be read from the start as many times as needed (sniffing, then parsing).
 */
export interface ByteSource {
  name: string
  size: number
  /** Enough to open the same bytes again in another thread (`sourceFromOrigin`). */
  origin: SourceOrigin
  chunks(): AsyncIterable<Uint8Array> | Iterable<Uint8Array>
  /** The first `length` bytes, for sniffing. */
  head(length: number): Promise<Uint8Array>
}

export type SourceOrigin = { kind: 'file'; path: string } | { kind: 'memory'; bytes: Uint8Array }

export function sourceFromOrigin(name: string, origin: SourceOrigin): ByteSource {
  return origin.kind === 'file' ? { ...fileSource(origin.path), name } : memorySource(name, origin.bytes)
}

const FILE_CHUNK = 1024 * 1024
const MEMORY_CHUNK = 256 * 1024

export function fileSource(filePath: string): ByteSource {
  const size = statSync(filePath).size
  return {
    name: path.basename(filePath),
    size,
    origin: { kind: 'file', path: filePath },
    chunks: () => createReadStream(filePath, { highWaterMark: FILE_CHUNK }) as AsyncIterable<Uint8Array>,
    head: async (length) => {
      const parts: Uint8Array[] = []
      let total = 0
      const stream = createReadStream(filePath, { start: 0, end: Math.max(0, length - 1) })
      for await (const chunk of stream as AsyncIterable<Uint8Array>) {
        parts.push(chunk)
        total += chunk.length
      }
      return concat(parts, total)
    },
  }
}

export function memorySource(name: string, bytes: Uint8Array, chunkSize = MEMORY_CHUNK): ByteSource {
  return {
    name,
    size: bytes.byteLength,
    origin: { kind: 'memory', bytes },
    chunks: function* () {
      for (let offset = 0; offset < bytes.byteLength; offset += chunkSize) {
        yield bytes.subarray(offset, offset + chunkSize)
      }
    },
    head: (length) => Promise.resolve(bytes.subarray(0, length)),
  }
}

function concat(parts: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total)
  let offset = 0
  for (const part of parts) {
    out.set(part, offset)
    offset += part.length
  }
  return out
}
