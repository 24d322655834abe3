import { writeFileSync } from 'node:fs'
import { SALE_STATES, type SaleState } from '../../shared/sale-state'
import type { CliCommand } from '../cli-context'
import { CliFailure } from '../cli-context'

export const exportSalesCommand: CliCommand = {
  name: 'export-sales',
  usage: 'export-sales [--status <state>[,<state>]] [--layout affiliationsoftware|full] [--out <file>]',
  summary: 'write sales as CSV (default layout: Coupon, sales amount, order ID, date)',
  options: { status: { type: 'string' }, layout: { type: 'string' }, out: { type: 'string' } },
  async run(context) {
    const layout = context.options.layout ?? 'affiliationsoftware'
    if (layout !== 'affiliationsoftware' && layout !== 'full') {
      throw new CliFailure({ code: 'INVALID_INPUT', message: '--layout must be affiliationsoftware or full', details: { field: 'layout' } }, 2)
    }
    const statusText = context.options.status
    let states: SaleState[] | undefined
    if (typeof statusText === 'string') {
      states = statusText.split(',').map((state) => state.trim()) as SaleState[]
      const unknown = states.filter((state) => !SALE_STATES.includes(state))
      if (unknown.length > 0) {
        throw new CliFailure({ code: 'INVALID_INPUT', message: `Unknown state ${unknown.join(', ')}; states: ${SALE_STATES.join(', ')}`, details: { field: 'status' } }, 2)
      }
    }
    const result = await context.invoke('sale:export', { layout, ...(states === undefined ? {} : { filter: { states } }) })
    const out = context.options.out
    if (typeof out === 'string') {
      writeFileSync(out, result.csv)
      context.out(context.json ? JSON.stringify({ file: out, rows: result.rows, layout }) : `Wrote ${result.rows} sales to ${out}`)
    } else {
      process.stdout.write(result.csv)
    }
    return 0
  },
}
