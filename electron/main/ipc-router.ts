import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import { CHANNEL_NAMES } from '../shared/channels'
import { channels, describeIssues } from '../shared/contract'
import type { Result } from '../shared/result'

/**
 * One `ipcMain.handle` per channel of the contract. The sender must be our own top frame, and
 * the input must parse against the channel's schema before the core sees it; both failures
 * answer as data.
 */
export interface CoreInvoker {
  invoke(channel: string, input: unknown): Promise<Result<unknown>>
}

export function registerIpcHandlers(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  core: CoreInvoker,
  isTrusted: (event: IpcMainInvokeEvent) => boolean,
): () => void {
  for (const channel of CHANNEL_NAMES) {
    ipcMain.handle(channel, async (event, input: unknown): Promise<Result<unknown>> => {
      if (!isTrusted(event)) {
        return { ok: false, error: { code: 'NOT_ALLOWED', message: 'Request from an untrusted frame refused' } }
      }
      const parsed = channels[channel].input.safeParse(input)
      if (!parsed.success) {
        const { message, details } = describeIssues(parsed.error)
        return { ok: false, error: { code: 'INVALID_INPUT', message, details } }
      }
      return core.invoke(channel, parsed.data)
    })
  }
  return () => {
    for (const channel of CHANNEL_NAMES) ipcMain.removeHandler(channel)
  }
}
