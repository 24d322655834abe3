import type { Core } from '../core/core'
import type { ChannelName } from '../shared/channels'
import type { ChannelInput, ChannelOutput } from '../shared/contract'
import type { AppErrorData } from '../shared/errors'

/** What a command gets: the core, its parsed options, and a way to print. */
export interface CliContext {
  core: Core
  json: boolean
  positionals: string[]
  options: Record<string, string | boolean | undefined>
  out(text: string): void
  err(text: string): void
  /** Standard input as text (secrets given as "-" are read from it, never from the command line). */
  readStdin(): Promise<string>
  /** Resolves when the person asks the command to stop (Ctrl+C). */
  interrupted(): Promise<void>
  invoke<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>
}

/** A failure a command reports; `exitCode` 1 = refused or failed, 2 = wrong usage. */
export class CliFailure extends Error {
  constructor(
    readonly error: AppErrorData,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(error.message)
  }
}

export interface CliCommand {
  name: string
  usage: string
  summary: string
  options?: Record<string, { type: 'string' | 'boolean'; short?: string }>
  /** Commands that do not need the database (help) can skip opening it. */
  run(context: CliContext): Promise<number | void>
}
