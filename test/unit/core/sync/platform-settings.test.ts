import { describe, expect, it } from 'vitest'
import { memorySecretStore } from '../../../../electron/core/secrets/secret-store'
import type { StoredPlatformConfig } from '../../../../electron/core/sync/platform-settings'
import { mergePatch, platformConfigView, resolvePlatform, syncTuning } from '../../../../electron/core/sync/platform-settings'

const EMPTY: StoredPlatformConfig = { active: null, fields: {}, sync: {} }

describe('the platform settings document', () => {
  it('checks each field as it is set and keeps the canonical value', () => {
    const { next, changed, secretChanges } = mergePatch(EMPTY, { active: 'pap', platform: 'pap', fields: { baseUrl: 'https://shop.postaffiliatepro.com/', verifySettleMinutes: 5 }, secrets: { password: 'pw' } })
    expect(next).toEqual({ active: 'pap', fields: { pap: { baseUrl: 'https://shop.postaffiliatepro.com', verifySettleMinutes: 5 } }, sync: {} })
    expect(changed).toEqual(['platform', 'pap.baseUrl', 'pap.verifySettleMinutes', 'pap.password'])
    expect(secretChanges).toEqual({ 'pap.password': 'pw' })
  })

  it('refuses unknown fields, bad values and secrets sent as plain fields, naming the field', () => {
    expect(() => mergePatch(EMPTY, { platform: 'pap', fields: { colour: 'red' } })).toThrow(/Post Affiliate Pro has no field "colour"/)
    expect(() => mergePatch(EMPTY, { platform: 'pap', fields: { baseUrl: 'not a url' } })).toThrow('Address of your Post Affiliate Pro: "not a url" is not a web address (start it with https://)')
    expect(() => mergePatch(EMPTY, { platform: 'partnero', fields: { apiToken: 'x' } })).toThrow(/is a secret: send it with the secrets/)
    expect(() => mergePatch(EMPTY, { platform: 'partnero', secrets: { baseUrl: 'x' } })).toThrow(/is not a secret/)
  })

  it('says what is missing before a platform can be used', () => {
    const secrets = memorySecretStore()
    expect(resolvePlatform(EMPTY, secrets)).toBeNull()
    expect(resolvePlatform({ ...EMPTY, active: 'pap' }, secrets)).toEqual({ ok: false, platform: 'pap', problems: ['Post Affiliate Pro: Address of your Post Affiliate Pro: not set'] })
    expect(resolvePlatform({ ...EMPTY, active: 'partnero' }, secrets)).toEqual({ ok: false, platform: 'partnero', problems: ['Partnero: API token: not set'] })
    const withLogin = { ...EMPTY, active: 'pap' as const, fields: { pap: { baseUrl: 'https://x.example', username: 'm@x' } } }
    expect(resolvePlatform(withLogin, secrets)).toMatchObject({ ok: false, problems: ['Post Affiliate Pro: Merchant password: not set (or clear the merchant login)'] })
  })

  it('resolves a complete configuration with its secrets and defaults', () => {
    const secrets = memorySecretStore({ 'partnero.apiToken': 'tok' })
    expect(resolvePlatform({ ...EMPTY, active: 'partnero' }, secrets)).toEqual({
      ok: true,
      resolved: { platform: 'partnero', config: { baseUrl: 'https://api.partnero.com', apiToken: 'tok', customerKeyPrefix: 'pos-', partnerField: 'customer.partner.key', redeemCode: true, reversalStyle: 'path' } },
    })
  })

  it('shows the window whether a secret is set, never its value', () => {
    const view = platformConfigView({ ...EMPTY, active: 'partnero' }, memorySecretStore({ 'partnero.apiToken': 'sk_live_SECRET' }))
    expect(view.platforms.partnero).toEqual({ fields: { baseUrl: 'https://api.partnero.com', customerKeyPrefix: 'pos-', partnerField: 'customer.partner.key', redeemCode: true, reversalStyle: 'path' }, secretsSet: { apiToken: true }, problems: [] })
    expect(JSON.stringify(view)).not.toContain('SECRET')
  })

  it('falls back to the default for a stored tuning value that no longer parses', () => {
    expect(syncTuning({ ...EMPTY, sync: { concurrency: 999, backoffBaseMs: 2_000 } })).toMatchObject({ concurrency: 4, backoffBaseMs: 2_000 })
  })
})
