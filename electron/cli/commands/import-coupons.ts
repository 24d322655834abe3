import { existsSync } from 'node:fs'
import { AppError } from '../../shared/errors'
import { importCatalog } from '../../core/catalog/import-catalog'
import { fileSource } from '../../core/imports/read/byte-source'
import type { CliCommand } from '../cli-context'
import { CliFailure } from '../cli-context'

export const importCouponsCommand: CliCommand = {
  name: 'import-coupons',
  usage: 'import-coupons <file> [--replace]',
  summary: 'load a coupon list (CSV) into the catalogue; --replace drops codes the file lacks',
  options: { replace: { type: 'boolean' } },
  async run(context) {
    const file = context.positionals[0]
    if (file === undefined) throw new CliFailure({ code: 'INVALID_INPUT', message: `usage: ${this.usage}` }, 2)
    if (!existsSync(file)) throw new CliFailure({ code: 'NOT_FOUND', message: `No such file: ${file}` })
    const { core } = context
    const ctx = core.context
    const result = await ctx.jobs.run('catalog-import', (job) =>
      importCatalog({
        db: core.db,
        source: fileSource(file),
        mode: context.options.replace === true ? 'replace' : 'merge',
        settings: ctx.settings(),
        clock: ctx.clock,
        actor: ctx.actor(),
        job,
      }),
    ).catch((error: unknown) => {
      if (error instanceof AppError) throw new CliFailure(error.toData())
      throw error
    })
    if (context.json) {
      context.out(JSON.stringify(result, null, 2))
    } else {
      context.out(`${result.fileName}: ${result.imported} coupons imported, ${result.refused} lines refused (${result.layout}, ${result.encoding}, delimiter ${JSON.stringify(result.delimiter)})`)
      context.out(`Catalogue now holds ${result.couponsInCatalogue} coupons.`)
      for (const notice of result.notices) context.out(`Notice: ${notice}`)
      for (const problem of result.problems.slice(0, 20)) {
        context.out(`  line ${problem.line}${problem.field === null ? '' : ` (${problem.field})`}: ${problem.message}`)
      }
      if (result.refused > 20) context.out(`  ... and ${result.refused - 20} more`)
    }
    return 0
  },
}
