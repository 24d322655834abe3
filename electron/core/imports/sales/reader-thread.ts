import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import type { AppErrorData } from '../../../shared/errors'
import { AppError } from '../../../shared/errors'
import type { SourceOrigin } from '../read/byte-source'
import type { CheckedRows, ReadSalesRequest, ReadTally } from './read-sales-file'

/**
 * The core thread's side of an import's reader thread (`reader-worker.ts`): starts it, hands
 * out its messages one at a time, and tells it when a batch was written so it may read on.
 * Reading and checking a million rows takes as long as writing them; in two threads the two
 * overlap, and the core thread stays free for the till between batches.
 */

/** Batches the reader may be ahead of the writer. */
export const ROWS_AHEAD = 4

/** What the reader thread needs: the read request, with a path and bytes instead of live objects. */
export type ReaderWorkerData = Omit<ReadSalesRequest, 'db' | 'source'> & {
  dbPath: string
  nativeBinding: string | undefined
  sourceName: string
  origin: SourceOrigin
}

export type ReaderMessage =
  | { kind: 'rows'; rows: CheckedRows; rowsRead: number; bytesRead: number }
  | { kind: 'done'; tally: ReadTally }
  | { kind: 'failed'; error: AppErrorData }

export type WriterMessage = { kind: 'written' }

// A small young generation: the reader makes short-lived strings by the million, and with V8's
// default the two threads' heaps took the import past 300 MB; at 8 MB it is also faster (the
// nursery stays in the CPU's cache). Measured on the 1M-row bench: 387 -> 290 MB, 12.6 -> 10.7 s.
const READER_LIMITS = { maxYoungGenerationSizeMb: 8 }

/**
 * The bundled worker next to the bundled core (the app's out/main, where this code may sit in
 * out/main/chunks; the benchmark's single file), else the TypeScript source.
 */
function startWorker(data: ReaderWorkerData): Worker {
  const bundled = [path.join(__dirname, 'import-reader.js'), path.join(__dirname, '..', 'import-reader.js')].find((file) => existsSync(file))
  if (bundled !== undefined) return new Worker(bundled, { workerData: data, resourceLimits: READER_LIMITS })
  // Running from source (CLI and test host under tsx, tests under vitest): load it through tsx,
  // found from here rather than from the working directory.
  const source = path.join(__dirname, 'reader-worker.ts')
  const tsx = createRequire(source).resolve('tsx/cjs')
  return new Worker(`require(${JSON.stringify(tsx)}); require(${JSON.stringify(source)})`, { eval: true, workerData: data, resourceLimits: READER_LIMITS })
}

export class SalesReaderThread {
  private readonly worker: Worker
  private readonly queue: ReaderMessage[] = []
  private waiting: ((message: ReaderMessage) => void) | null = null
  private finished = false

  constructor(data: ReaderWorkerData) {
    this.worker = startWorker(data)
    this.worker.on('message', (message: ReaderMessage) => this.push(message))
    this.worker.on('error', (error: Error) => this.push({ kind: 'failed', error: { code: 'IMPORT_FAILED', message: `Reading the file failed: ${error.message}` } }))
    this.worker.on('exit', (code) => {
      if (!this.finished) this.push({ kind: 'failed', error: { code: 'IMPORT_FAILED', message: `The file reader stopped unexpectedly (exit code ${code})` } })
    })
  }

  private push(message: ReaderMessage): void {
    if (this.finished) return
    if (message.kind !== 'rows') this.finished = true
    const waiting = this.waiting
    if (waiting !== null) {
      this.waiting = null
      waiting(message)
    } else {
      this.queue.push(message)
    }
  }

  /** The next message: rows, the end with the tally, or a failure (thrown as its AppError). */
  async next(): Promise<Exclude<ReaderMessage, { kind: 'failed' }>> {
    const message = this.queue.shift() ?? (await new Promise<ReaderMessage>((resolve) => (this.waiting = resolve)))
    if (message.kind === 'failed') throw new AppError(message.error.code, message.error.message, message.error.details)
    return message
  }

  /** A batch was written: the reader may run one more ahead. */
  written(): void {
    this.worker.postMessage({ kind: 'written' } satisfies WriterMessage)
  }

  async stop(): Promise<void> {
    this.finished = true
    await this.worker.terminate()
  }
}
