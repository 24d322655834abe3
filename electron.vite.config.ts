import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

// Three bundles: the main process (plus the core's utility-process entry and the import's reader
// thread), the preload bridge, and the React renderer. The package stays CommonJS so the preload is a .js file a sandboxed
// window can load (toolchain.md, item 4).
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'electron/main/index.ts'),
          core: resolve(__dirname, 'electron/core/entry/utility-process.ts'),
          // A sales import's reader thread, started by the core from the file next to it.
          'import-reader': resolve(__dirname, 'electron/core/imports/sales/reader-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: { input: { index: resolve(__dirname, 'electron/preload/index.ts') } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react()],
    // The camera's decoder worker is an ES module worker (it loads its .wasm next to itself).
    worker: { format: 'es' },
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      rollupOptions: { input: resolve(__dirname, 'renderer/index.html') },
    },
  },
})
