import { chmodSync, existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import { AppError } from '../../shared/errors'

/**
 * Where platform credentials live. The core asks for a secret by name (`partnero.apiToken`)
 * and never hands one to the window, a log line, an export or an audit entry.
 *
 * - In the app the values are encrypted at rest by main with Electron's safeStorage (the
 *   operating system's key store) and handed to the core in memory; saving goes back to main
 *   to be encrypted (`persistedSecretStore`).
 * - The CLI and the test host cannot reach safeStorage: they keep a JSON file in the data
 *   folder that only the user can read (mode 0600), and say so (`fileSecretStore`).
 */
export interface SecretStore {
  /** How the secrets are kept, in words for the settings screen and the CLI. */
  readonly description: string
  get(name: string): string | null
  /** Sets (string) or removes (null) each named secret; resolves once they are stored. */
  set(changes: Record<string, string | null>): Promise<void>
}

export const SECRETS_FILE_NAME = 'secrets.json'
const SecretsFile = z.record(z.string(), z.string())

export function fileSecretStore(dataDir: string): SecretStore {
  const file = path.join(dataDir, SECRETS_FILE_NAME)
  const read = (): Record<string, string> => {
    if (!existsSync(file)) return {}
    // A file someone copied with looser permissions is tightened before it is read.
    if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600)
    const parsed = SecretsFile.safeParse(safeJson(readFileSync(file, 'utf8')))
    if (!parsed.success) throw new AppError('DB_ERROR', `${file} is damaged; delete it and enter the platform credentials again`)
    return parsed.data
  }
  let values = read()
  return {
    description: `kept in ${file}, readable only by your user account (mode 0600), not encrypted: the CLI and the test host cannot use the app's encrypted store`,
    get: (name) => values[name] ?? null,
    set(changes) {
      const next = applyChanges(values, changes)
      const temporary = `${file}.${process.pid}.tmp`
      writeFileSync(temporary, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 })
      chmodSync(temporary, 0o600)
      renameSync(temporary, file)
      values = next
      return Promise.resolve()
    },
  }
}

/** The app's store: values given by main at start; saving asks main to encrypt and write them. */
export function persistedSecretStore(initial: Record<string, string>, persist: (all: Record<string, string>) => Promise<void>, description: string): SecretStore {
  let values = { ...initial }
  return {
    description,
    get: (name) => values[name] ?? null,
    async set(changes) {
      const next = applyChanges(values, changes)
      await persist(next)
      values = next
    },
  }
}

export function memorySecretStore(initial: Record<string, string> = {}): SecretStore {
  return persistedSecretStore(initial, () => Promise.resolve(), 'kept in memory only (tests)')
}

function applyChanges(values: Record<string, string>, changes: Record<string, string | null>): Record<string, string> {
  const next = { ...values }
  for (const [name, value] of Object.entries(changes)) {
    if (value === null || value === '') delete next[name]
    else next[name] = value
  }
  return next
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return null
  }
}
