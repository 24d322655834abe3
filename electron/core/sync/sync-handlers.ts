import type { Handlers } from '../../shared/contract'
import { AppError } from '../../shared/errors'
import { PLATFORM_LABELS } from '../../shared/platform-config'
import type { ConnectionTest } from '../../shared/sync-contract'
import type { CoreContext } from '../core-context'
import { appendAudit } from '../db/audit-repo'
import { catalogMeta } from '../db/coupons-repo'
import { pullCatalog } from '../catalog/pull-catalog'
import { fixAndResend, markSent } from '../sales/resolve-sale'
import type { Connector } from './connectors/connector'
import { createConnector } from './connectors'
import { createHttpClient } from './http-client'
import type { ResolvedPlatform } from './platform-settings'
import { platformConfigView, previewPlatform, readStoredPlatformConfig, resolvePlatform, savePlatformConfig, syncTuning } from './platform-settings'

/** The sync, platform and sale-resolution channels; spread into the core's handlers. */

const TEST_TIMEOUT_MS = 15_000

type SyncChannels =
  | 'sync:status'
  | 'sync:now'
  | 'sync:pause'
  | 'sync:resume'
  | 'platform:get-config'
  | 'platform:save-config'
  | 'platform:test-connection'
  | 'catalog:pull'
  | 'sale:fix-and-resend'
  | 'sale:mark-sent'

export function createSyncHandlers(context: CoreContext): Pick<Handlers, SyncChannels> {
  const { db, clock, secrets } = context
  const emitStatus = (): ReturnType<typeof context.sync.status> => {
    const status = context.sync.status()
    context.emit('sync:status-changed', status)
    return status
  }

  return {
    'sync:status': () => context.sync.status(),

    'sync:now': () => {
      context.sync.syncNow()
      return emitStatus()
    },

    'sync:pause': () => {
      context.sync.pause()
      appendAudit(db, { atMs: clock.now(), actor: context.actor(), action: 'sync.pause', subject: 'sync', details: null })
      return emitStatus()
    },

    'sync:resume': () => {
      context.sync.resume()
      appendAudit(db, { atMs: clock.now(), actor: context.actor(), action: 'sync.resume', subject: 'sync', details: null })
      return emitStatus()
    },

    'platform:get-config': () => platformConfigView(readStoredPlatformConfig(db), secrets),

    'platform:save-config': async (patch) => {
      const { view, changed } = await savePlatformConfig(db, secrets, patch, context.actor(), clock.now())
      if (changed.length > 0) {
        context.sync.configChanged()
        emitStatus()
      }
      return view
    },

    'platform:test-connection': async (input) => {
      const preview = previewPlatform(db, secrets, input?.draft)
      return testConnection(preview, syncTuning(readStoredPlatformConfig(db)).requestTimeoutMs, () => clock.now())
    },

    'catalog:pull': async () => {
      const stored = readStoredPlatformConfig(db)
      const resolved = resolvePlatform(stored, secrets)
      if (resolved === null) throw new AppError('PLATFORM_NOT_CONFIGURED', 'Choose the platform in Settings > Platform first')
      if (!resolved.ok) throw new AppError('PLATFORM_NOT_CONFIGURED', resolved.problems.join('; '))
      const http = createHttpClient()
      try {
        const connector = createConnector(resolved.resolved, { http: http.fetch, timeoutMs: syncTuning(stored).requestTimeoutMs, now: () => clock.now() })
        if (!connector.capabilities.canPullCatalogue) {
          throw new AppError('NOT_ALLOWED', canPullHint(resolved.resolved.platform, connector))
        }
        const result = await context.jobs.run('catalog-download', (job) =>
          pullCatalog({ db, connector, platform: resolved.resolved.platform, settings: context.settings(), clock, actor: context.actor(), job }),
        )
        context.emit('catalog:changed', catalogMeta(db))
        return result
      } finally {
        http.close()
      }
    },

    'sale:fix-and-resend': (input) => {
      const sale = fixAndResend({ db, settings: context.settings(), nowMs: clock.now(), actor: context.actor() }, input)
      context.emit('sales:changed', { saleIds: [sale.id] })
      return sale
    },

    'sale:mark-sent': ({ saleId, note }) => {
      const sale = markSent({ db, settings: context.settings(), nowMs: clock.now(), actor: context.actor() }, saleId, note)
      context.emit('sales:changed', { saleIds: [sale.id] })
      return sale
    },
  }
}

function canPullHint(platform: keyof typeof PLATFORM_LABELS, connector: Connector): string {
  if (platform === 'pap' && !connector.capabilities.canPullCatalogue) return 'Downloading coupons from Post Affiliate Pro needs the merchant login: enter it in Settings > Platform.'
  return `${PLATFORM_LABELS[platform]} offers no coupon list download: export the coupons there and load the file on this screen.`
}

/** "Test connection": the configuration on screen (saved or not) against the platform, with a clear verdict. */
export async function testConnection(preview: ResolvedPlatform | null, timeoutMs: number, now: () => number): Promise<ConnectionTest> {
  if (preview === null) return { ok: false, verdict: 'not_configured', message: 'Choose a platform first.', checks: [] }
  if (!preview.ok) return { ok: false, verdict: 'config_error', message: preview.problems.join('; '), checks: [] }
  const http = createHttpClient()
  try {
    const connector = createConnector(preview.resolved, { http: http.fetch, timeoutMs: Math.min(timeoutMs, TEST_TIMEOUT_MS), now })
    return await connector.testConnection()
  } finally {
    http.close()
  }
}

/** What voiding a sale at the platform can do with the active platform. */
export function reversalCapability(context: CoreContext): { reversal: 'api' | 'none'; platformLabel: string | null } {
  const resolved = resolvePlatform(readStoredPlatformConfig(context.db), context.secrets)
  if (resolved === null) return { reversal: 'none', platformLabel: null }
  const label = PLATFORM_LABELS[resolved.ok ? resolved.resolved.platform : resolved.platform]
  if (!resolved.ok) return { reversal: 'none', platformLabel: label }
  const http = createHttpClient()
  const connector = createConnector(resolved.resolved, { http: http.fetch, timeoutMs: 1, now: () => context.clock.now() })
  http.close()
  return { reversal: connector.capabilities.canReverse ? 'api' : 'none', platformLabel: label }
}
