import { z } from 'zod'
import type { PapConfig } from '../../../shared/platform-config'
import { minorToDecimalString } from '../../../shared/money'
import { excerpt, parseJson } from '../http-client'
import type { ConfigErrorOutcome, PushOutcome, RetryOutcome, VerifyOutcome } from '../outcome'
import { configError, retry } from '../outcome'
import type { Connector, ConnectorDeps, PulledCoupon, RequestOptions } from './connector'
import { catalogueFailure, connectionVerdict, formBody, mapUnsuccessful, probeAddress, request, withQuery } from './common'

/**
 * Post Affiliate Pro. Sales go to the tracking script `scripts/sale.php` (no login; PAP takes
 * affiliate and campaign from the coupon). Its answer says nothing about the commission, so a
 * 2xx is `submitted`. With a merchant login, API v1 (JSON-RPC over `scripts/server.php`, form
 * field `D`) confirms sales by order id, lists coupons (coupon banners, then coupons per
 * banner) and declines or refunds voided sales. Sessions expire: on `session_closed` the
 * connector logs in again once and repeats the call.
 */

const PLATFORM = 'Post Affiliate Pro'
const COUPON_PAGE = 100

type RpcRequest = Record<string, unknown> & { C: string; M: string }
type RpcFailure = RetryOutcome | ConfigErrorOutcome | { kind: 'rejected'; reason: string }
type RpcResult = { ok: true; value: unknown } | { ok: false; failure: RpcFailure }

const GridSchema = z.object({ rows: z.array(z.array(z.unknown())), count: z.union([z.number(), z.string()]).nullish() }).loose()
const FormSchema = z.object({ fields: z.array(z.array(z.unknown())).nullish(), success: z.string().nullish(), message: z.string().nullish() }).loose()

export function createPapConnector(config: PapConfig, deps: ConnectorDeps): Connector {
  const base = config.baseUrl
  const hasApi = config.username !== '' && config.password !== ''
  let session: Promise<{ ok: true; id: string } | { ok: false; failure: RpcFailure }> | null = null

  const post = async (payload: Record<string, unknown>, options?: RequestOptions): Promise<RpcResult> => {
    const result = await request(
      deps,
      { method: 'POST', url: `${base}/scripts/server.php`, headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, body: formBody({ D: JSON.stringify(payload) }) },
      options,
    )
    const problem = mapUnsuccessful(result, deps, { onOwnAddress: true, platform: PLATFORM })
    if (problem !== null) return { ok: false, failure: problem }
    if (result.kind !== 'answer') return { ok: false, failure: retry('no answer', 'network') }
    const json = parseJson(result.body)
    if (json === null) return { ok: false, failure: retry(`${PLATFORM} API answered something that is not JSON: ${excerpt(result.body, 80)}`, 'bad_answer') }
    return { ok: true, value: json }
  }

  const login = async (options?: RequestOptions): Promise<{ ok: true; id: string } | { ok: false; failure: RpcFailure }> => {
    const answer = await post(
      {
        C: 'Gpf_Rpc_Server',
        M: 'run',
        requests: [
          {
            C: 'Gpf_Api_AuthService',
            M: 'authenticate',
            fields: [['name', 'value'], ['username', config.username], ['password', config.password], ['roleType', 'M'], ['isFromApi', 'Y'], ['apiVersion', '']],
          },
        ],
      },
      options,
    )
    if (!answer.ok) return answer
    const first = Array.isArray(answer.value) ? (answer.value as unknown[])[0] : answer.value
    const error = rpcError(first)
    if (error !== null) return { ok: false, failure: configError(`${PLATFORM} refused the merchant login: ${error}`) }
    const form = FormSchema.safeParse(first)
    const id = form.success ? formField(form.data.fields, 'S') : null
    if (!form.success || form.data.success === 'N' || id === null) {
      const message = form.success ? (form.data.message ?? 'no session was given') : 'unreadable answer'
      return { ok: false, failure: configError(`${PLATFORM} refused the merchant login: ${message}`) }
    }
    return { ok: true, id }
  }

  const sessionId = (options?: RequestOptions): Promise<{ ok: true; id: string } | { ok: false; failure: RpcFailure }> => {
    session ??= login(options).then((outcome) => {
      if (!outcome.ok) session = null
      return outcome
    })
    return session
  }

  /** One API call, with one fresh login when the session closed. */
  const call = async (rpc: RpcRequest, options?: RequestOptions): Promise<RpcResult> => {
    for (let attempt = 0; attempt < 2; attempt++) {
      const current = await sessionId(options)
      if (!current.ok) return { ok: false, failure: current.failure }
      const answer = await post({ C: 'Gpf_Rpc_Server', M: 'run', requests: [rpc], S: current.id }, options)
      if (!answer.ok) return answer
      const first = Array.isArray(answer.value) ? (answer.value as unknown[])[0] : answer.value
      const error = rpcError(first)
      if (error === null) return { ok: true, value: first }
      if (!/session_closed|session expired|not logged/i.test(error)) return { ok: false, failure: { kind: 'rejected', reason: `${PLATFORM} API: ${error}` } }
      session = null
    }
    return { ok: false, failure: retry(`${PLATFORM} closed the API session twice in a row`, 'bad_answer') }
  }

  const grid = async (rpc: RpcRequest, options?: RequestOptions): Promise<{ ok: true; rows: Record<string, string>[]; count: number | null } | { ok: false; failure: RpcFailure }> => {
    const answer = await call(rpc, options)
    if (!answer.ok) return answer
    const parsed = GridSchema.safeParse(answer.value)
    if (!parsed.success) return { ok: false, failure: retry(`${PLATFORM} API answered ${rpc.C} with something unreadable`, 'bad_answer') }
    const [header, ...rows] = parsed.data.rows
    const names = (header ?? []).map((cell) => String(cell))
    const records = rows.map((row) => Object.fromEntries(names.map((name, index) => [name, cellText(row[index])])))
    const count = parsed.data.count === null || parsed.data.count === undefined ? null : Number(parsed.data.count)
    return { ok: true, rows: records, count: Number.isFinite(count) ? count : null }
  }

  const byOrderId = async (orderId: string, options?: RequestOptions): Promise<VerifyOutcome> => {
    const rows = await grid(
      {
        C: 'Pap_Merchants_Transaction_TransactionsGrid',
        M: 'getRows',
        offset: 0,
        limit: 30,
        filters: [['orderid', 'E', orderId]],
        columns: [['id'], ['orderid'], ['rstatus'], ['totalcost']],
      },
      options,
    )
    if (!rows.ok) return rows.failure.kind === 'rejected' ? retry(rows.failure.reason, 'bad_answer') : rows.failure
    const mine = rows.rows.filter((row) => row.orderid === orderId)
    if (mine.length === 0) return { kind: 'not_found' }
    if (mine.every((row) => row.rstatus === 'D')) return { kind: 'declined', reason: `${PLATFORM} declined the commission` }
    return { kind: 'found' }
  }

  return {
    platform: 'pap',
    capabilities: {
      canVerify: hasApi,
      dedupesOrderId: false,
      canReverse: hasApi,
      canPullCatalogue: hasApi,
      verifySettleMs: config.verifySettleMinutes * 60_000,
    },

    async pushSale(sale, _step, options): Promise<PushOutcome> {
      const url = withQuery(`${base}/scripts/sale.php`, {
        AccountId: config.accountId,
        TotalCost: minorToDecimalString(sale.amountMinor, sale.currency),
        OrderID: sale.orderId,
        Coupon: sale.code,
        Currency: config.sendCurrency ? sale.currency : undefined,
        PStatus: config.saleStatus,
        CampaignID: config.campaignId,
        ActionCode: config.actionCode,
        // The till and the sale time, for the merchant to see in PAP (sale.php takes no timestamp).
        data1: sale.terminalId,
        data2: new Date(sale.occurredAtMs).toISOString(),
      })
      const result = await request(deps, { method: 'GET', url, maxBodyBytes: 64 * 1024, freshConnection: true }, options)
      return mapUnsuccessful(result, deps, { onOwnAddress: true, platform: PLATFORM }) ?? { kind: 'submitted' }
    },

    async pushReversal(sale, options) {
      if (!hasApi) return configError(`${PLATFORM} needs the merchant login to reverse sales`)
      const answer = await call(
        {
          C: 'Pap_Merchants_Transaction_TransactionsForm',
          M: config.reversal === 'refund' ? 'refundByOrderId' : 'declineByOrderId',
          fields: [['name', 'value'], ['orderid', sale.orderId], ['note', `Voided on till ${sale.terminalId}`]],
        },
        options,
      )
      if (!answer.ok) return answer.failure
      const form = FormSchema.safeParse(answer.value)
      if (form.success && form.data.success === 'N') return { kind: 'rejected', reason: `${PLATFORM} did not reverse it: ${form.data.message ?? 'no reason given'}` }
      return { kind: 'accepted' }
    },

    async verifySale(sale, options) {
      if (!hasApi) return configError(`${PLATFORM} needs the merchant login to confirm sales`)
      return byOrderId(sale.orderId, options)
    },

    async *pullCatalogue(options) {
      if (!hasApi) throw catalogueFailure(configError(`Downloading coupons from ${PLATFORM} needs the merchant login (Settings > Platform)`))
      const banners = await grid(
        { C: 'Pap_Merchants_Banner_BannersGrid', M: 'getRows', offset: 0, limit: 1000, filters: [['type', 'IN', 'C']], columns: [['id'], ['name'], ['campaignid'], ['campaignname']] },
        options,
      )
      if (!banners.ok) throw catalogueFailure(banners.failure)
      for (const banner of banners.rows) {
        for (let offset = 0; ; offset += COUPON_PAGE) {
          const page = await grid(
            {
              C: 'Pap_Features_Coupon_CouponsGrid',
              M: 'getRows',
              offset,
              limit: COUPON_PAGE,
              filters: [['bannerid', 'E', banner.id ?? '']],
              columns: [['id'], ['couponcode'], ['userid'], ['username'], ['firstname'], ['lastname'], ['rstatus'], ['valid_from'], ['valid_to'], ['limit_use'], ['usecount']],
            },
            options,
          )
          if (!page.ok) throw catalogueFailure(page.failure)
          yield { coupons: page.rows.map((row) => toPulledCoupon(row, banner)), total: null }
          if (page.rows.length < COUPON_PAGE) break
        }
      }
    },

    async testConnection(options) {
      const checks: string[] = []
      const reach = await request(deps, { method: 'GET', url: `${base}/scripts/server.php`, maxBodyBytes: 4096 }, options)
      const problem = mapUnsuccessful(reach, deps, { onOwnAddress: true, platform: PLATFORM })
      if (problem !== null && problem.kind !== 'rejected') return connectionVerdict(problem, checks, '')
      checks.push(`${base} answers like a Post Affiliate Pro install`)
      if (!hasApi) {
        return connectionVerdict({ kind: 'ok' }, checks, 'Reached Post Affiliate Pro. Without the merchant login sales are sent but cannot be confirmed, coupons cannot be downloaded and voids must be reversed in PAP.')
      }
      const loggedIn = await sessionId(options)
      if (!loggedIn.ok) return connectionVerdict(loggedIn.failure, checks, '')
      checks.push(`logged in as ${config.username}`)
      const lookup = await byOrderId('__coupondesk_connection_test__', options)
      if (lookup.kind === 'retry' || lookup.kind === 'config_error') return connectionVerdict(lookup, checks, '')
      checks.push('transactions can be looked up by order id')
      return connectionVerdict({ kind: 'ok' }, checks, `Connected to Post Affiliate Pro as ${config.username}.`)
    },

    probe: (options) => probeAddress(deps, `${base}/scripts/server.php`, options),
  }
}

function rpcError(value: unknown): string | null {
  if (value !== null && typeof value === 'object' && 'e' in value) {
    const error = (value).e
    return typeof error === 'string' ? error : JSON.stringify(error)
  }
  return null
}

function formField(fields: unknown[][] | null | undefined, name: string): string | null {
  if (fields === null || fields === undefined) return null
  const [header, ...rows] = fields
  const nameAt = (header ?? []).indexOf('name')
  const valueAt = (header ?? []).indexOf('value')
  const row = rows.find((candidate) => candidate[nameAt === -1 ? 0 : nameAt] === name)
  const value = row?.[valueAt === -1 ? 1 : valueAt]
  return typeof value === 'string' && value !== '' ? value : null
}

/** PAP writes "no limit" dates as zeros. */
function papDate(text: string | undefined): string | undefined {
  if (text === undefined || text === '' || text.startsWith('0000-00-00')) return undefined
  return text
}

function toPulledCoupon(row: Record<string, string>, banner: Record<string, string>): PulledCoupon {
  const name = [row.firstname, row.lastname].filter((part) => part !== undefined && part !== '').join(' ')
  return {
    code: row.couponcode ?? '',
    affiliate_id: row.userid,
    affiliate_name: name !== '' ? name : row.username,
    campaign_id: banner.campaignid,
    campaign_name: banner.campaignname,
    valid_from: papDate(row.valid_from),
    valid_to: papDate(row.valid_to),
    status: row.rstatus === undefined || row.rstatus === '' ? undefined : row.rstatus === 'A' ? 'active' : 'inactive',
    max_uses: row.limit_use,
    times_used: row.usecount,
  }
}

function cellText(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : ''
}
