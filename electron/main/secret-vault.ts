import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { safeStorage } from 'electron'
import { createLogger } from '../core/logger'

const log = createLogger('secret-vault')

/**
 * Platform credentials at rest in the app: one file in the data folder, encrypted with
 * Electron's safeStorage (Keychain on macOS, DPAPI on Windows, the Secret Service or KWallet on
 * Linux). Main decrypts it at start and hands the values to the core in memory; the core asks
 * main to encrypt and write them when the manager saves. Nothing here ever reaches the window.
 * Where the operating system offers no real key store (Linux without a keyring falls back to a
 * hard-coded key), saving is refused with what to do, rather than storing secrets in the clear.
 */

export const VAULT_FILE_NAME = 'secrets.vault'

export type SafeStorageLike = Pick<typeof safeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'> & {
  getSelectedStorageBackend?: () => string
}

export interface SecretVault {
  readonly description: string
  load(): Record<string, string>
  save(values: Record<string, string>): void
}

export const VAULT_DESCRIPTION = "encrypted on this computer with the operating system's key store (Keychain, DPAPI or the Secret Service)"

export function createSecretVault(dataDir: string, storage: SafeStorageLike = safeStorage, platform: NodeJS.Platform = process.platform): SecretVault {
  const file = path.join(dataDir, VAULT_FILE_NAME)
  return {
    description: VAULT_DESCRIPTION,
    load() {
      if (!existsSync(file)) return {}
      try {
        const parsed = JSON.parse(storage.decryptString(readFileSync(file))) as unknown
        if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not a JSON object')
        return Object.fromEntries(Object.entries(parsed as Record<string, unknown>).filter((entry): entry is [string, string] => typeof entry[1] === 'string'))
      } catch (error) {
        // A vault from another user account or a reset key store cannot be read: the manager enters the credentials again.
        log.warn('the secret vault cannot be decrypted; platform credentials must be entered again', { reason: error instanceof Error ? error.message : 'unknown' })
        return {}
      }
    },
    save(values) {
      if (!storage.isEncryptionAvailable()) {
        throw new Error('This computer offers no encrypted storage for passwords, so CouponDesk will not keep platform credentials. Sign in to the desktop session (its key store unlocks then) and try again.')
      }
      if (platform === 'linux' && storage.getSelectedStorageBackend?.() === 'basic_text') {
        throw new Error('No key store (GNOME Keyring or KWallet) is running on this computer, so credentials could only be stored in the clear. Install or unlock a key store and try again.')
      }
      const temporary = `${file}.${process.pid}.tmp`
      writeFileSync(temporary, storage.encryptString(JSON.stringify(values)), { mode: 0o600 })
      renameSync(temporary, file)
    },
  }
}
