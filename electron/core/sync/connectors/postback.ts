import type { PostbackConfig, PostbackPlaceholder } from '../../../shared/platform-config'
import { minorToDecimalString } from '../../../shared/money'
import type { HttpRequest } from '../http-client'
import { excerpt } from '../http-client'
import type { PushOutcome } from '../outcome'
import { configError, retry } from '../outcome'
import type { Connector, ConnectorDeps, SaleForPlatform } from './connector'
import { connectionVerdict, mapUnsuccessful, probeAddress, refusedDownload, request } from './common'

/**
 * Any network that takes a server-to-server postback (TUNE, Everflow, Affise, Trackier, CAKE,
 * RedTrack, Swaarm...): a URL template with placeholders, sent as GET or as a form POST.
 * Almost every network answers 200 whether or not it created a conversion, so a 2xx is
 * `submitted` unless the optional body patterns say more (TUNE's `success=true;`). Nothing can
 * be looked up afterwards, so an unconfirmed delivery goes to the manager, unless the network
 * is set to ignore repeated order ids (then it is simply sent again).
 */

export function createPostbackConnector(config: PostbackConfig, deps: ConnectorDeps, label = 'The network'): Connector {
  const patterns = {
    success: compile(config.successPattern),
    duplicate: compile(config.duplicatePattern),
    reject: compile(config.rejectPattern),
  }

  const send = async (template: string, sale: SaleForPlatform, signal?: AbortSignal): Promise<PushOutcome> => {
    const result = await request(deps, buildRequest(config, template, sale), signal === undefined ? undefined : { signal })
    // A 404 means the template or domain is wrong, not this sale: a configuration error.
    const problem = mapUnsuccessful(result, deps, { onOwnAddress: true, platform: label })
    if (problem !== null) return problem
    if (result.kind !== 'answer') return retry('no answer', 'network')
    const body = result.body
    if (patterns.duplicate?.test(body) === true) return { kind: 'duplicate', note: excerpt(body) }
    if (patterns.reject?.test(body) === true) return { kind: 'rejected', reason: `${label} refused it: ${excerpt(body)}` }
    if (patterns.success?.test(body) === true) return { kind: 'accepted' }
    return { kind: 'submitted' }
  }

  return {
    platform: 'postback',
    capabilities: { canVerify: false, dedupesOrderId: config.dedupesOrderId, canReverse: config.reversalTemplate !== '', canPullCatalogue: false, verifySettleMs: 0 },
    pushSale: (sale, _step, options) => send(config.template, sale, options?.signal),
    pushReversal: (sale, options) =>
      config.reversalTemplate === '' ? Promise.resolve(configError(`${label}: no reversal template is set; reverse voided sales in the network`)) : send(config.reversalTemplate, sale, options?.signal),
    verifySale: () => Promise.resolve(configError(`${label} cannot be asked about a conversion`)),
    pullCatalogue: () => refusedDownload(`${label} offers no coupon list download: export the coupons there and load the file on the Coupons screen`),
    async testConnection(options) {
      const probe = await probeAddress(deps, config.baseUrl, options)
      const example = buildRequest(config, config.template, EXAMPLE_SALE, true)
      const checks = [`a sale is sent as ${example.method} ${example.url}${example.body === undefined ? '' : ` with ${example.body}`}`]
      if (!probe.reachable) return connectionVerdict(retry(`${label} not reached: ${probe.detail}`, 'network'), checks, '')
      checks.unshift(`${config.baseUrl} ${probe.detail}`)
      return connectionVerdict({ kind: 'ok' }, checks, `Reached ${label}. It cannot confirm conversions, so check the first sales in its panel.`)
    },
    probe: (options) => probeAddress(deps, config.baseUrl, options),
  }
}

const EXAMPLE_SALE: SaleForPlatform = {
  orderId: 'T1-20261121-0001',
  code: 'EXAMPLE10',
  amountMinor: 1250,
  currency: 'EUR',
  occurredAtMs: Date.UTC(2026, 10, 21, 10, 0, 0),
  affiliateId: null,
  campaignId: null,
  terminalId: 'T1',
  storeName: 'Store',
}

export function placeholderValues(sale: SaleForPlatform, token: string): Record<PostbackPlaceholder, string> {
  return {
    coupon: sale.code,
    order_id: sale.orderId,
    amount: minorToDecimalString(sale.amountMinor, sale.currency),
    amount_minor: String(sale.amountMinor),
    currency: sale.currency,
    timestamp_unix: String(Math.floor(sale.occurredAtMs / 1000)),
    timestamp_iso: new Date(sale.occurredAtMs).toISOString(),
    store_id: sale.storeName,
    terminal_id: sale.terminalId,
    token,
  }
}

/** Fills the template (every value URL-encoded); POST moves the query into a form body. */
export function buildRequest(config: PostbackConfig, template: string, sale: SaleForPlatform, maskToken = false): Omit<HttpRequest, 'timeoutMs' | 'signal'> {
  const values = placeholderValues(sale, maskToken && config.token !== '' ? '***' : config.token)
  const filled = template.replace(/\{([a-z_]+)\}/g, (whole, name: string) => {
    const value = (values as Record<string, string | undefined>)[name]
    return value === undefined ? whole : encodeURIComponent(value)
  })
  const url = `${config.baseUrl}${filled}`
  if (config.method === 'GET') return { method: 'GET', url, maxBodyBytes: 64 * 1024, freshConnection: true }
  const at = url.indexOf('?')
  return {
    method: 'POST',
    url: at === -1 ? url : url.slice(0, at),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: at === -1 ? '' : url.slice(at + 1),
    maxBodyBytes: 64 * 1024,
    freshConnection: true,
  }
}

function compile(pattern: string): RegExp | null {
  if (pattern === '') return null
  try {
    return new RegExp(pattern, 'i')
  } catch {
    return null
  }
}
