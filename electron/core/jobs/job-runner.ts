import type { JobKind, JobProgress } from '../../shared/contract'
import { AppError } from '../../shared/errors'
import type { Clock } from '../clock'

/**
 * Long work (imports, downloads) runs as a job: one at a time per kind, cancellable, reporting
 * progress at most every `intervalMs` and at every phase change. Jobs are cooperative: they
 * work in slices and yield to the event loop between them, so a sale rung up meanwhile is
 * handled between two slices instead of waiting for the whole job.
 */

export type ProgressUpdate = Omit<JobProgress, 'kind'>

export interface JobContext {
  signal: AbortSignal
  report(update: ProgressUpdate, force?: boolean): void
  /** Gives the event loop a turn; throws CANCELLED if the job was cancelled. */
  checkpoint(): Promise<void>
  /** From now on the job cannot be cancelled (it passed its commit point): cancel answers false. */
  commit(): void
}

export class JobRunner {
  private readonly running = new Map<JobKind, AbortController>()
  private readonly committed = new Set<JobKind>()

  constructor(
    private readonly emit: (progress: JobProgress) => void,
    private readonly clock: Clock,
    private readonly intervalMs = 200,
  ) {}

  isRunning(kind: JobKind): boolean {
    return this.running.has(kind)
  }

  /** True while any import or download runs (bulk writing on this connection). */
  anyRunning(): boolean {
    return this.running.size > 0
  }

  cancel(kind: JobKind): boolean {
    const controller = this.running.get(kind)
    if (controller === undefined || this.committed.has(kind)) return false
    controller.abort()
    return true
  }

  cancelAll(): void {
    for (const controller of this.running.values()) controller.abort()
  }

  async run<T>(kind: JobKind, work: (context: JobContext) => Promise<T>): Promise<T> {
    if (this.running.has(kind)) {
      throw new AppError('BUSY', 'Another import of this kind is running; wait for it or cancel it')
    }
    const controller = new AbortController()
    this.running.set(kind, controller)
    let lastSentAt = -Infinity
    let lastPhase: string | null = null
    const report = (update: ProgressUpdate, force = false): void => {
      const now = this.clock.now()
      if (!force && update.phase === lastPhase && now - lastSentAt < this.intervalMs) return
      lastSentAt = now
      lastPhase = update.phase
      this.emit({ kind, ...update })
    }
    const checkpoint = async (): Promise<void> => {
      await new Promise<void>((resolve) => setImmediate(resolve))
      if (controller.signal.aborted) throw new AppError('CANCELLED', 'The import was cancelled; nothing was changed')
    }
    try {
      return await work({ signal: controller.signal, report, checkpoint, commit: () => this.committed.add(kind) })
    } finally {
      this.running.delete(kind)
      this.committed.delete(kind)
    }
  }
}
