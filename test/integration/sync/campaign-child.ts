import { writeSync } from 'node:fs'
import { createCore } from '../../../electron/core/core'

/**
 * The process the fault campaign kills: a core on the data folder it is given, draining the
 * outbox to whatever platform that folder is configured for, until SIGKILL. Bundled by the
 * test and run with plain node.
 */
const dataDir = process.argv[2]
if (dataDir === undefined) {
  writeSync(2, 'usage: campaign-child <data-dir>\n')
  process.exit(2)
}
try {
  createCore({ dataDir, source: 'till', actorPrefix: 'campaign', startSync: true })
  writeSync(1, 'syncing\n')
} catch (error) {
  writeSync(2, `campaign child could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  process.exit(4)
}
