import { isUtf8 } from 'node:buffer'
import type { ByteSource } from './byte-source'

/**
 * Which encoding a till or spreadsheet used. A BOM decides (UTF-8, UTF-16 LE/BE); without
 * one, UTF-16 shows itself by NUL bytes in every other position; otherwise the whole file must
 * be valid UTF-8, and anything that is not is read as Windows-1252 (older tills, Excel "CSV")
 * with a notice, because a wrong guess there only garbles accents and never loses a row.
 */

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252'

export interface EncodingGuess {
  encoding: TextEncodingName
  bomLength: number
  notice: string | null
}

export function encodingFromBom(head: Uint8Array): EncodingGuess | null {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3, notice: null }
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2, notice: null }
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2, notice: null }
  return null
}

export function utf16WithoutBom(head: Uint8Array): TextEncodingName | null {
  const sample = Math.min(head.length - (head.length % 2), 4096)
  if (sample < 4) return null
  let evenZeros = 0
  let oddZeros = 0
  for (let index = 0; index < sample; index += 2) {
    if (head[index] === 0) evenZeros++
    if (head[index + 1] === 0) oddZeros++
  }
  const pairs = sample / 2
  if (oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05) return 'utf-16le'
  if (evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05) return 'utf-16be'
  return null
}

export async function detectEncoding(source: ByteSource): Promise<EncodingGuess> {
  const head = await source.head(64 * 1024)
  const fromBom = encodingFromBom(head)
  if (fromBom !== null) return fromBom
  const utf16 = utf16WithoutBom(head)
  if (utf16 !== null) {
    return { encoding: utf16, bomLength: 0, notice: `The file has no byte order mark; it was read as ${utf16.toUpperCase()}.` }
  }
  if (await isValidUtf8(source)) return { encoding: 'utf-8', bomLength: 0, notice: null }
  return {
    encoding: 'windows-1252',
    bomLength: 0,
    notice: 'The file is not UTF-8; it was read as Windows-1252 (Western European). Check accented names.',
  }
}

/**
 * Whether the whole file is UTF-8, checked without decoding it: decoding a 45 MB file only to
 * throw the text away made 45 MB of strings, a quarter of a second of the preview. A character
 * cut by a chunk boundary is carried over to the next chunk; one cut by the end of the file is
 * not UTF-8.
 */
async function isValidUtf8(source: ByteSource): Promise<boolean> {
  let carried: Uint8Array = new Uint8Array(0)
  for await (const chunk of source.chunks()) {
    const bytes = carried.length === 0 ? chunk : Buffer.concat([carried, chunk])
    const whole = wholeCharactersLength(bytes)
    if (!isUtf8(bytes.subarray(0, whole))) return false
    carried = bytes.slice(whole)
  }
  return carried.length === 0
}

/** How many leading bytes end on a whole character: a sequence begun in the last 3 bytes and not finished there is left out. */
function wholeCharactersLength(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const byte = bytes[bytes.length - back] ?? 0
    // A continuation byte: its lead byte is further back.
    if ((byte & 0xc0) === 0x80) continue
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1
    return length > back ? bytes.length - back : bytes.length
  }
  // Three continuation bytes at the end: whole or not, isUtf8 judges them.
  return bytes.length
}

/** Decoded text, chunk by chunk; multi-byte characters split across chunks are kept whole. */
export async function* decodeChunks(source: ByteSource, guess: EncodingGuess): AsyncGenerator<{ text: string; bytes: number }> {
  const decoder = new TextDecoder(guess.encoding, { ignoreBOM: true })
  let skip = guess.bomLength
  for await (const chunk of source.chunks()) {
    const body = skip > 0 ? chunk.subarray(Math.min(skip, chunk.length)) : chunk
    skip = Math.max(0, skip - chunk.length)
    const text = decoder.decode(body, { stream: true })
    if (text !== '' || chunk.length > 0) yield { text, bytes: chunk.length }
  }
  const rest = decoder.decode()
  if (rest !== '') yield { text: rest, bytes: 0 }
}

/** The first part of the file as text, for sniffing delimiters and headers. */
export async function decodeHead(source: ByteSource, guess: EncodingGuess, length = 64 * 1024): Promise<string> {
  const head = await source.head(length)
  const decoder = new TextDecoder(guess.encoding, { ignoreBOM: true })
  return decoder.decode(head.subarray(guess.bomLength), { stream: true })
}
