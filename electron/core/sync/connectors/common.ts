import type { ConnectionTest } from '../../../shared/sync-contract'
import { AppError } from '../../../shared/errors'
import type { HttpFetch, HttpRequest, HttpResult } from '../http-client'
import { excerpt } from '../http-client'
import type { ConfigErrorOutcome, PushOutcome, RetryOutcome } from '../outcome'
import { configError, retry } from '../outcome'
import { classifyStatus, platformNotBefore } from '../retry-policy'
import type { CataloguePage, ConnectorDeps, ProbeResult, RequestOptions } from './connector'

/** What every connector shares: request plumbing and the general answer mapping of connectors.md. */

export function request(deps: ConnectorDeps, init: Omit<HttpRequest, 'timeoutMs' | 'signal'>, options?: RequestOptions): Promise<HttpResult> {
  return deps.http({ ...init, timeoutMs: deps.timeoutMs, ...(options?.signal === undefined ? {} : { signal: options.signal }) })
}

/**
 * Maps an answer that is not a plain success: network failures and 408/429/5xx to retry,
 * 401/403/404-on-our-endpoint to config errors, other 4xx to a refusal. Returns null for 2xx
 * so the connector reads the body itself.
 */
export function mapUnsuccessful(
  result: HttpResult,
  deps: ConnectorDeps,
  options: { onOwnAddress: boolean; platform: string },
): RetryOutcome | ConfigErrorOutcome | { kind: 'rejected'; reason: string } | null {
  if (result.kind === 'failure') {
    return retry(`${options.platform} not reached: ${result.message}`, 'network', { maybeDelivered: result.sent === 'maybe' })
  }
  const status = classifyStatus(result.status, options.onOwnAddress)
  const said = result.body.trim() === '' ? '' : `: ${excerpt(result.body)}`
  switch (status) {
    case 'ok':
      return null
    case 'rate_limit':
      return retry(`${options.platform} asks to slow down (HTTP 429)`, 'rate_limit', { notBeforeMs: platformNotBefore(result.headers, deps.now()) })
    case 'retry':
      return retry(`${options.platform} answered HTTP ${result.status}${said}`, 'server', { notBeforeMs: platformNotBefore(result.headers, deps.now()) })
    case 'config_error':
      return configError(configProblem(options.platform, result.status, said))
    case 'rejected':
      return { kind: 'rejected', reason: `${options.platform} refused it (HTTP ${result.status})${said}` }
    default:
      return status satisfies never
  }
}

function configProblem(platform: string, status: number, said: string): string {
  if (status === 401) return `${platform} refused the credentials (HTTP 401${said}). Check them in Settings > Platform.`
  if (status === 403) return `${platform} denied access (HTTP 403${said}). Check the credentials and that API access is enabled.`
  return `${platform} has nothing at this address (HTTP ${status}). Check the address in Settings > Platform.`
}

/** Reachability: any HTTP answer, whatever its status, means the platform can be reached. */
export async function probeAddress(deps: ConnectorDeps, url: string, options?: RequestOptions): Promise<ProbeResult> {
  const result = await request(deps, { method: 'GET', url, maxBodyBytes: 4096 }, options)
  return result.kind === 'answer'
    ? { reachable: true, detail: `answered HTTP ${result.status}` }
    : { reachable: false, detail: result.message }
}

/** Turns a push outcome of a test request into the verdict the settings screen shows. */
export function connectionVerdict(outcome: PushOutcome | { kind: 'ok' }, checks: string[], okMessage: string): ConnectionTest {
  switch (outcome.kind) {
    case 'ok':
    case 'accepted':
    case 'submitted':
    case 'duplicate':
      return { ok: true, verdict: 'ok', message: okMessage, checks }
    case 'config_error':
      return { ok: false, verdict: 'config_error', message: outcome.reason, checks }
    case 'retry':
      return outcome.cause === 'network'
        ? { ok: false, verdict: 'unreachable', message: outcome.reason, checks }
        : { ok: false, verdict: 'error', message: outcome.reason, checks }
    case 'rejected':
      return { ok: false, verdict: 'error', message: outcome.reason, checks }
    default:
      return outcome satisfies never
  }
}

/** Catalogue downloads stop on the first failure: the old catalogue stays as it is. */
export function catalogueFailure(outcome: RetryOutcome | ConfigErrorOutcome | { kind: 'rejected'; reason: string }): AppError {
  if (outcome.kind === 'config_error') return new AppError('PLATFORM_REFUSED', outcome.reason)
  if (outcome.kind === 'retry' && outcome.cause === 'network') return new AppError('PLATFORM_UNREACHABLE', outcome.reason)
  return new AppError('PLATFORM_REFUSED', outcome.kind === 'retry' ? outcome.reason : outcome.reason)
}

/** The catalogue download of a platform that has none: fails on the first page with the reason. */
// eslint-disable-next-line require-yield -- it never yields: it refuses
export async function* refusedDownload(reason: string): AsyncGenerator<CataloguePage> {
  await Promise.resolve()
  throw catalogueFailure(configError(reason))
}

export function formBody(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString()
}

export function withQuery(url: string, params: Record<string, string | undefined>): string {
  const search = new URLSearchParams()
  for (const [name, value] of Object.entries(params)) if (value !== undefined && value !== '') search.append(name, value)
  const query = search.toString()
  return query === '' ? url : `${url}${url.includes('?') ? '&' : '?'}${query}`
}

export type { HttpFetch }
