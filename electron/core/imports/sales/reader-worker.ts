import { parentPort, workerData } from 'node:worker_threads'
import type { AppErrorData } from '../../../shared/errors'
import { isAppError } from '../../../shared/errors'
import { openReaderConnection } from '../../db/connection'
import { sourceFromOrigin } from '../read/byte-source'
import type { CheckedRows, ReadProgress } from './read-sales-file'
import { readSalesFile } from './read-sales-file'
import type { ReaderMessage, ReaderWorkerData, WriterMessage } from './reader-thread'
import { ROWS_AHEAD } from './reader-thread'

/**
 * The reader thread of a sales import (started by `reader-thread.ts`): decodes, parses and
 * checks the file on its own connection and posts the rows that pass, a batch at a time, while
 * the core thread writes them. It runs at most ROWS_AHEAD batches ahead of the writer, so a
 * large file never piles up in memory.
 */

const data = workerData as ReaderWorkerData
const port = parentPort
if (port === null) throw new Error('reader-worker.ts runs as a worker thread')

let credits = ROWS_AHEAD
let creditArrived: (() => void) | null = null
port.on('message', (message: WriterMessage) => {
  if (message.kind === 'written') {
    credits++
    creditArrived?.()
    creditArrived = null
  }
})

const post = (message: ReaderMessage): void => port.postMessage(message)

async function handOn(rows: CheckedRows, progress: ReadProgress): Promise<void> {
  while (credits === 0) await new Promise<void>((resolve) => (creditArrived = resolve))
  credits--
  post({ kind: 'rows', rows, ...progress })
}

async function main(): Promise<void> {
  const db = openReaderConnection(data.dbPath, { nativeBinding: data.nativeBinding })
  try {
    const { dbPath: _path, nativeBinding: _binding, sourceName, origin, ...request } = data
    const tally = await readSalesFile(
      { ...request, db, source: sourceFromOrigin(sourceName, origin) },
      handOn,
    )
    post({ kind: 'done', tally })
  } finally {
    db.close()
  }
}

function asErrorData(error: unknown): AppErrorData {
  if (isAppError(error)) return error.toData()
  return { code: 'IMPORT_FAILED', message: `Reading the file failed: ${error instanceof Error ? error.message : String(error)}` }
}

main().catch((error: unknown) => post({ kind: 'failed', error: asErrorData(error) }))
