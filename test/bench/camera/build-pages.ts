import path from 'node:path'
import { build } from 'vite'
import type { InlineConfig } from 'vite'
import electronViteConfig from '../../../electron.vite.config'
import { REPO_ROOT } from '../kit'

/**
 * Fresh builds for the camera benchmark, so it never measures a stale `out/`: the app's renderer
 * (from the renderer section of electron.vite.config.ts, as `npm run build` makes it) and the
 * small decode page (test/bench/camera-page) that drives the very same decoder worker.
 */

const QUIET: Pick<InlineConfig, 'configFile' | 'logLevel'> = { configFile: false, logLevel: 'warn' }

export async function buildRenderer(outDir: string): Promise<void> {
  const renderer = (electronViteConfig as { renderer?: InlineConfig }).renderer
  if (renderer === undefined) throw new Error('electron.vite.config.ts has no renderer section')
  await build({
    ...renderer,
    ...QUIET,
    base: './',
    build: { ...renderer.build, outDir, emptyOutDir: true, modulePreload: { polyfill: false } },
  })
}

export async function buildDecodePage(outDir: string): Promise<void> {
  await build({
    ...QUIET,
    root: path.join(REPO_ROOT, 'test/bench/camera-page'),
    base: './',
    worker: { format: 'es' },
    build: { outDir, emptyOutDir: true, modulePreload: { polyfill: false }, target: 'chrome120' },
  })
}
