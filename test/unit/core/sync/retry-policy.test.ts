import { describe, expect, it } from 'vitest'
import { backoffCeiling, backoffDelay, classifyStatus, nextAttemptAt, platformNotBefore } from '../../../../electron/core/sync/retry-policy'

const DEFAULTS = { baseMs: 1_000, capMs: 300_000 }
const NOW = Date.parse('2026-11-21T10:00:00Z')

describe('the retry policy', () => {
  it('doubles the ceiling from 1 s and caps it at 5 minutes', () => {
    expect([1, 2, 3, 4, 5, 9, 10, 50].map((attempt) => backoffCeiling(attempt, DEFAULTS))).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 256_000, 300_000, 300_000])
  })

  it('draws each wait uniformly below the ceiling (full jitter)', () => {
    expect(backoffDelay(3, () => 0, DEFAULTS)).toBe(0)
    expect(backoffDelay(3, () => 0.5, DEFAULTS)).toBe(2_000)
    expect(backoffDelay(3, () => 0.999999, DEFAULTS)).toBe(3_999)
    expect(backoffDelay(40, () => 0.999999, DEFAULTS)).toBeLessThan(300_000)
  })

  it('reads Retry-After in seconds and as an HTTP date, and rate-limit resets as epoch seconds or seconds from now', () => {
    expect(platformNotBefore({ 'retry-after': '30' }, NOW)).toBe(NOW + 30_000)
    expect(platformNotBefore({ 'retry-after': new Date(NOW + 90_000).toUTCString() }, NOW)).toBe(NOW + 90_000)
    expect(platformNotBefore({ 'x-ratelimit-reset': String(NOW / 1000 + 12) }, NOW)).toBe(NOW + 12_000)
    expect(platformNotBefore({ 'ratelimit-reset': '7' }, NOW)).toBe(NOW + 7_000)
    expect(platformNotBefore({ 'retry-after': '5', 'x-ratelimit-reset': '20' }, NOW)).toBe(NOW + 20_000)
  })

  it('ignores missing or broken headers, never waits in the past, and caps an absurd wait at an hour', () => {
    expect(platformNotBefore({}, NOW)).toBeNull()
    expect(platformNotBefore({ 'retry-after': 'soon' }, NOW)).toBeNull()
    expect(platformNotBefore({ 'retry-after': new Date(NOW - 60_000).toUTCString() }, NOW)).toBe(NOW)
    expect(platformNotBefore({ 'retry-after': '999999' }, NOW)).toBe(NOW + 3_600_000)
  })

  it('maps statuses as connectors.md says', () => {
    expect([200, 201, 202, 204].map((status) => classifyStatus(status, true))).toEqual(['ok', 'ok', 'ok', 'ok'])
    expect([408, 500, 502, 503].map((status) => classifyStatus(status, true))).toEqual(['retry', 'retry', 'retry', 'retry'])
    expect(classifyStatus(429, true)).toBe('rate_limit')
    expect([401, 403].map((status) => classifyStatus(status, false))).toEqual(['config_error', 'config_error'])
    expect(classifyStatus(404, true)).toBe('config_error')
    expect(classifyStatus(404, false)).toBe('rejected')
    expect([400, 409, 422].map((status) => classifyStatus(status, true))).toEqual(['rejected', 'rejected', 'rejected'])
  })

  it('waits for the later of its own backoff and the platform\'s wish', () => {
    expect(nextAttemptAt({ nowMs: NOW, attempt: 1, random: () => 0.5, backoff: DEFAULTS, notBeforeMs: null })).toBe(NOW + 500)
    expect(nextAttemptAt({ nowMs: NOW, attempt: 1, random: () => 0.5, backoff: DEFAULTS, notBeforeMs: NOW + 10_000 })).toBe(NOW + 10_000)
  })
})
