import { describe, it, expect } from 'vitest'
import { fixedClock } from '../../../../electron/core/clock'
import type { JobContext, ProgressUpdate } from '../../../../electron/core/jobs/job-runner'
import { JobRunner } from '../../../../electron/core/jobs/job-runner'
import type { JobProgress } from '../../../../electron/shared/contract'
import { AppError } from '../../../../electron/shared/errors'

function setup(intervalMs = 200) {
  const events: JobProgress[] = []
  const clock = fixedClock(10_000)
  const runner = new JobRunner((progress) => events.push(progress), clock, intervalMs)
  return { events, clock, runner }
}

function update(phase: ProgressUpdate['phase'], processed: number): ProgressUpdate {
  return { phase, processed, bytesRead: processed * 10, bytesTotal: 1000 }
}

/** A job that waits until released, so a test can act while it runs. */
function heldJob(): { work: (context: JobContext) => Promise<string>; release: () => void; context: () => JobContext } {
  let release: () => void = () => undefined
  let captured: JobContext | null = null
  const released = new Promise<void>((resolve) => {
    release = resolve
  })
  return {
    work: async (context) => {
      captured = context
      await released
      return 'done'
    },
    release: () => release(),
    context: () => {
      if (captured === null) throw new Error('the job has not started')
      return captured
    },
  }
}

describe('JobRunner', () => {
  it('returns what the work returns and forgets the job afterwards', async () => {
    const { runner } = setup()
    await expect(runner.run('catalog-import', () => Promise.resolve(42))).resolves.toBe(42)
    expect(runner.isRunning('catalog-import')).toBe(false)
  })

  it('runs one job per kind: a second run while the first runs is refused as BUSY', async () => {
    const { runner } = setup()
    const job = heldJob()
    const first = runner.run('catalog-import', job.work)
    expect(runner.isRunning('catalog-import')).toBe(true)

    const second = runner.run('catalog-import', () => Promise.resolve('second'))
    await expect(second).rejects.toBeInstanceOf(AppError)
    await expect(second).rejects.toMatchObject({ code: 'BUSY' })

    job.release()
    await expect(first).resolves.toBe('done')
    expect(runner.isRunning('catalog-import')).toBe(false)
    await expect(runner.run('catalog-import', () => Promise.resolve('third'))).resolves.toBe('third')
  })

  it('frees the kind when the work fails', async () => {
    const { runner } = setup()
    await expect(runner.run('catalog-import', () => Promise.reject(new Error('bad file')))).rejects.toThrow('bad file')
    expect(runner.isRunning('catalog-import')).toBe(false)
  })

  describe('cancelling', () => {
    it('makes the next checkpoint throw CANCELLED and aborts the signal', async () => {
      const { runner } = setup()
      let slices = 0
      let jobSignal: AbortSignal | null = null
      const running = runner.run('catalog-import', async (job) => {
        jobSignal = job.signal
        for (;;) {
          await job.checkpoint()
          slices += 1
        }
      })
      await new Promise<void>((resolve) => setImmediate(resolve))
      expect(runner.cancel('catalog-import')).toBe(true)

      const error = await running.then(
        () => null,
        (reason: unknown) => reason,
      )
      expect(error).toBeInstanceOf(AppError)
      expect((error as AppError).toData()).toEqual({
        code: 'CANCELLED',
        message: 'The import was cancelled; nothing was changed',
      })
      expect(slices).toBeGreaterThan(0)
      expect((jobSignal as AbortSignal | null)?.aborted).toBe(true)
      expect(runner.isRunning('catalog-import')).toBe(false)
    })

    it('lets checkpoint pass while the job is not cancelled', async () => {
      const { runner } = setup()
      const result = await runner.run('catalog-import', async (job) => {
        await job.checkpoint()
        await job.checkpoint()
        return 'finished'
      })
      expect(result).toBe('finished')
    })

    it('answers false when there is nothing to cancel', () => {
      const { runner } = setup()
      expect(runner.cancel('catalog-import')).toBe(false)
    })

    it('cancels every running job with cancelAll', async () => {
      const { runner } = setup()
      const job = heldJob()
      const running = runner.run('catalog-import', job.work)
      runner.cancelAll()
      expect(job.context().signal.aborted).toBe(true)
      job.release()
      await expect(running).resolves.toBe('done')
    })
  })

  describe('progress', () => {
    it('sends the first report, then at most one per interval within a phase', async () => {
      const { runner, clock, events } = setup(200)
      await runner.run('catalog-import', (job) => {
        job.report(update('reading', 1))
        clock.advance(100)
        job.report(update('reading', 2))
        clock.advance(99)
        job.report(update('reading', 3))
        clock.advance(1)
        job.report(update('reading', 4))
        clock.advance(150)
        job.report(update('reading', 5))
        clock.advance(50)
        job.report(update('reading', 6))
        return Promise.resolve()
      })
      expect(events).toEqual([
        { kind: 'catalog-import', ...update('reading', 1) },
        { kind: 'catalog-import', ...update('reading', 4) },
        { kind: 'catalog-import', ...update('reading', 6) },
      ])
    })

    it('always sends a phase change, even inside the interval', async () => {
      const { runner, clock, events } = setup(200)
      await runner.run('catalog-import', (job) => {
        job.report(update('reading', 10))
        clock.advance(1)
        job.report(update('merging', 10))
        job.report(update('merging', 11))
        job.report(update('saving', 11))
        job.report(update('done', 11))
        return Promise.resolve()
      })
      expect(events.map((event) => [event.phase, event.processed])).toEqual([
        ['reading', 10],
        ['merging', 10],
        ['saving', 11],
        ['done', 11],
      ])
    })

    it('always sends a forced report, and restarts the interval from it', async () => {
      const { runner, clock, events } = setup(200)
      await runner.run('catalog-import', (job) => {
        job.report(update('reading', 1))
        clock.advance(10)
        job.report(update('reading', 2), true)
        job.report(update('reading', 3), true)
        clock.advance(190)
        job.report(update('reading', 4))
        clock.advance(10)
        job.report(update('reading', 5))
        return Promise.resolve()
      })
      expect(events.map((event) => event.processed)).toEqual([1, 2, 3, 5])
    })

    it('starts each run with a fresh throttle', async () => {
      const { runner, events } = setup(200)
      await runner.run('catalog-import', (job) => {
        job.report(update('reading', 1))
        return Promise.resolve()
      })
      await runner.run('catalog-import', (job) => {
        job.report(update('reading', 2))
        return Promise.resolve()
      })
      expect(events.map((event) => event.processed)).toEqual([1, 2])
    })
  })
})
