import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { startHost } from './host-server'

// `npm run host -- [--data-dir <dir>] [--port <n>]`: the UI in any browser, on the real core.
const { values } = parseArgs({
  options: { 'data-dir': { type: 'string' }, port: { type: 'string' } },
})
const dataDir = path.resolve(values['data-dir'] ?? mkdtempSync(path.join(os.tmpdir(), 'coupondesk-host-')))
const port = values.port === undefined ? 5180 : Number(values.port)

startHost({ dataDir, port })
  .then((host) => {
    console.log(`CouponDesk test host on ${host.url} (data in ${dataDir}). Ctrl+C to stop.`)
    const stop = (): void => {
      void host.close().then(() => process.exit(0))
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
  })
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  })
