import Papa from 'papaparse'
import { AppError } from '../../../shared/errors'
import type { ByteSource } from './byte-source'
import type { EncodingGuess } from './detect-encoding'
import { decodeChunks } from './detect-encoding'
import type { TextLayout } from './sniff-layout'

/**
 * Streams a CSV file as batches of records, each with the physical line it starts on (what a
 * text editor shows). A record spans one line plus one per line break inside its quoted
 * fields, so line numbers stay right with quoted newlines and blank lines. Memory stays flat:
 * one decoded chunk and its rows are held at a time.
 */

export interface CsvRecord {
  line: number
  fields: string[]
}

export interface CsvBatch {
  records: CsvRecord[]
  /** Bytes of the source consumed so far, for progress. */
  bytesRead: number
}

const LINE_BREAK = /\r\n|\r|\n/g
// Text parsed per call: ~1,500 rows, so what a call makes dies young (a 1 MB chunk's rows at once
// outgrew the reader thread's small young generation and were promoted).
const PARSE_PIECE = 64 * 1024
// No till export or coupon list has a row this long: it is a quote that never closes, which
// would otherwise swallow the rest of the file (and be parsed again with every piece).
export const MAX_ROW_CHARS = 1024 * 1024

interface ParsedText {
  data: string[][]
  meta: { cursor: number }
}

/**
 * papaparse's own parser, driven by hand: each decoded chunk (with the unfinished row left from
 * the one before) is parsed in one call that stops before the last, possibly cut, row. Its
 * stream interface hands rows over one by one through an async iterator, which cost three times
 * the parsing itself on a million-row file.
 */
export async function* readCsvBatches(
  source: ByteSource,
  encoding: EncodingGuess,
  layout: TextLayout,
  options: { batchSize?: number; signal?: AbortSignal } = {},
): AsyncGenerator<CsvBatch> {
  const batchSize = options.batchSize ?? 2000
  const parser = new Papa.Parser({ delimiter: layout.delimiter, newline: layout.newline, skipEmptyLines: false })
  let line = 1
  let records: CsvRecord[] = []
  let bytesRead = 0
  let pending = ''
  const take = (rows: string[][]): void => {
    for (const row of rows) {
      records.push({ line, fields: row })
      line += 1
      for (const field of row) {
        if (field.length > 0 && (field.includes('\n') || field.includes('\r'))) {
          line += field.match(LINE_BREAK)?.length ?? 0
        }
      }
    }
  }
  for await (const chunk of decodeChunks(source, encoding)) {
    if (options.signal?.aborted) return
    bytesRead += chunk.bytes
    for (let from = 0; from < chunk.text.length; from += PARSE_PIECE) {
      const text = pending + chunk.text.slice(from, from + PARSE_PIECE)
      const parsed = parser.parse(text, 0, true) as ParsedText
      pending = text.slice(parsed.meta.cursor)
      take(parsed.data)
      if (pending.length > MAX_ROW_CHARS) {
        throw new AppError('IMPORT_FAILED', `Line ${line}: a quoted field opened on this line is not closed within 1 MB of text; check the quotes there (a quote inside a quoted field is written "")`, { line })
      }
      let start = 0
      for (; records.length - start >= batchSize; start += batchSize) {
        yield { records: records.slice(start, start + batchSize), bytesRead }
      }
      if (start > 0) records = records.slice(start)
    }
  }
  if (options.signal?.aborted) return
  // The last row, ended by the end of the file rather than a line break.
  if (pending !== '') take((parser.parse(pending, 0, false) as ParsedText).data)
  for (let start = 0; start < records.length; start += batchSize) {
    yield { records: records.slice(start, start + batchSize), bytesRead }
  }
}

/** True for a record that is only a blank line (or only empty fields). */
export function isBlankRecord(record: CsvRecord): boolean {
  return record.fields.every((field) => field.trim() === '')
}
