import { existsSync } from 'node:fs'
import path from 'node:path'
import type { ImportOptions, ImportPreview } from '../../shared/import-contract'
import { FIELD_LABELS, ImportOptionsSchema, SALES_FIELDS } from '../../shared/import-contract'
import { describeIssues } from '../../shared/contract'
import { isAppError } from '../../shared/errors'
import { fileSource } from '../../core/imports/read/byte-source'
import type { CliCommand, CliContext } from '../cli-context'
import { CliFailure } from '../cli-context'

/**
 * `import-sales <file>`: the wizard without a window. The file is read and mapped as the wizard
 * would (header synonyms, the layout remembered from an earlier import, formats found in the
 * rows); `--mapping` answers what the file leaves open, with columns given by number (from 0) or
 * by header name: `{"columns":{"coupon":"Gutschein"},"decimal":"comma","dateOrder":"dmy"}`.
 * The refused rows are written next to the file as `<name>.refused.csv`.
 */
export const importSalesCommand: CliCommand = {
  name: 'import-sales',
  usage: 'import-sales <file> [--dry-run] [--all-or-nothing] [--allow-unverified] [--mapping <json>] [--json]',
  summary: "import the till's sales CSV; refused rows go to <file>.refused.csv (exit 1 when refused in all-or-nothing mode)",
  options: {
    'dry-run': { type: 'boolean' },
    'all-or-nothing': { type: 'boolean' },
    'allow-unverified': { type: 'boolean' },
    mapping: { type: 'string' },
  },
  async run(context) {
    const file = context.positionals[0]
    if (file === undefined) throw new CliFailure({ code: 'INVALID_INPUT', message: `usage: ${this.usage}` }, 2)
    if (!existsSync(file)) throw new CliFailure({ code: 'NOT_FOUND', message: `No such file: ${file}` })
    const imports = context.core.imports
    try {
      const preview = await imports.openFile('sales', fileSource(file))
      const options = withCommandLine(context, preview)
      const refusedRowsCopy = path.join(path.dirname(file), `${path.basename(file).replace(/\.[^.]*$/, '')}.refused.csv`)
      const { sales } = await imports.run(preview.token, options, { dryRun: context.options['dry-run'] === true, refusedRowsCopy })
      imports.close(preview.token)
      if (sales === null) throw new Error('a sales import returned no sales result')
      if (context.json) {
        context.out(JSON.stringify({ ok: sales.status !== 'refused', ...sales }, null, 2))
      } else {
        const verb = sales.status === 'dry_run' ? 'would be imported (dry run)' : 'imported'
        context.out(`${sales.fileName}: ${sales.imported} sales ${verb}, ${sales.refused} rows refused, ${sales.duplicates} duplicates (${sales.rowsRead} rows read)`)
        if (sales.status === 'dry_run') context.out(`Dry run: nothing was saved.`)
        for (const notice of sales.notices) context.out(`Notice: ${notice}`)
        for (const problem of sales.problems.slice(0, 20)) context.out(`  line ${problem.line}: ${problem.message ?? problem.status}`)
        if (sales.refused + sales.duplicates > 20) context.out(`  ... ${sales.refused + sales.duplicates - 20} more`)
        if (sales.refusedRowsFile !== null) context.out(`Refused rows: ${sales.refusedRowsFile}`)
      }
      return sales.status === 'refused' ? 1 : 0
    } catch (error) {
      if (isAppError(error)) throw new CliFailure(error.toData())
      throw error
    }
  },
}

/** The preview's guesses, overridden by `--mapping` and the flags. */
function withCommandLine(context: CliContext, preview: ImportPreview): ImportOptions {
  const options: ImportOptions = { ...preview.options, columns: { ...preview.options.columns } }
  const text = context.options.mapping
  if (typeof text === 'string') {
    let given: unknown
    try {
      given = JSON.parse(text)
    } catch {
      throw new CliFailure({ code: 'INVALID_INPUT', message: '--mapping is not JSON (example: {"columns":{"coupon":0,"amount":"Total"},"decimal":"comma"})', details: { field: 'mapping' } }, 2)
    }
    if (typeof given !== 'object' || given === null || Array.isArray(given)) {
      throw new CliFailure({ code: 'INVALID_INPUT', message: '--mapping must be a JSON object', details: { field: 'mapping' } }, 2)
    }
    const { columns, ...rest } = given as { columns?: unknown } & Record<string, unknown>
    if (columns !== undefined) {
      if (typeof columns !== 'object' || columns === null) throw new CliFailure({ code: 'INVALID_INPUT', message: '--mapping: "columns" must be an object', details: { field: 'mapping.columns' } }, 2)
      for (const [field, where] of Object.entries(columns as Record<string, unknown>)) {
        if (!(SALES_FIELDS as readonly string[]).includes(field)) {
          throw new CliFailure({ code: 'INVALID_INPUT', message: `--mapping: unknown field "${field}" (fields: ${SALES_FIELDS.join(', ')})`, details: { field: `mapping.columns.${field}` } }, 2)
        }
        options.columns[field] = columnIndex(where, field, preview)
      }
    }
    Object.assign(options, rest)
  }
  if (context.options['all-or-nothing'] === true) options.allOrNothing = true
  if (context.options['allow-unverified'] === true) options.allowUnverified = true
  const parsed = ImportOptionsSchema.safeParse(options)
  if (!parsed.success) {
    const { message, details } = describeIssues(parsed.error)
    throw new CliFailure({ code: 'INVALID_INPUT', message: `--mapping: ${message}`, details }, 2)
  }
  return parsed.data
}

function columnIndex(where: unknown, field: string, preview: ImportPreview): number | null {
  if (where === null) return null
  if (typeof where === 'number' && Number.isInteger(where) && where >= 0) return where
  if (typeof where === 'string') {
    const wanted = where.trim().toLowerCase()
    const index = preview.firstRecord.findIndex((cell) => cell.trim().toLowerCase() === wanted)
    if (index !== -1) return index
    throw new CliFailure({ code: 'INVALID_INPUT', message: `--mapping: no column named "${where}" for ${FIELD_LABELS[field as keyof typeof FIELD_LABELS] ?? field} (header: ${preview.firstRecord.join(', ')})`, details: { field: `mapping.columns.${field}` } }, 2)
  }
  throw new CliFailure({ code: 'INVALID_INPUT', message: `--mapping: column for ${field} must be a number from 0 or a header name`, details: { field: `mapping.columns.${field}` } }, 2)
}
