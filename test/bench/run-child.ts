import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { BuildOptions } from 'esbuild'
import { build } from 'esbuild'
import type { ChildResult } from './catalog.child'
import { CHILD_RESULT_PREFIX, nowMs } from './kit'

/**
 * Runs `catalog.child.ts` in a fresh Node process with the tsx loader (resolved to an absolute
 * URL, so it loads whatever the working directory is) and returns the result line it prints.
 */

const CHILD_SCRIPT = path.join(__dirname, 'catalog.child.ts')
const TSX_LOADER = pathToFileURL(createRequire(__filename).resolve('tsx')).href

export interface ChildRun extends ChildResult {
  /** Parent-side wall time, including process start and TypeScript loading. */
  wallMs: number
}

export function runCatalogChild(args: readonly string[]): Promise<ChildRun> {
  return runChild(CHILD_SCRIPT, args)
}

/** Runs a benchmark child script (one of this folder's `*.child.ts`) with its arguments. */
export function runChild(script: string, args: readonly string[]): Promise<ChildRun> {
  return spawnChild(['--import', TSX_LOADER, script, ...args])
}

/**
 * Runs a child script bundled to plain JavaScript first, as the app runs its core: its memory
 * is then the work's and Node's, without the TypeScript loader's (about 70 MB).
 */
export async function runBundledChild(script: string, args: readonly string[], outDir: string): Promise<ChildRun> {
  const bundle = path.join(outDir, `${path.basename(script, '.ts')}.cjs`)
  const options: BuildOptions = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['better-sqlite3'], logLevel: 'warning' }
  await build({ ...options, entryPoints: [script], outfile: bundle })
  // The sales import's reader thread, where the bundled core looks for it (as in the app's build).
  await build({ ...options, entryPoints: [path.join(__dirname, '../../electron/core/imports/sales/reader-worker.ts')], outfile: path.join(outDir, 'import-reader.js') })
  return spawnChild([bundle, ...args], { NODE_PATH: path.join(__dirname, '../../node_modules') })
}

function spawnChild(argv: readonly string[], env: Record<string, string> = {}): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const started = nowMs()
    const child = spawn(process.execPath, [...argv], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let stdout = ''
    child.stdout.setEncoding('utf8')
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk
    })
    child.on('error', reject)
    child.on('close', (code) => {
      const line = stdout.split('\n').find((candidate) => candidate.startsWith(CHILD_RESULT_PREFIX))
      if (code !== 0 || line === undefined) {
        reject(new Error(`child "${argv.join(' ')}" exited with ${String(code)}: ${stdout.slice(-2000)}`))
        return
      }
      resolve({ ...(JSON.parse(line.slice(CHILD_RESULT_PREFIX.length)) as ChildResult), wallMs: nowMs() - started })
    })
  })
}
