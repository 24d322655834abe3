import type { CliCommand } from '../cli-context'
import { CliFailure } from '../cli-context'

export const checkCodeCommand: CliCommand = {
  name: 'check-code',
  usage: 'check-code <code> [--amount <amount>]',
  summary: 'check a coupon code against the local catalogue (exit 1 when it cannot be sold)',
  options: { amount: { type: 'string' } },
  async run(context) {
    const code = context.positionals[0]
    if (code === undefined) throw new CliFailure({ code: 'INVALID_INPUT', message: `usage: ${this.usage}` }, 2)
    const amount = context.options.amount
    const check = await context.invoke('catalog:check-code', typeof amount === 'string' ? { code, amount } : { code })
    if (context.json) context.out(JSON.stringify(check, null, 2))
    else context.out(`${check.code}: ${check.status} - ${check.message}`)
    return check.canSell ? 0 : 1
  },
}
