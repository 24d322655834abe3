import path from 'node:path'
import { parseArgs } from 'node:util'
import type { ChannelName } from '../shared/channels'
import type { ChannelInput, ChannelOutput } from '../shared/contract'
import { createCore } from '../core/core'
import { defaultDataDir } from '../core/data-dir'
import { isAppError } from '../shared/errors'
import type { CliCommand, CliContext } from './cli-context'
import { CliFailure } from './cli-context'
import { configCommand } from './commands/config'
import { importCouponsCommand } from './commands/import-coupons'
import { importSalesCommand } from './commands/import-sales'
import { checkCodeCommand } from './commands/check-code'
import { saleCommand } from './commands/sale'
import { statusCommand } from './commands/status'
import { exportSalesCommand } from './commands/export-sales'
import { salesCommand } from './commands/sales'
import { voidCommand } from './commands/void'
import { syncCommand } from './commands/sync'
import { pullCouponsCommand } from './commands/pull-coupons'

/**
 * `npm run cli -- <command>`: the same core as the app, headless. Every command takes
 * `--data-dir <dir>` and `--json`; the exit code is 0 on success, 1 when something was refused
 * or failed, 2 for wrong usage.
 */

export const COMMANDS: readonly CliCommand[] = [
  configCommand,
  importCouponsCommand,
  importSalesCommand,
  checkCodeCommand,
  saleCommand,
  salesCommand,
  voidCommand,
  statusCommand,
  exportSalesCommand,
  syncCommand,
  pullCouponsCommand,
]

const GLOBAL_OPTIONS = {
  'data-dir': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const

export interface CliIo {
  out(text: string): void
  err(text: string): void
  readStdin?(): Promise<string>
  interrupted?(): Promise<void>
}

export function usage(): string {
  const lines = ['Usage: npm run cli -- <command> [options] [--data-dir <dir>] [--json]', '', 'Commands:']
  for (const command of COMMANDS) lines.push(`  ${command.usage}`, `      ${command.summary}`)
  lines.push('', `Data folder (default): ${defaultDataDir()}`)
  return lines.join('\n')
}

export async function runCli(argv: readonly string[], io: CliIo, version = '0.0.0'): Promise<number> {
  const [name, ...rest] = argv
  const command = COMMANDS.find((candidate) => candidate.name === name)
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    io.out(usage())
    return name === undefined ? 2 : 0
  }
  if (command === undefined) {
    io.err(`Unknown command "${name}".\n\n${usage()}`)
    return 2
  }
  let parsed
  try {
    parsed = parseArgs({ args: [...rest], options: { ...GLOBAL_OPTIONS, ...command.options }, allowPositionals: true, strict: true })
  } catch (error) {
    io.err(`${(error as Error).message}\nusage: npm run cli -- ${command.usage}`)
    return 2
  }
  const options = parsed.values as Record<string, string | boolean | undefined>
  if (options.help === true) {
    io.out(`usage: npm run cli -- ${command.usage}\n${command.summary}`)
    return 0
  }
  const json = options.json === true
  const dataDir = path.resolve(typeof options['data-dir'] === 'string' ? options['data-dir'] : defaultDataDir())

  let core
  try {
    core = createCore({ dataDir, source: 'cli', actorPrefix: 'cli', version })
  } catch (error) {
    return report(io, json, isAppError(error) ? error.toData() : { code: 'DB_ERROR', message: String(error) }, 1)
  }
  const context: CliContext = {
    core,
    json,
    positionals: parsed.positionals,
    options,
    out: (text) => io.out(text),
    err: (text) => io.err(text),
    readStdin: () => (io.readStdin === undefined ? Promise.resolve('') : io.readStdin()),
    interrupted: () => (io.interrupted === undefined ? new Promise<void>(() => undefined) : io.interrupted()),
    async invoke<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
      const result = await core.invoke(channel, input)
      if (!result.ok) throw new CliFailure(result.error)
      return result.value as ChannelOutput<C>
    },
  }
  try {
    return (await command.run(context)) ?? 0
  } catch (error) {
    if (error instanceof CliFailure) return report(io, json, error.error, error.exitCode)
    throw error
  } finally {
    core.close()
  }
}

function report(io: CliIo, json: boolean, error: { code: string; message: string; details?: Record<string, unknown> }, exitCode: number): number {
  if (json) io.out(JSON.stringify({ ok: false, error }, null, 2))
  else io.err(`Error: ${error.message}`)
  return exitCode
}
