import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'

// safeStorage stand-in: "encrypts" by reversing and tagging, so a plain-text leak would show.
const storage = {
  available: true,
  backend: 'gnome_libsecret',
  isEncryptionAvailable: vi.fn(() => storage.available),
  encryptString: vi.fn((text: string) => Buffer.from(`ENC:${[...text].reverse().join('')}`)),
  decryptString: vi.fn((bytes: Buffer) => {
    const text = bytes.toString('utf8')
    if (!text.startsWith('ENC:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.')
    return [...text.slice(4)].reverse().join('')
  }),
  getSelectedStorageBackend: vi.fn(() => storage.backend),
}
vi.mock('electron', () => ({ safeStorage: storage }))

const { createSecretVault, VAULT_FILE_NAME } = await import('../../../electron/main/secret-vault')
const { saveSecrets } = await import('../../../electron/main/core-client')

describe('the secret vault (safeStorage)', () => {
  const dirs: string[] = []
  const newDir = (): string => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'coupondesk-vault-'))
    dirs.push(dir)
    return dir
  }
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
    storage.available = true
    storage.backend = 'gnome_libsecret'
  })

  it('stores the credentials encrypted, readable only by the user, and reads them back', () => {
    const dir = newDir()
    const vault = createSecretVault(dir, undefined, 'linux')
    vault.save({ 'partnero.apiToken': 'sk_live_SECRET', 'pap.password': 'pässword' })

    const file = path.join(dir, VAULT_FILE_NAME)
    expect(readFileSync(file, 'utf8')).not.toContain('SECRET')
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(createSecretVault(dir, undefined, 'linux').load()).toEqual({ 'partnero.apiToken': 'sk_live_SECRET', 'pap.password': 'pässword' })
    expect(storage.encryptString).toHaveBeenCalled()
  })

  it('starts empty without a vault, and forgets a vault the key store can no longer decrypt', () => {
    const dir = newDir()
    expect(createSecretVault(dir).load()).toEqual({})
    createSecretVault(dir).save({ 'pap.password': 'x' })
    storage.decryptString.mockImplementationOnce(() => {
      throw new Error('key changed')
    })
    expect(createSecretVault(dir).load()).toEqual({})
  })

  it('refuses to store credentials where the operating system offers no encryption, or only a hard-coded key on Linux', () => {
    storage.available = false
    expect(() => createSecretVault(newDir()).save({ 'pap.password': 'x' })).toThrow(/no encrypted storage for passwords/)
    storage.available = true
    storage.backend = 'basic_text'
    expect(() => createSecretVault(newDir(), undefined, 'linux').save({ 'pap.password': 'x' })).toThrow(/No key store .* Install or unlock a key store/)
    expect(() => createSecretVault(newDir(), undefined, 'darwin').save({ 'pap.password': 'x' })).not.toThrow()
  })

  it('answers the core with the reason a save failed, never with the values', () => {
    storage.available = false
    const vault = createSecretVault(newDir())
    const answer = saveSecrets((values) => vault.save(values), { 'partnero.apiToken': 'sk_live_SECRET' })
    expect(answer).toMatch(/no encrypted storage/)
    expect(answer).not.toContain('SECRET')
    storage.available = true
    expect(saveSecrets((values) => vault.save(values), { 'partnero.apiToken': 'x' })).toBeNull()
  })
})
