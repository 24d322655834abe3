import { describe, it, expect } from 'vitest'
import type { ByteSource } from '../../../../../electron/core/imports/read/byte-source'
import { memorySource } from '../../../../../electron/core/imports/read/byte-source'
import type { CsvBatch, CsvRecord } from '../../../../../electron/core/imports/read/csv-records'
import { isBlankRecord, readCsvBatches } from '../../../../../electron/core/imports/read/csv-records'
import type { EncodingGuess } from '../../../../../electron/core/imports/read/detect-encoding'
import { detectEncoding } from '../../../../../electron/core/imports/read/detect-encoding'
import type { TextLayout } from '../../../../../electron/core/imports/read/sniff-layout'

const CRLF_LAYOUT: TextLayout = { delimiter: ',', newline: '\r\n', columns: 3 }

// Physical lines: 1 header, 2 record, 3 blank, 4-5 quoted newline, 6 record, 7-9 quoted blank
// line, 10 blank, 11 empty fields, 12 last record.
const MESSY_TEXT = [
  'code,name,amount',
  'CAFÉ10,"Zoë ""Z"" Müller",12.50',
  '',
  '€URO,"line one\r\nline two",3€',
  '🎉PARTY,"a,b",1',
  '"multi\r\n\r\nblank inside",x,y',
  '',
  ',,',
  'LAST,Ω,9',
  '',
].join('\r\n')

const MESSY_RECORDS: CsvRecord[] = [
  { line: 1, fields: ['code', 'name', 'amount'] },
  { line: 2, fields: ['CAFÉ10', 'Zoë "Z" Müller', '12.50'] },
  { line: 3, fields: [''] },
  { line: 4, fields: ['€URO', 'line one\r\nline two', '3€'] },
  { line: 6, fields: ['🎉PARTY', 'a,b', '1'] },
  { line: 7, fields: ['multi\r\n\r\nblank inside', 'x', 'y'] },
  { line: 10, fields: [''] },
  { line: 11, fields: ['', '', ''] },
  { line: 12, fields: ['LAST', 'Ω', '9'] },
]

async function collect(
  source: ByteSource,
  encoding: EncodingGuess,
  layout: TextLayout,
  options: { batchSize?: number; signal?: AbortSignal } = {},
): Promise<CsvBatch[]> {
  const batches: CsvBatch[] = []
  for await (const batch of readCsvBatches(source, encoding, layout, options)) batches.push(batch)
  return batches
}

async function readAll(bytes: Uint8Array, chunkSize: number, layout: TextLayout = CRLF_LAYOUT): Promise<CsvRecord[]> {
  const source = memorySource('sales.csv', bytes, chunkSize)
  const encoding = await detectEncoding(source)
  const batches = await collect(source, encoding, layout, { batchSize: 4 })
  return batches.flatMap((batch) => batch.records)
}

const CHUNK_SIZES = Array.from({ length: 40 }, (_unused, index) => index + 1)

describe('readCsvBatches', () => {
  describe('gives the same records and line numbers for every chunk size', () => {
    it.each(CHUNK_SIZES)('UTF-8 with a BOM in chunks of %i bytes', async (size) => {
      const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(MESSY_TEXT, 'utf8')])
      expect(await readAll(bytes, size)).toEqual(MESSY_RECORDS)
    })

    it.each(CHUNK_SIZES)('UTF-8 without a BOM in chunks of %i bytes', async (size) => {
      expect(await readAll(Buffer.from(MESSY_TEXT, 'utf8'), size)).toEqual(MESSY_RECORDS)
    })

    it.each(CHUNK_SIZES)('UTF-16LE with a BOM in chunks of %i bytes', async (size) => {
      const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(MESSY_TEXT, 'utf16le')])
      expect(await readAll(bytes, size)).toEqual(MESSY_RECORDS)
    })
  })

  it.each([1, 2, 3, 7, 40])('reads Windows-1252 names right in chunks of %i bytes', async (size) => {
    const bytes = Buffer.from('code;name\r\nMUELLER;Müller\r\nZOE;Zoë\r\n', 'latin1')
    const layout: TextLayout = { delimiter: ';', newline: '\r\n', columns: 2 }
    expect(await readAll(bytes, size, layout)).toEqual([
      { line: 1, fields: ['code', 'name'] },
      { line: 2, fields: ['MUELLER', 'Müller'] },
      { line: 3, fields: ['ZOE', 'Zoë'] },
    ])
  })

  it.each([1, 2, 5, 40])('counts a bare LF inside a quoted field of a CRLF file as a line (chunks of %i)', async (size) => {
    const bytes = Buffer.from('a,"one\ntwo\nthree"\r\nb,c\r\n', 'utf8')
    expect(await readAll(bytes, size)).toEqual([
      { line: 1, fields: ['a', 'one\ntwo\nthree'] },
      { line: 4, fields: ['b', 'c'] },
    ])
  })

  it.each([1, 3, 40])('reads LF files with quoted newlines (chunks of %i)', async (size) => {
    const layout: TextLayout = { delimiter: ';', newline: '\n', columns: 2 }
    const bytes = Buffer.from('x;"1\n2"\n\ny;z\n', 'utf8')
    expect(await readAll(bytes, size, layout)).toEqual([
      { line: 1, fields: ['x', '1\n2'] },
      { line: 3, fields: [''] },
      { line: 4, fields: ['y', 'z'] },
    ])
  })

  it('reads a last line without a line break', async () => {
    expect(await readAll(Buffer.from('a,b\r\nc,d', 'utf8'), 3)).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['c', 'd'] },
    ])
  })

  it('reads a chunk larger than a parse piece (64 KB) the same as small chunks, across the piece boundaries', async () => {
    const rows = ['code,name,amount']
    for (let index = 0; index < 12_000; index++) rows.push(index % 7 === 0 ? `C${index},"Zoë\r\nMüller ${index}",1.${index % 100}` : `C${index},€ ${index},2`)
    const bytes = Buffer.from(rows.join('\r\n'), 'utf8')
    expect(bytes.length).toBeGreaterThan(3 * 64 * 1024)
    const whole = await readAll(bytes, 4 * 1024 * 1024)
    expect(whole).toHaveLength(12_001)
    expect(whole).toEqual(await readAll(bytes, 4093))
    expect(whole.at(-1)).toEqual({ line: 12_001 + Math.ceil(12_000 / 7), fields: ['C11999', '€ 11999', '2'] })
  })

  it('stops at a quote that never closes, naming the line it opened on', async () => {
    const bytes = Buffer.from(`code,name,amount\r\nA1,ok,1\r\nA2,"never closed,1\r\n${'A3,x,1\r\n'.repeat(200_000)}`, 'utf8')
    const failure: unknown = await readAll(bytes, 1024 * 1024).then(() => null, (error: unknown) => error)
    expect(failure).toMatchObject({ code: 'IMPORT_FAILED', details: { line: 3 } })
    expect(String(failure)).toContain('Line 3: a quoted field opened on this line is not closed within 1 MB')
  })

  it('yields nothing for an empty file', async () => {
    const source = memorySource('empty.csv', new Uint8Array(0))
    expect(await collect(source, await detectEncoding(source), CRLF_LAYOUT)).toEqual([])
  })

  describe('batching', () => {
    it('yields full batches of batchSize records, then the rest', async () => {
      const bytes = Buffer.from(MESSY_TEXT, 'utf8')
      const source = memorySource('sales.csv', bytes, 8)
      const batches = await collect(source, await detectEncoding(source), CRLF_LAYOUT, { batchSize: 4 })
      expect(batches.map((batch) => batch.records.length)).toEqual([4, 4, 1])
      expect(batches.flatMap((batch) => batch.records)).toEqual(MESSY_RECORDS)
    })

    it('reports bytes read that never go down and end at the file size', async () => {
      const bytes = Buffer.from(MESSY_TEXT, 'utf8')
      const source = memorySource('sales.csv', bytes, 5)
      const batches = await collect(source, await detectEncoding(source), CRLF_LAYOUT, { batchSize: 2 })
      const read = batches.map((batch) => batch.bytesRead)
      expect(read).toEqual([...read].sort((a, b) => a - b))
      expect(read.at(-1)).toBe(bytes.length)
    })

    it('yields one batch per record with batchSize 1', async () => {
      const source = memorySource('sales.csv', Buffer.from('a\r\nb\r\nc\r\n', 'utf8'), 2)
      const batches = await collect(source, await detectEncoding(source), CRLF_LAYOUT, { batchSize: 1 })
      expect(batches.map((batch) => batch.records)).toEqual([
        [{ line: 1, fields: ['a'] }],
        [{ line: 2, fields: ['b'] }],
        [{ line: 3, fields: ['c'] }],
      ])
    })

    it('uses batches of 2000 records by default', async () => {
      const text = Array.from({ length: 2500 }, (_unused, index) => `CODE${index},${index}`).join('\r\n')
      const source = memorySource('big.csv', Buffer.from(text, 'utf8'), 1000)
      const batches = await collect(source, await detectEncoding(source), CRLF_LAYOUT)
      expect(batches.map((batch) => batch.records.length)).toEqual([2000, 500])
      expect(batches[1]?.records.at(-1)).toEqual({ line: 2500, fields: ['CODE2499', '2499'] })
    })
  })

  describe('stopping', () => {
    it('yields nothing when the signal is already aborted', async () => {
      const controller = new AbortController()
      controller.abort()
      const source = memorySource('sales.csv', Buffer.from(MESSY_TEXT, 'utf8'), 4)
      expect(await collect(source, await detectEncoding(source), CRLF_LAYOUT, { signal: controller.signal })).toEqual([])
    })

    it('stops after an abort and drops the unfinished batch', async () => {
      const controller = new AbortController()
      const source = memorySource('sales.csv', Buffer.from(MESSY_TEXT, 'utf8'), 4)
      const encoding = await detectEncoding(source)
      const seen: CsvBatch[] = []
      for await (const batch of readCsvBatches(source, encoding, CRLF_LAYOUT, { batchSize: 2, signal: controller.signal })) {
        seen.push(batch)
        controller.abort()
      }
      expect(seen.map((batch) => batch.records)).toEqual([MESSY_RECORDS.slice(0, 2)])
    })

    it('cleans up when the consumer stops early', async () => {
      const source = memorySource('sales.csv', Buffer.from(MESSY_TEXT, 'utf8'), 3)
      const encoding = await detectEncoding(source)
      let first: CsvRecord[] = []
      for await (const batch of readCsvBatches(source, encoding, CRLF_LAYOUT, { batchSize: 3 })) {
        first = batch.records
        break
      }
      expect(first).toEqual(MESSY_RECORDS.slice(0, 3))
    })

    it('passes on an error from the byte source', async () => {
      const failing: ByteSource = {
        name: 'broken.csv',
        size: 100,
        origin: { kind: 'memory', bytes: new Uint8Array(0) },
        chunks: function* () {
          yield Buffer.from('a,b\r\nc,d\r\n', 'utf8')
          throw new Error('disk gone')
        },
        head: () => Promise.resolve(new Uint8Array(0)),
      }
      const encoding: EncodingGuess = { encoding: 'utf-8', bomLength: 0, notice: null }
      await expect(collect(failing, encoding, CRLF_LAYOUT)).rejects.toThrow('disk gone')
    })
  })
})

describe('isBlankRecord', () => {
  it.each([
    [[''], true],
    [['', '', ''], true],
    [['  ', '\t'], true],
    [['', 'x'], false],
    [['CODE'], false],
  ])('says %j is blank: %s', (fields, expected) => {
    expect(isBlankRecord({ line: 1, fields })).toBe(expected)
  })
})
