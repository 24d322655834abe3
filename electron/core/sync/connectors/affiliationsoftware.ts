import type { AffiliationSoftwareConfig } from '../../../shared/platform-config'
import { minorToDecimalString } from '../../../shared/money'
import { excerpt, parseJson } from '../http-client'
import type { PushOutcome, VerifyOutcome } from '../outcome'
import { configError, retry } from '../outcome'
import type { Connector, ConnectorDeps, RequestOptions } from './connector'
import { connectionVerdict, formBody, mapUnsuccessful, probeAddress, refusedDownload, request, withQuery } from './common'

/**
 * AffiliationSoftware. Sales go through the conversion tracking pixel with the coupon
 * parameter; the two documentation generations disagree on its name (`cc`, `d`) and on the URL
 * shape (newer `<install>/tracking?v=&o=`, older `<install>/script/track.php?cid=&cost=&orderid=`),
 * so both are settings. The pixel's answer is an image: a 2xx is `submitted`. With an API key,
 * `transaction_read` confirms a sale by order id and `transaction_status` with status 2 declines
 * a voided one. The API's answer format is not documented in detail: an answer naming the
 * transaction counts as found, an error saying it does not exist as not found, anything else
 * as unreadable (retried, never guessed).
 */

const PLATFORM = 'AffiliationSoftware'
const NOT_FOUND = /not\s*found|no\s+transaction|does\s*n.?t\s+exist|not\s+exist|unknown\s+transaction|invalid\s+transaction/i
const BAD_KEY = /api\s*key|invalid\s+key|unauthori[sz]ed|not\s+allowed|permission/i

export function createAffiliationSoftwareConnector(config: AffiliationSoftwareConfig, deps: ConnectorDeps): Connector {
  const base = config.baseUrl
  const hasApi = config.apiKey !== ''

  const api = async (action: string, fields: Record<string, string>, options?: RequestOptions): Promise<{ ok: true; json: unknown } | { ok: false; outcome: PushOutcome }> => {
    const isKeyInUrl = config.apiStyle === 'key-in-url'
    const url = isKeyInUrl ? withQuery(`${base}/script/api`, { key: config.apiKey }) : `${base}/script/api`
    const body = isKeyInUrl
      ? formBody({ action, ...fields })
      : formBody({ afs_apikey: config.apiKey, afs_action: action, ...Object.fromEntries(Object.entries(fields).map(([name, value]) => [`afs_${name}`, value])) })
    const result = await request(deps, { method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, body }, options)
    const problem = mapUnsuccessful(result, deps, { onOwnAddress: true, platform: PLATFORM })
    if (problem !== null) return { ok: false, outcome: problem }
    if (result.kind !== 'answer') return { ok: false, outcome: retry('no answer', 'network') }
    const json = parseJson(result.body)
    if (json === null) return { ok: false, outcome: retry(`${PLATFORM} API answered something that is not JSON: ${excerpt(result.body, 80)}`, 'bad_answer') }
    const error = errorText(json)
    if (error !== null && BAD_KEY.test(error) && !NOT_FOUND.test(error)) return { ok: false, outcome: configError(`${PLATFORM} refused the API key: ${error}`) }
    return { ok: true, json }
  }

  const read = async (orderId: string, options?: RequestOptions): Promise<VerifyOutcome> => {
    const answer = await api('transaction_read', { transaction: orderId }, options)
    if (!answer.ok) {
      const outcome = answer.outcome
      if (outcome.kind === 'retry' || outcome.kind === 'config_error') return outcome
      return retry(outcome.kind === 'rejected' ? outcome.reason : `${PLATFORM} API: unexpected answer`, 'bad_answer')
    }
    const error = errorText(answer.json)
    if (error !== null) return NOT_FOUND.test(error) ? { kind: 'not_found' } : retry(`${PLATFORM} API: ${error}`, 'bad_answer')
    const record = transactionRecord(answer.json)
    if (record === null) return retry(`${PLATFORM} API answered the lookup with something unreadable`, 'bad_answer')
    const rawStatus = record.status ?? record.transaction_status
    const status = typeof rawStatus === 'string' || typeof rawStatus === 'number' ? String(rawStatus).toLowerCase() : ''
    if (status === '2' || status === 'declined') return { kind: 'declined', reason: `${PLATFORM} declined the transaction` }
    return { kind: 'found' }
  }

  return {
    platform: 'affiliationsoftware',
    capabilities: { canVerify: hasApi, dedupesOrderId: false, canReverse: hasApi, canPullCatalogue: false, verifySettleMs: config.verifySettleMinutes * 60_000 },

    async pushSale(sale, _step, options) {
      const amount = minorToDecimalString(sale.amountMinor, sale.currency)
      const url =
        config.trackingStyle === 'tracking'
          ? withQuery(`${base}/tracking`, { v: amount, o: sale.orderId, [config.couponParam]: sale.code })
          : withQuery(`${base}/script/track.php`, { cid: config.campaignId, cost: amount, orderid: sale.orderId, [config.couponParam]: sale.code })
      const result = await request(deps, { method: 'GET', url, maxBodyBytes: 64 * 1024, freshConnection: true }, options)
      return mapUnsuccessful(result, deps, { onOwnAddress: true, platform: PLATFORM }) ?? { kind: 'submitted' }
    },

    async pushReversal(sale, options) {
      if (!hasApi) return configError(`${PLATFORM} needs the API key to decline voided sales`)
      const answer = await api('transaction_status', { transaction: sale.orderId, status: '2' }, options)
      if (!answer.ok) return answer.outcome
      const error = errorText(answer.json)
      if (error === null) return { kind: 'accepted' }
      // Declining what the platform never had leaves it as wanted.
      if (NOT_FOUND.test(error)) return { kind: 'accepted', note: `${PLATFORM} had no such transaction` }
      return { kind: 'rejected', reason: `${PLATFORM} did not decline it: ${error}` }
    },

    async verifySale(sale, options) {
      if (!hasApi) return configError(`${PLATFORM} needs the API key to confirm sales`)
      return read(sale.orderId, options)
    },

    pullCatalogue() {
      return refusedDownload(`${PLATFORM} offers no documented coupon list download: export the coupons there and load the file on the Coupons screen`)
    },

    async testConnection(options) {
      const checks: string[] = []
      const reach = await request(deps, { method: 'GET', url: `${base}/`, maxBodyBytes: 4096 }, options)
      if (reach.kind === 'failure') return connectionVerdict(retry(`${PLATFORM} not reached: ${reach.message}`, 'network'), checks, '')
      checks.push(`${base} answered (HTTP ${reach.status})`)
      if (!hasApi) return connectionVerdict({ kind: 'ok' }, checks, `Reached ${PLATFORM}. Without the API key sales are sent but cannot be confirmed, and voids must be declined in the admin panel.`)
      const lookup = await read('__coupondesk_connection_test__', options)
      if (lookup.kind === 'retry' || lookup.kind === 'config_error') return connectionVerdict(lookup, checks, '')
      checks.push('the API key is accepted')
      return connectionVerdict({ kind: 'ok' }, checks, `Connected to ${PLATFORM}: the API key works.`)
    },

    probe: (options) => probeAddress(deps, `${base}/`, options),
  }
}

function errorText(json: unknown): string | null {
  if (json === false) return 'false'
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return null
  const record = json as Record<string, unknown>
  for (const name of ['error', 'errors', 'error_message']) {
    const value = record[name]
    if (typeof value === 'string' && value !== '') return value
    if (value !== undefined && value !== null && value !== false && typeof value === 'object') return JSON.stringify(value)
  }
  const status = record.status ?? record.result
  if ((status === 'error' || status === 'failed' || status === false) && typeof record.message === 'string') return record.message
  return null
}

function transactionRecord(json: unknown): Record<string, unknown> | null {
  if (json === null || typeof json !== 'object') return null
  const record = json as Record<string, unknown>
  for (const name of ['transaction', 'data', 'result']) {
    const inner = record[name]
    if (Array.isArray(inner) && inner.length > 0 && typeof inner[0] === 'object' && inner[0] !== null) return inner[0] as Record<string, unknown>
    if (inner !== null && typeof inner === 'object' && !Array.isArray(inner)) return inner as Record<string, unknown>
  }
  return 'orderid' in record || 'order_id' in record || 'id' in record ? record : null
}
