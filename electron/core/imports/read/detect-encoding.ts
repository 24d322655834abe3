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

async function isValidUtf8(source: ByteSource): Promise<boolean> {
  const decoder = new TextDecoder('utf-8', { fatal: true })
  try {
    for await (const chunk of source.chunks()) decoder.decode(chunk, { stream: true })
    decoder.decode()
    return true
  } catch {
    return false
  }
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
