import { describeAge } from '../../shared/dates'
import { SALE_STATES, SALE_STATE_LABELS } from '../../shared/sale-state'
import { PLATFORM_LABELS } from '../../shared/platform-config'
import type { CliCommand } from '../cli-context'

export const statusCommand: CliCommand = {
  name: 'status',
  usage: 'status',
  summary: 'sales by state, the oldest unsent sale, the platform sync figures, and the catalogue',
  async run(context) {
    const [sales, catalogue, info, sync] = await Promise.all([
      context.invoke('sale:summary', {}),
      context.invoke('catalog:status', {}),
      context.invoke('app:get-info', {}),
      context.invoke('sync:status', {}),
    ])
    if (context.json) {
      context.out(JSON.stringify({ terminalId: info.terminalId, dataDir: info.dataDir, sales, catalogue, sync }, null, 2))
      return 0
    }
    const now = context.core.context.clock.now()
    context.out(`Terminal ${info.terminalId}, data in ${info.dataDir}`)
    context.out(`Sales: ${sales.total}`)
    for (const state of SALE_STATES) context.out(`  ${SALE_STATE_LABELS[state].padEnd(38)} ${sales.byState[state]}`)
    context.out(`Oldest unsent sale: ${sales.oldestUnsentAt === null ? 'none' : `${describeAge(now - sales.oldestUnsentAt)} old`}`)
    context.out(`Unverified sales: ${sales.unverified}`)
    context.out(
      `Platform: ${sync.platform === null ? 'none chosen' : PLATFORM_LABELS[sync.platform]}; ${sync.state.replace('_', ' ')}${sync.pausedBy === null ? '' : ` (paused by ${sync.pausedBy.replace('_', ' ')})`}; ${sync.waiting} waiting, ${sync.verifying} to confirm, ${sync.needsAttention} need attention; last success ${sync.lastSuccessAt === null ? 'never' : `${describeAge(now - sync.lastSuccessAt)} ago`}`,
    )
    if (sync.problem !== null) context.out(`  ${sync.problem}`)
    if (sync.lastError !== null) context.out(`  Last error: ${sync.lastError}`)
    context.out(
      `Catalogue: ${catalogue.coupons} coupons, ${catalogue.importedAt === null ? 'never imported' : `imported ${describeAge(now - catalogue.importedAt)} ago from ${catalogue.lastImportFile ?? '?'}`}`,
    )
    return 0
  },
}
