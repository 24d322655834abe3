/**
 * The retry policy, as pure functions (style.md: pure pieces apart from effectful ones).
 *
 * - Exponential backoff with full jitter: the n-th wait is uniform in [0, min(cap, base * 2^(n-1))]
 *   (base 1 s, cap 5 minutes by default), so many tills coming back online do not retry in step.
 * - The platform's own word wins when it asks for more: `Retry-After` (seconds or an HTTP date),
 *   `X-RateLimit-Reset` / `RateLimit-Reset` (epoch seconds or seconds from now), capped at an
 *   hour so a broken header cannot park the queue for a day.
 * - HTTP answers map as connectors.md says: 2xx ok; 408, 429, 5xx retry; 401, 403 and a 404 on
 *   the platform's own address config error; any other 4xx a refusal of this one request.
 */

export interface BackoffSettings {
  baseMs: number
  capMs: number
}

export const MAX_PLATFORM_WAIT_MS = 60 * 60_000

export function backoffCeiling(attempt: number, settings: BackoffSettings): number {
  const exponent = Math.min(Math.max(attempt, 1) - 1, 40)
  return Math.min(settings.capMs, settings.baseMs * 2 ** exponent)
}

/** Full jitter: a uniformly random wait below the ceiling of this attempt. */
export function backoffDelay(attempt: number, random: () => number, settings: BackoffSettings): number {
  return Math.floor(random() * backoffCeiling(attempt, settings))
}

/** When the platform allows the next request, from its headers; null when it does not say. */
export function platformNotBefore(headers: Readonly<Record<string, string | undefined>>, nowMs: number): number | null {
  const waits: number[] = []
  const retryAfter = headers['retry-after']?.trim()
  if (retryAfter !== undefined && retryAfter !== '') {
    if (/^\d+(\.\d+)?$/.test(retryAfter)) waits.push(Number(retryAfter) * 1000)
    else {
      const at = Date.parse(retryAfter)
      if (!Number.isNaN(at)) waits.push(at - nowMs)
    }
  }
  for (const name of ['x-ratelimit-reset', 'ratelimit-reset']) {
    const value = headers[name]?.trim()
    if (value === undefined || !/^\d+(\.\d+)?$/.test(value)) continue
    const number = Number(value)
    // Epoch seconds are large; a small number is seconds from now.
    waits.push(number > 1_000_000_000 ? number * 1000 - nowMs : number * 1000)
  }
  if (waits.length === 0) return null
  const wait = Math.min(Math.max(0, Math.max(...waits)), MAX_PLATFORM_WAIT_MS)
  return nowMs + Math.ceil(wait)
}

export type StatusClass = 'ok' | 'retry' | 'rate_limit' | 'config_error' | 'rejected'

/** `onOwnAddress`: the request went to a fixed endpoint of the platform, so a 404 means a wrong base URL. */
export function classifyStatus(status: number, onOwnAddress: boolean): StatusClass {
  if (status >= 200 && status < 300) return 'ok'
  if (status === 429) return 'rate_limit'
  if (status === 408 || status >= 500) return 'retry'
  if (status === 401 || status === 403) return 'config_error'
  if (status === 404 && onOwnAddress) return 'config_error'
  return 'rejected'
}

/** When the next attempt of an item may run: the later of our backoff and the platform's wish. */
export function nextAttemptAt(options: {
  nowMs: number
  attempt: number
  random: () => number
  backoff: BackoffSettings
  notBeforeMs: number | null
}): number {
  const ours = options.nowMs + backoffDelay(options.attempt, options.random, options.backoff)
  return options.notBeforeMs === null ? ours : Math.max(ours, options.notBeforeMs)
}
