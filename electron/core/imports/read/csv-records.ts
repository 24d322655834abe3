import Papa from 'papaparse'
import type { ByteSource } from './byte-source'
import type { EncodingGuess } from './detect-encoding'
import { decodeChunks } from './detect-encoding'
import type { TextLayout } from './sniff-layout'

/**
 * Streams a CSV file as batches of records, each with the physical line it starts on (what a
 * text editor shows). A record spans one line plus one per line break inside its quoted
 * fields, so line numbers stay right with quoted newlines and blank lines. Memory stays flat:
 * papaparse runs as a stream and only one batch is held at a time.
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
// papaparse's stream pauses whenever 16 rows wait to be read, and each pause copies and
// re-parses the rest of the text last written to it: fed 256 kB at a time that is quadratic
// (minutes for 200k rows), fed in small slices it costs next to nothing.
const PARSER_SLICE = 4096

export async function* readCsvBatches(
  source: ByteSource,
  encoding: EncodingGuess,
  layout: TextLayout,
  options: { batchSize?: number; signal?: AbortSignal } = {},
): AsyncGenerator<CsvBatch> {
  const batchSize = options.batchSize ?? 2000
  const parser = Papa.parse(Papa.NODE_STREAM_INPUT, {
    delimiter: layout.delimiter,
    newline: layout.newline,
    skipEmptyLines: false,
  })
  let bytesRead = 0
  const feed: { error: Error | null } = { error: null }
  const feeding = (async () => {
    try {
      for await (const chunk of decodeChunks(source, encoding)) {
        if (options.signal?.aborted) break
        bytesRead += chunk.bytes
        for (let offset = 0; offset < chunk.text.length; offset += PARSER_SLICE) {
          if (parser.destroyed) break
          if (!parser.write(chunk.text.slice(offset, offset + PARSER_SLICE))) await drained(parser)
        }
        if (parser.destroyed) break
      }
    } catch (error) {
      feed.error = error instanceof Error ? error : new Error(String(error))
    } finally {
      if (!parser.destroyed) parser.end()
    }
  })()

  let line = 1
  let records: CsvRecord[] = []
  try {
    for await (const row of parser as AsyncIterable<string[]>) {
      records.push({ line, fields: row })
      line += 1
      for (const field of row) {
        if (field.length > 0 && (field.includes('\n') || field.includes('\r'))) {
          line += field.match(LINE_BREAK)?.length ?? 0
        }
      }
      if (records.length >= batchSize) {
        yield { records, bytesRead }
        records = []
      }
      if (options.signal?.aborted) break
    }
  } finally {
    // Reached on the end of the file, an abort, or a consumer that stopped early.
    if (!parser.destroyed) parser.destroy()
    await feeding
  }
  if (feed.error !== null) throw feed.error
  if (records.length > 0 && options.signal?.aborted !== true) yield { records, bytesRead }
}

/** Resolves when the parser takes more text, or is gone; leaves no listener behind. */
function drained(parser: NodeJS.ReadWriteStream & { destroyed: boolean }): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = (): void => {
      parser.off('drain', done)
      parser.off('close', done)
      resolve()
    }
    parser.once('drain', done)
    parser.once('close', done)
  })
}

/** True for a record that is only a blank line (or only empty fields). */
export function isBlankRecord(record: CsvRecord): boolean {
  return record.fields.every((field) => field.trim() === '')
}
