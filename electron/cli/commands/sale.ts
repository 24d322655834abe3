import { formatMinor } from '../../shared/money'
import type { CliCommand } from '../cli-context'
import { CliFailure } from '../cli-context'

export const saleCommand: CliCommand = {
  name: 'sale',
  usage: 'sale --coupon <code> --amount <amount> [--order-id <id>] [--at <iso date-time>] [--allow-unverified]',
  summary: 'register a sale (refused codes exit 1 with the reason)',
  options: {
    coupon: { type: 'string' },
    amount: { type: 'string' },
    'order-id': { type: 'string' },
    at: { type: 'string' },
    'allow-unverified': { type: 'boolean' },
  },
  async run(context) {
    const { coupon, amount } = context.options
    if (typeof coupon !== 'string' || typeof amount !== 'string') {
      throw new CliFailure({ code: 'INVALID_INPUT', message: `usage: ${this.usage}` }, 2)
    }
    const orderId = context.options['order-id']
    const at = context.options.at
    const result = await context.invoke('sale:register', {
      code: coupon,
      amount,
      ...(typeof orderId === 'string' ? { orderId } : {}),
      ...(typeof at === 'string' ? { occurredAt: at } : {}),
      allowUnverified: context.options['allow-unverified'] === true,
    })
    if (context.json) {
      context.out(JSON.stringify(result, null, 2))
    } else {
      const { sale } = result
      context.out(`Saved ${sale.orderId}: ${sale.code} ${formatMinor(sale.amountMinor, sale.currency)}${sale.affiliateName === null ? '' : ` (${sale.affiliateName})`}`)
      for (const warning of result.warnings) context.err(`Warning: ${warning}`)
    }
    return 0
  },
}
