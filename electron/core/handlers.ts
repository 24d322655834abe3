import type { Handlers } from '../shared/contract'
import { AppError } from '../shared/errors'
import { parseScannedCode } from '../shared/coupon-code'
import { majorToMinor, parseAmount } from '../shared/money'
import type { CoreContext } from './core-context'
import { updateSettings } from './settings/store-settings'
import { checkCode } from './catalog/check-code'
import { importCatalog } from './catalog/import-catalog'
import { toCouponView } from './catalog/coupon-rules'
import { catalogMeta, listCoupons } from './db/coupons-repo'
import { memorySource } from './imports/read/byte-source'
import { registerSale } from './sales/register-sale'
import { voidSale } from './sales/void-sale'
import { toSaleView } from './sales/sale-view'
import { listSales, salesCounts } from './db/sales-repo'
import { exportFileName, exportSalesCsv } from './reports/export-sales'
import { schemaVersion } from './db/migrate'
import { createSyncHandlers, reversalCapability } from './sync/sync-handlers'
import type { ImportService } from './imports/import-service'
import { readRefusedRows } from './imports/sales/refused-rows'
import { listImportBatches, voidImportBatch } from './imports/sales/void-import'

/** One handler per channel; `satisfies Handlers` makes a missing one a compile error. */
export function createHandlers(context: CoreContext, imports: ImportService) {
  const { db, clock } = context
  return {
    'app:get-info': () => ({
      version: context.version,
      dataDir: context.dataDir,
      schemaVersion: schemaVersion(db),
      terminalId: context.settings().terminalId,
    }),

    'settings:get': () => context.settings(),

    'settings:update': (patch) => {
      const settings = updateSettings(db, patch, context.actor(), clock.now())
      context.emit('settings:changed', settings)
      return settings
    },

    'catalog:status': () => catalogMeta(db),

    'catalog:check-code': ({ code, amount }) => {
      const scanned = parseScannedCode(code)
      if (!scanned.ok) throw new AppError('INVALID_CODE', scanned.reason, { field: 'code' })
      const settings = context.settings()
      let amountMinor: number | null = null
      if (amount !== undefined && amount.trim() !== '') {
        const parsed = parseAmount(amount, {
          format: settings.amountFormat,
          currency: settings.currency,
          maxMinor: majorToMinor(settings.maxSaleAmount, settings.currency),
        })
        if (parsed.ok) amountMinor = parsed.amountMinor
      }
      return checkCode(db, scanned, amountMinor, settings, clock.now())
    },

    'catalog:import': async ({ fileName, bytes, mode }) => {
      const result = await context.jobs.run('catalog-import', (job) =>
        importCatalog({
          db,
          source: memorySource(fileName, bytes),
          mode,
          settings: context.settings(),
          clock,
          actor: context.actor(),
          job,
        }),
      )
      context.emit('catalog:changed', catalogMeta(db))
      return result
    },

    'catalog:list': ({ search, offset, limit }) => {
      const { rows, total } = listCoupons(db, search, offset, limit)
      return { rows: rows.map((row) => toCouponView(row, row.local_uses)), total }
    },

    'job:cancel': ({ kind }) => ({ cancelled: context.jobs.cancel(kind) }),

    'sale:register': (input) => {
      const result = registerSale(
        { db, settings: context.settings, nowMs: clock.now(), actor: context.actor, source: context.source },
        input,
      )
      context.emit('sales:changed', { saleIds: [result.sale.id] })
      return result
    },

    'sale:list': ({ filter, offset, limit }) => {
      const { rows, total } = listSales(db, filter, offset, limit)
      return { rows: rows.map(toSaleView), total }
    },

    'sale:summary': () => salesCounts(db),

    'sale:void': ({ saleId, reason, alreadyReversedAtPlatform }) => {
      const sale = voidSale(db, saleId, reason ?? null, context.actor(), clock.now(), {
        ...reversalCapability(context),
        alreadyReversedAtPlatform: alreadyReversedAtPlatform === true,
      })
      context.emit('sales:changed', { saleIds: [sale.id] })
      return sale
    },

    'sale:export': ({ layout, filter }) => {
      const settings = context.settings()
      const { csv, rows } = exportSalesCsv(db, layout, filter, settings.timeZone)
      return { fileName: exportFileName(layout, clock.now(), settings.timeZone), csv, rows }
    },

    'import:open': ({ kind, fileName, bytes }) => imports.openFile(kind, memorySource(fileName, bytes)),

    'import:preview': ({ token, options }) => imports.preview(token, options),

    'import:run': ({ token, options, dryRun }) => imports.run(token, options, { dryRun: dryRun === true }),

    'import:close': ({ token }) => {
      imports.close(token)
      return {}
    },

    'import:refused-rows': ({ batchId }) => readRefusedRows(db, batchId),

    'import:list': () => listImportBatches(db),

    'import:void': ({ batchId, reason }) => {
      const batch = voidImportBatch(db, batchId, reason ?? null, context.actor(), clock.now())
      context.emit('sales:changed', { saleIds: [] })
      return batch
    },

    ...createSyncHandlers(context),
  } satisfies Handlers
}
