import type { CliCommand } from '../cli-context'
import { CliFailure } from '../cli-context'

export const voidCommand: CliCommand = {
  name: 'void',
  usage: 'void <order-id> [--reason <text>]',
  summary: 'cancel a sale that has not been sent to the platform',
  options: { reason: { type: 'string' } },
  async run(context) {
    const orderId = context.positionals[0]
    if (orderId === undefined) throw new CliFailure({ code: 'INVALID_INPUT', message: `usage: ${this.usage}` }, 2)
    const { rows } = await context.invoke('sale:list', { filter: { search: orderId }, offset: 0, limit: 1000 })
    const sale = rows.find((row) => row.orderId === orderId)
    if (sale === undefined) throw new CliFailure({ code: 'NOT_FOUND', message: `No sale with order ID ${orderId}` })
    const reason = context.options.reason
    const voided = await context.invoke('sale:void', { saleId: sale.id, ...(typeof reason === 'string' ? { reason } : {}) })
    context.out(context.json ? JSON.stringify(voided, null, 2) : `Voided ${voided.orderId}`)
    return 0
  },
}
