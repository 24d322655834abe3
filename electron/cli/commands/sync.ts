import { PLATFORM_LABELS } from '../../shared/platform-config'
import type { DrainReport, SyncStatus } from '../../shared/sync-contract'
import { AppError } from '../../shared/errors'
import type { CliCommand } from '../cli-context'
import { CliFailure } from '../cli-context'

/**
 * `sync --once`: sends what is due now and stops, printing each outcome; `sync`: keeps sending
 * (like the app does) until Ctrl+C, then lets requests in flight finish. Exit code 1 when a sale
 * was refused, needs the manager, or the platform settings are wrong.
 */
export const syncCommand: CliCommand = {
  name: 'sync',
  usage: 'sync [--once]',
  summary: 'send waiting sales to the platform (--once: what is due now, then stop; --json: counts per outcome)',
  options: { once: { type: 'boolean' } },
  async run(context) {
    const engine = context.core.context.sync
    const status = engine.status()
    if (status.state === 'not_configured' || status.pausedBy === 'config') {
      throw new CliFailure({ code: 'PLATFORM_NOT_CONFIGURED', message: status.problem ?? 'Configure the platform first (config set platform ...)' })
    }
    if (!context.json) context.err(`Sending to ${status.platform === null ? '?' : PLATFORM_LABELS[status.platform]}: ${status.waiting} sale(s) waiting`)
    const stopPrinting = engine.subscribeResults((event) => {
      if (!context.json) context.out(`${event.orderId}${event.kind === 'reversal' ? ' (reversal)' : ''}: ${event.message}`)
    })
    try {
      let report: DrainReport
      let after: SyncStatus
      if (context.options.once === true) {
        ;({ report, status: after } = await engine.drainOnce().catch((error: unknown) => {
          if (error instanceof AppError) throw new CliFailure(error.toData())
          throw error
        }))
      } else {
        const counts = { accepted: 0, submitted: 0, duplicate: 0, rejected: 0, retry: 0, unconfirmed: 0, verified: 0, config_error: 0, reversed: 0 }
        const stopCounting = engine.subscribeResults((event) => {
          if (event.report !== 'waiting') counts[event.report]++
        })
        engine.start()
        await context.interrupted()
        after = engine.status()
        await engine.shutdown()
        stopCounting()
        report = { sent: Object.values(counts).reduce((sum, n) => sum + n, 0) - counts.config_error, outcomes: counts, remaining: after.waiting }
      }
      if (context.json) {
        context.out(JSON.stringify({ ok: true, ...report, state: after.state, problem: after.problem, lastError: after.lastError }, null, 2))
      } else {
        const counts = Object.entries(report.outcomes).filter(([, count]) => count > 0).map(([outcome, count]) => `${count} ${outcome.replace('_', ' ')}`)
        context.out(`Done: ${counts.length === 0 ? 'nothing was due' : counts.join(', ')}; ${report.remaining} sale(s) still waiting.`)
        if (after.state === 'offline') context.err(`The platform cannot be reached: ${after.lastError ?? 'no answer'}`)
        if (after.problem !== null) context.err(after.problem)
      }
      const needsManager = report.outcomes.rejected + report.outcomes.unconfirmed + report.outcomes.config_error > 0
      return needsManager || (report.remaining > 0 && after.state === 'offline') ? 1 : 0
    } finally {
      stopPrinting()
    }
  },
}
