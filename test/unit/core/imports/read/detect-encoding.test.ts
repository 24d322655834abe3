import { describe, it, expect } from 'vitest'
import { memorySource } from '../../../../../electron/core/imports/read/byte-source'
import type { EncodingGuess } from '../../../../../electron/core/imports/read/detect-encoding'
import {
  decodeChunks,
  decodeHead,
  detectEncoding,
  encodingFromBom,
  utf16WithoutBom,
} from '../../../../../electron/core/imports/read/detect-encoding'

const TEXT = 'code;name\r\nCAFÉ10;Zoë Müller\r\nEURO;5 €\r\n'
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf])

function utf16le(text: string): Buffer {
  return Buffer.from(text, 'utf16le')
}

function utf16be(text: string): Buffer {
  return Buffer.from(text, 'utf16le').swap16()
}

async function decodeAll(bytes: Uint8Array, guess: EncodingGuess, chunkSize: number): Promise<string> {
  let text = ''
  for await (const chunk of decodeChunks(memorySource('f.csv', bytes, chunkSize), guess)) text += chunk.text
  return text
}

describe('detectEncoding', () => {
  it('reads a UTF-8 byte order mark', async () => {
    const bytes = Buffer.concat([UTF8_BOM, Buffer.from(TEXT, 'utf8')])
    expect(await detectEncoding(memorySource('f.csv', bytes))).toEqual({ encoding: 'utf-8', bomLength: 3, notice: null })
  })

  it('reads a UTF-16LE byte order mark', async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le(TEXT)])
    expect(await detectEncoding(memorySource('f.csv', bytes))).toEqual({ encoding: 'utf-16le', bomLength: 2, notice: null })
  })

  it('reads a UTF-16BE byte order mark', async () => {
    const bytes = Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(TEXT)])
    expect(await detectEncoding(memorySource('f.csv', bytes))).toEqual({ encoding: 'utf-16be', bomLength: 2, notice: null })
  })

  it('recognises UTF-16LE without a byte order mark and says so', async () => {
    expect(await detectEncoding(memorySource('f.csv', utf16le(TEXT)))).toEqual({
      encoding: 'utf-16le',
      bomLength: 0,
      notice: 'The file has no byte order mark; it was read as UTF-16LE.',
    })
  })

  it('recognises UTF-16BE without a byte order mark and says so', async () => {
    expect(await detectEncoding(memorySource('f.csv', utf16be(TEXT)))).toEqual({
      encoding: 'utf-16be',
      bomLength: 0,
      notice: 'The file has no byte order mark; it was read as UTF-16BE.',
    })
  })

  it('reads valid UTF-8 without a byte order mark silently', async () => {
    expect(await detectEncoding(memorySource('f.csv', Buffer.from(TEXT, 'utf8'), 3))).toEqual({
      encoding: 'utf-8',
      bomLength: 0,
      notice: null,
    })
  })

  it('falls back to Windows-1252 with a notice when the bytes are not UTF-8', async () => {
    const bytes = Buffer.from('code;name\r\nMUELLER;Müller\r\n', 'latin1')
    expect(await detectEncoding(memorySource('f.csv', bytes))).toEqual({
      encoding: 'windows-1252',
      bomLength: 0,
      notice: 'The file is not UTF-8; it was read as Windows-1252 (Western European). Check accented names.',
    })
  })

  it('checks the whole file for UTF-8, not only the head', async () => {
    const bytes = Buffer.concat([Buffer.alloc(100 * 1024, 'a'), Buffer.from('Müller', 'latin1')])
    expect((await detectEncoding(memorySource('f.csv', bytes, 4096))).encoding).toBe('windows-1252')
  })

  it('accepts a UTF-8 character split across two chunks', async () => {
    expect((await detectEncoding(memorySource('f.csv', Buffer.from('é€😀', 'utf8'), 1))).encoding).toBe('utf-8')
  })

  it('refuses UTF-8 cut off in the middle of a character at the end of the file', async () => {
    const bytes = Buffer.from('abc€', 'utf8').subarray(0, 5)
    expect((await detectEncoding(memorySource('f.csv', bytes))).encoding).toBe('windows-1252')
  })

  it('agrees with a strict decoder of the whole file on mixed and damaged bytes at every small chunk size', async () => {
    const pieces = ['a', 'é', '€', '😀', 'ß;', '\r\n'].map((text) => Buffer.from(text, 'utf8'))
    const damage = [0x80, 0xc3, 0xe2, 0xf0, 0xff, 0xbf]
    let seed = 7
    const next = (limit: number): number => (seed = (seed * 1103515245 + 12345) % 2147483648) % limit
    for (let round = 0; round < 300; round++) {
      const parts: Buffer[] = []
      for (let index = 0; index < 12; index++) parts.push(pieces[next(pieces.length)] ?? Buffer.alloc(0))
      const bytes = Buffer.concat(parts)
      // Every other file gets one byte damaged, inserted or cut off.
      const damaged = round % 2 === 0 ? bytes : Buffer.concat([bytes.subarray(0, next(bytes.length)), Buffer.from([damage[next(damage.length)] ?? 0x80]), bytes.subarray(next(bytes.length))])
      let strict = true
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(damaged)
      } catch {
        strict = false
      }
      const size = 1 + next(7)
      expect((await detectEncoding(memorySource('f.csv', damaged, size))).encoding, `${damaged.toString('hex')} in chunks of ${size}`).toBe(strict ? 'utf-8' : 'windows-1252')
    }
  })

  it('reads an empty file as UTF-8', async () => {
    expect(await detectEncoding(memorySource('f.csv', new Uint8Array(0)))).toEqual({
      encoding: 'utf-8',
      bomLength: 0,
      notice: null,
    })
  })
})

describe('encodingFromBom', () => {
  it('returns null without a byte order mark, or with only part of one', () => {
    expect(encodingFromBom(Buffer.from('abc'))).toBeNull()
    expect(encodingFromBom(Buffer.from([0xef, 0xbb]))).toBeNull()
    expect(encodingFromBom(new Uint8Array(0))).toBeNull()
  })
})

describe('utf16WithoutBom', () => {
  it('needs at least four bytes', () => {
    expect(utf16WithoutBom(Buffer.from([0x41, 0x00]))).toBeNull()
    expect(utf16WithoutBom(Buffer.from([0x41, 0x00, 0x42, 0x00]))).toBe('utf-16le')
  })

  it('does not mistake plain ASCII or UTF-8 for UTF-16', () => {
    expect(utf16WithoutBom(Buffer.from(TEXT, 'utf8'))).toBeNull()
  })
})

describe('decodeChunks', () => {
  it.each([1, 2, 3, 5, 64])('decodes UTF-8 with a BOM in chunks of %i bytes, dropping the BOM', async (size) => {
    const bytes = Buffer.concat([UTF8_BOM, Buffer.from(TEXT, 'utf8')])
    expect(await decodeAll(bytes, { encoding: 'utf-8', bomLength: 3, notice: null }, size)).toBe(TEXT)
  })

  it.each([1, 2, 3, 7])('decodes UTF-16BE with a BOM in chunks of %i bytes', async (size) => {
    const bytes = Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(`${TEXT}😀`)])
    expect(await decodeAll(bytes, { encoding: 'utf-16be', bomLength: 2, notice: null }, size)).toBe(`${TEXT}😀`)
  })

  it('decodes Windows-1252 accents and the euro sign (0x80), which Latin-1 lacks', async () => {
    const bytes = Buffer.concat([Buffer.from('Müller;Zoë;', 'latin1'), Buffer.from([0x80])])
    expect(await decodeAll(bytes, { encoding: 'windows-1252', bomLength: 0, notice: null }, 2)).toBe('Müller;Zoë;€')
  })

  it('reports the bytes of every chunk so progress adds up to the file size', async () => {
    const bytes = Buffer.from(TEXT, 'utf8')
    let total = 0
    for await (const chunk of decodeChunks(memorySource('f.csv', bytes, 4), { encoding: 'utf-8', bomLength: 0, notice: null })) {
      total += chunk.bytes
    }
    expect(total).toBe(bytes.length)
  })
})

describe('decodeHead', () => {
  it('decodes the head without the BOM', async () => {
    const bytes = Buffer.concat([UTF8_BOM, Buffer.from(TEXT, 'utf8')])
    expect(await decodeHead(memorySource('f.csv', bytes), { encoding: 'utf-8', bomLength: 3, notice: null })).toBe(TEXT)
  })

  it('drops a character cut in half at the end of the head instead of garbling it', async () => {
    const bytes = Buffer.from('ab€', 'utf8')
    expect(await decodeHead(memorySource('f.csv', bytes), { encoding: 'utf-8', bomLength: 0, notice: null }, 4)).toBe('ab')
  })

  it('decodes UTF-16LE text from the head', async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le(TEXT)])
    expect(await decodeHead(memorySource('f.csv', bytes), { encoding: 'utf-16le', bomLength: 2, notice: null })).toBe(TEXT)
  })
})
