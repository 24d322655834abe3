import { randomUUID } from 'node:crypto'
import path from 'node:path'
import type { CatalogImportResult } from '../../shared/contract'
import type { ImportKind, ImportOptions, ImportPreview, SalesImportResult } from '../../shared/import-contract'
import { CATALOG_FIELDS, SALES_FIELDS } from '../../shared/import-contract'
import { AppError } from '../../shared/errors'
import type { CoreContext } from '../core-context'
import { rememberLayout } from '../db/imports-repo'
import { catalogMeta } from '../db/coupons-repo'
import { importCatalog } from '../catalog/import-catalog'
import type { ByteSource } from './read/byte-source'
import type { FileShape } from './read/file-shape'
import { catalogColumnMap, previewImport } from './preview-import'
import { importSales } from './sales/import-sales'

/**
 * The import wizard's steps, shared by the window and the CLI: open a file (the window hands its
 * bytes over once and gets a token), preview with the guesses or the manager's corrections, run.
 * A confirmed mapping is remembered for the file's layout.
 */

const OPEN_FILES_KEPT = 3

interface OpenFile {
  kind: ImportKind
  source: ByteSource
  /** Encoding, delimiter and fingerprint, from the first preview (reading them takes the whole file). */
  known?: { shape: FileShape; sha256: string }
}

export interface ImportRun {
  kind: ImportKind
  sales: SalesImportResult | null
  catalog: CatalogImportResult | null
}

export class ImportService {
  private readonly open = new Map<string, OpenFile>()

  constructor(private readonly context: CoreContext) {}

  /** Keeps the file for the next steps (the oldest of more than a few is let go). */
  async openFile(kind: ImportKind, source: ByteSource): Promise<ImportPreview> {
    const token = randomUUID()
    this.open.set(token, { kind, source })
    while (this.open.size > OPEN_FILES_KEPT) {
      const oldest = this.open.keys().next().value
      if (oldest === undefined) break
      this.open.delete(oldest)
    }
    return this.preview(token)
  }

  close(token: string): void {
    this.open.delete(token)
  }

  private file(token: string): OpenFile {
    const file = this.open.get(token)
    if (file === undefined) throw new AppError('NOT_FOUND', 'The file is no longer open; drop it again', { field: 'token' })
    return file
  }

  async preview(token: string, options?: ImportOptions): Promise<ImportPreview> {
    const file = this.file(token)
    return (await this.previewFile(token, file, options)).preview
  }

  private async previewFile(token: string, file: OpenFile, options: ImportOptions | undefined) {
    const { context } = this
    const outcome = await previewImport({
      db: context.db,
      source: file.source,
      kind: file.kind,
      token,
      settings: context.settings(),
      nowMs: context.clock.now(),
      options: options === undefined ? undefined : checkedOptions(file.kind, options),
      known: file.known,
    })
    file.known = { shape: outcome.shape, sha256: outcome.sha256 }
    return outcome
  }

  /** Runs the import of an open file; without options, the guesses (refused if a question is open). */
  async run(token: string, options: ImportOptions | undefined, run: { dryRun: boolean; refusedRowsCopy?: string | undefined }): Promise<ImportRun> {
    const file = this.file(token)
    const { kind, source } = file
    const { context } = this
    const settings = context.settings()
    // The preview again, with these options: the open questions and the layout to remember.
    const outcome = await this.previewFile(token, file, options)
    const { preview } = outcome
    if (preview.questions.length > 0) {
      throw new AppError('IMPORT_FAILED', openQuestionMessage(preview), { questions: preview.questions })
    }
    if (!run.dryRun) rememberLayout(context.db, kind, outcome.signature, preview.options, context.clock.now())

    if (kind === 'catalog') {
      const catalog = await context.jobs.run('catalog-import', (job) =>
        importCatalog({
          db: context.db,
          source,
          mode: preview.options.catalogMode,
          settings,
          clock: context.clock,
          actor: context.actor(),
          job,
          columns: catalogColumnMap(preview.options),
          dryRun: run.dryRun,
        }),
      )
      context.emit('catalog:changed', catalogMeta(context.db))
      return { kind, sales: null, catalog }
    }

    let lastPublishedEvent = 0
    const sales = await context.jobs.run('sales-import', (job) =>
      importSales({
        db: context.db,
        nativeBinding: context.nativeBinding,
        source,
        shape: outcome.shape,
        sha256: outcome.sha256,
        options: preview.options,
        dryRun: run.dryRun,
        settings,
        clock: context.clock,
        actor: context.actor(),
        job,
        workDir: path.join(context.dataDir, 'imports'),
        refusedRowsCopy: run.refusedRowsCopy,
        onPublished: () => {
          const now = context.clock.now()
          if (now - lastPublishedEvent < 500) return
          lastPublishedEvent = now
          context.emit('sales:changed', { saleIds: [] })
        },
      }),
    )
    context.emit('sales:changed', { saleIds: [] })
    return { kind, sales, catalog: null }
  }
}

function checkedOptions(kind: ImportKind, options: ImportOptions): ImportOptions {
  const known: readonly string[] = kind === 'sales' ? SALES_FIELDS : CATALOG_FIELDS
  const unknown = Object.keys(options.columns).find((field) => !known.includes(field))
  if (unknown !== undefined) {
    throw new AppError('INVALID_INPUT', `columns.${unknown}: not a field of a ${kind === 'sales' ? 'sales' : 'coupon list'} import (use ${known.join(', ')})`, { field: `columns.${unknown}` })
  }
  return options
}

function openQuestionMessage(preview: ImportPreview): string {
  const parts = preview.questions.map((question) => {
    if (question === 'decimal') return 'whether amounts use a decimal point or a decimal comma ("decimal": "point" or "comma")'
    if (question === 'dateOrder') return 'whether dates are day/month or month/day ("dateOrder": "dmy" or "mdy")'
    const missing = preview.requiredFields.filter((field) => preview.options.columns[field] === null || preview.options.columns[field] === undefined)
    return `which column holds ${missing.join(', ')} ("columns": {"${missing[0] ?? 'coupon'}": <column number from 0>})`
  })
  return `${preview.fileName} needs an answer before it can be imported: ${parts.join('; ')}`
}
