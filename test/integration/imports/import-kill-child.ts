import { writeSync } from 'node:fs'
import { createCore } from '../../../electron/core/core'
import { fileSource } from '../../../electron/core/imports/read/byte-source'

/**
 * The victim of import-kill.test.ts: imports the given sales file into the data folder, printing
 * each progress phase as it starts (synchronous writes, so the parent knows where it kills).
 * Bundled by the test and run with plain node.
 */

const [dataDir, file] = process.argv.slice(2)
if (dataDir === undefined || file === undefined) {
  writeSync(2, 'usage: import-kill-child <data-dir> <file>\n')
  process.exit(2)
}

async function main(dir: string, csv: string): Promise<void> {
  const core = createCore({ dataDir: dir, source: 'cli', actorPrefix: 'kill' })
  let phase = ''
  core.onEvent((event, payload) => {
    if (event !== 'job:progress') return
    const next = (payload as { phase: string }).phase
    if (next !== phase) {
      phase = next
      writeSync(1, `phase:${phase}\n`)
    }
  })
  const preview = await core.imports.openFile('sales', fileSource(csv))
  const run = await core.imports.run(preview.token, { ...preview.options, allowUnverified: true }, { dryRun: false })
  writeSync(1, `done:${run.sales?.imported ?? -1}\n`)
  core.close()
}

main(dataDir, file).catch((error: unknown) => {
  writeSync(2, `import child crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  process.exit(4)
})
