import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach } from 'vitest'

/**
 * Fresh folders under the system temp dir for real database files. `useTempDirs` hands out
 * folders for one test file and removes every one of them after each test.
 */

export function makeTempDir(label: string): string {
  return mkdtempSync(path.join(os.tmpdir(), `coupondesk-${label}-`))
}

export function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true, maxRetries: 3 })
}

export function useTempDirs(label: string): () => string {
  const made: string[] = []
  afterEach(() => {
    for (const dir of made.splice(0)) removeTempDir(dir)
  })
  return () => {
    const dir = makeTempDir(label)
    made.push(dir)
    return dir
  }
}
