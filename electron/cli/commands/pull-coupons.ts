import type { CliCommand } from '../cli-context'

/** `pull-coupons`: the platform's coupon list into the catalogue (Post Affiliate Pro, Partnero). */
export const pullCouponsCommand: CliCommand = {
  name: 'pull-coupons',
  usage: 'pull-coupons',
  summary: "download the platform's coupon list into the catalogue (Post Affiliate Pro with the merchant login, Partnero)",
  async run(context) {
    const stop = context.core.onEvent((event, payload) => {
      if (event !== 'job:progress' || context.json) return
      const progress = payload as { kind: string; phase: string; processed: number }
      if (progress.kind === 'catalog-download' && progress.phase === 'downloading') context.err(`  ${progress.processed} codes…`)
    })
    try {
      const result = await context.invoke('catalog:pull', {})
      if (context.json) context.out(JSON.stringify(result, null, 2))
      else {
        context.out(`${result.received} codes from ${result.platform} in ${result.pages} page(s): ${result.imported} imported, ${result.refused} refused. The catalogue now holds ${result.couponsInCatalogue} coupons.`)
        for (const problem of result.problems.slice(0, 20)) context.out(`  #${problem.line}${problem.field === null ? '' : ` (${problem.field})`}: ${problem.message}`)
      }
      return 0
    } finally {
      stop()
    }
  },
}
