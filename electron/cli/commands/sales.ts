import { formatDateTime } from '../../shared/dates'
import { formatMinor } from '../../shared/money'
import { SALE_STATES, type SaleState } from '../../shared/sale-state'
import type { CliCommand } from '../cli-context'
import { CliFailure } from '../cli-context'

export const salesCommand: CliCommand = {
  name: 'sales',
  usage: 'sales [--status <state>] [--search <text>] [--limit <n>]',
  summary: 'list the newest sales with their state',
  options: { status: { type: 'string' }, search: { type: 'string' }, limit: { type: 'string' } },
  async run(context) {
    const { status, search, limit } = context.options
    if (typeof status === 'string' && !SALE_STATES.includes(status as SaleState)) {
      throw new CliFailure({ code: 'INVALID_INPUT', message: `Unknown state ${status}; states: ${SALE_STATES.join(', ')}` }, 2)
    }
    const count = typeof limit === 'string' ? Number(limit) : 20
    if (!Number.isInteger(count) || count < 1 || count > 1000) {
      throw new CliFailure({ code: 'INVALID_INPUT', message: '--limit must be a whole number from 1 to 1000' }, 2)
    }
    const filter = {
      ...(typeof status === 'string' ? { states: [status as SaleState] } : {}),
      ...(typeof search === 'string' ? { search } : {}),
    }
    const { rows, total } = await context.invoke('sale:list', { filter, offset: 0, limit: count })
    if (context.json) {
      context.out(JSON.stringify({ total, rows }, null, 2))
      return 0
    }
    const zone = context.core.context.settings().timeZone
    for (const sale of rows) {
      context.out(
        [sale.id, formatDateTime(sale.occurredAt, zone), sale.orderId, sale.code, formatMinor(sale.amountMinor, sale.currency), sale.state, sale.isUnverified ? 'unverified' : '']
          .join('\t')
          .trimEnd(),
      )
    }
    context.out(`${rows.length} of ${total} sales`)
    return 0
  },
}
