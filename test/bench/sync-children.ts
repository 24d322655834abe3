import type { ChildProcess } from 'node:child_process'
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { CHILD_RESULT_PREFIX } from './kit'
import type { SyncChildResult } from './sync.child'

/** Starting `sync.child.ts` processes: a fake platform in a process of its own, or a measured run. */

const CHILD_SCRIPT = path.join(__dirname, 'sync.child.ts')
const TSX_LOADER = pathToFileURL(createRequire(__filename).resolve('tsx')).href

export interface RemoteFake {
  url: string
  /** Requests the fake received and order ids it counted (twice counted must stay 0). */
  stats(): Promise<{ requests: number; conversions: number; doubled: number }>
  stop(): void
}

/** A fake Partnero in another process, so its 5 ms answers never wait on the measured process. */
export function startRemotePartnero(latencyMs: number, codes: number): Promise<RemoteFake> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, ['--import', TSX_LOADER, CHILD_SCRIPT, 'fake-partnero', String(latencyMs), String(codes)], { stdio: ['ignore', 'pipe', 'inherit'] })
    let stdout = ''
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk
      const line = stdout.split('\n').find((candidate) => candidate.startsWith('FAKE_URL '))
      if (line === undefined) return
      const url = line.slice('FAKE_URL '.length).trim()
      resolve({
        url,
        async stats() {
          const response = await fetch(`${url}/__fake/stats`)
          return (await response.json()) as { requests: number; conversions: number; doubled: number }
        },
        stop: () => void child.kill('SIGTERM'),
      })
    })
    child.once('error', reject)
    child.once('exit', (code) => reject(new Error(`fake platform exited with ${String(code)} before it listened`)))
  })
}

export function runSyncChild(args: readonly string[]): Promise<SyncChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', TSX_LOADER, CHILD_SCRIPT, ...args], { stdio: ['ignore', 'pipe', 'inherit'] })
    let stdout = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.once('error', reject)
    child.once('close', (code) => {
      const line = stdout.split('\n').find((candidate) => candidate.startsWith(CHILD_RESULT_PREFIX))
      if (code !== 0 || line === undefined) reject(new Error(`sync child "${args.join(' ')}" exited with ${String(code)}: ${stdout.slice(-1000)}`))
      else resolve(JSON.parse(line.slice(CHILD_RESULT_PREFIX.length)) as SyncChildResult)
    })
  })
}
