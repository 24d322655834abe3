import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import {
  BaseUrl,
  PLATFORM_FIELDS,
  PLATFORM_IDS,
  PLATFORM_SCHEMAS,
  POSTBACK_PRESETS,
  PostbackConfigSchema,
  PostbackTemplate,
  SyncTuningSchema,
  defaultSyncTuning,
  parseFieldText,
  platformFieldSchema,
} from '../../../electron/shared/platform-config'

describe('platform settings', () => {
  it('has a field spec for every configuration field of every platform and no spec without a field', () => {
    for (const id of PLATFORM_IDS) {
      const fields = Object.keys(PLATFORM_SCHEMAS[id].shape).sort()
      expect(PLATFORM_FIELDS[id].map((spec) => spec.name).sort()).toEqual(fields)
      for (const spec of PLATFORM_FIELDS[id]) expect(spec.help.length).toBeGreaterThan(10)
    }
  })

  it('takes an http(s) base address, drops its trailing slash, and names what is wrong with a bad one', () => {
    expect(BaseUrl.parse(' https://shop.postaffiliatepro.com/ ')).toBe('https://shop.postaffiliatepro.com')
    expect(BaseUrl.parse('http://127.0.0.1:8080/affiliate//')).toBe('http://127.0.0.1:8080/affiliate')
    const problem = (text: string): string | undefined => BaseUrl.safeParse(text).error?.issues[0]?.message
    expect(problem('shop.example.com')).toBe('"shop.example.com" is not a web address (start it with https://)')
    expect(problem('ftp://shop.example.com')).toBe('use an http:// or https:// address')
    expect(problem('https://user:pw@shop.example.com')).toMatch(/do not put a user name or password/)
    expect(problem('https://shop.example.com/?a=1')).toBe('the address takes no ?query or #fragment')
    expect(problem('')).toMatch(/enter the address/)
  })

  it('accepts postback templates with known placeholders only, and names the unknown one', () => {
    expect(PostbackTemplate.parse('/pb?o={order_id}&c={coupon}')).toBe('/pb?o={order_id}&c={coupon}')
    expect(PostbackTemplate.safeParse('/pb?o={orderid}').error?.issues[0]?.message).toMatch(/^unknown placeholder \{orderid\}; use \{coupon\}/)
    expect(PostbackTemplate.safeParse('https://elsewhere/pb').error?.issues[0]?.message).toMatch(/start the template with \/ or \?/)
  })

  it('ships presets that are valid configurations', () => {
    for (const preset of Object.values(POSTBACK_PRESETS)) {
      const parsed = PostbackConfigSchema.safeParse({ baseUrl: 'https://network.example.com', template: preset.template, successPattern: preset.successPattern, duplicatePattern: preset.duplicatePattern, rejectPattern: preset.rejectPattern })
      expect(parsed.success).toBe(true)
      expect(preset.template).toContain('{order_id}')
      expect(preset.template).toMatch(/\{coupon\}/)
    }
  })

  it('refuses a regular expression that does not compile', () => {
    expect(PostbackConfigSchema.shape.successPattern.safeParse('success=(true').success).toBe(false)
  })

  it('reads typed values from text as the CLI and the form give them', () => {
    expect(parseFieldText('boolean', z.boolean(), 'Send the currency', 'no')).toEqual({ ok: true, value: false })
    expect(parseFieldText('number', z.number().int().min(0), 'Minutes', '15')).toEqual({ ok: true, value: 15 })
    expect(parseFieldText('number', z.number().int().min(0), 'Minutes', 'soon')).toEqual({ ok: false, reason: 'Minutes: Invalid input: expected number, received string' })
    expect(parseFieldText('secret', z.string(), 'Token', '  spaced  ')).toEqual({ ok: true, value: '  spaced  ' })
    expect(platformFieldSchema('pap', 'nope')).toBeUndefined()
    expect(platformFieldSchema('pap', 'reversal')?.safeParse('refund').success).toBe(true)
  })

  it('has safe sync defaults: 1 s to 5 minutes of backoff, a 2-minute stuck alert, probes every 5 s at most', () => {
    expect(defaultSyncTuning()).toEqual({ concurrency: 4, requestTimeoutMs: 30_000, backoffBaseMs: 1_000, backoffCapMs: 300_000, probeIntervalMs: 5_000, stuckAfterMs: 120_000, verifyAttempts: 6, verifyDelayMs: 60_000 })
    expect(SyncTuningSchema.shape.concurrency.safeParse(0).success).toBe(false)
  })
})
