import { writeSync } from 'node:fs'
import { createCore } from '../../../electron/core/core'
import type { ChannelOutput } from '../../../electron/shared/contract'

/**
 * The victim of the kill loop (kill-loop.test.ts): opens the core on the data folder it is
 * given and registers sales as fast as it can. Only after `sale:register` answered ok does it
 * print the order id, with a synchronous write, so every id the parent reads was confirmed to
 * a cashier. Bundled by the test and run with plain node.
 */

const dataDir = process.argv[2]
if (dataDir === undefined) {
  writeSync(2, 'usage: kill-loop-child <data-dir>\n')
  process.exit(2)
}

async function registerForever(dir: string): Promise<never> {
  const core = createCore({ dataDir: dir, source: 'till', actorPrefix: 'kill-loop' })
  for (let count = 0; ; count++) {
    const result = await core.invoke('sale:register', {
      code: count % 2 === 0 ? 'KILL-LOOP-A' : 'KILL-LOOP-B',
      amount: `${1 + (count % 90)}.50`,
      allowUnverified: true,
    })
    if (!result.ok) {
      writeSync(2, `sale:register failed: ${JSON.stringify(result.error)}\n`)
      process.exit(3)
    }
    const { sale } = result.value as ChannelOutput<'sale:register'>
    writeSync(1, `${sale.orderId}\n`)
  }
}

registerForever(dataDir).catch((error: unknown) => {
  writeSync(
    2,
    `kill-loop child crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  )
  process.exit(4)
})
