import { describe, expect, it, vi } from 'vitest'
import { CHANNEL_NAMES } from '../../../electron/shared/channels'
import type { Result } from '../../../electron/shared/result'

vi.mock('electron', () => ({}))
const { registerIpcHandlers } = await import('../../../electron/main/ipc-router')

type Handler = (event: unknown, input: unknown) => Promise<Result<unknown>>

function setup(trusted = true) {
  const handlers = new Map<string, Handler>()
  const ipcMain = {
    handle: vi.fn((channel: string, handler: Handler) => handlers.set(channel, handler)),
    removeHandler: vi.fn((channel: string) => handlers.delete(channel)),
  }
  const core = { invoke: vi.fn((_channel: string, input: unknown) => Promise.resolve({ ok: true as const, value: input })) }
  const unregister = registerIpcHandlers(ipcMain, core, () => trusted)
  return { handlers, core, unregister }
}

describe('the IPC router in main', () => {
  it('registers exactly one handler per channel of the contract, and removes them all', () => {
    const { handlers, unregister } = setup()
    expect([...handlers.keys()].sort()).toEqual([...CHANNEL_NAMES].sort())
    unregister()
    expect(handlers.size).toBe(0)
  })

  it('passes valid input on to the core after parsing it', async () => {
    const { handlers, core } = setup()
    const result = await handlers.get('sale:register')?.({}, { code: 'ANNA10', amount: '12.50' })
    expect(result).toEqual({ ok: true, value: { code: 'ANNA10', amount: '12.50' } })
    expect(core.invoke).toHaveBeenCalledWith('sale:register', { code: 'ANNA10', amount: '12.50' })
  })

  it.each([
    ['a number where text belongs', 'sale:register', { code: 42, amount: '1' }, 'code'],
    ['an unknown field', 'sale:register', { code: 'A', amount: '1', isAdmin: true }, '(input)'],
    ['a missing field', 'sale:void', {}, 'saleId'],
    ['a negative id', 'sale:void', { saleId: -1 }, 'saleId'],
    ['a page that is too large', 'sale:list', { offset: 0, limit: 1_000_000 }, 'limit'],
    ['a file that is not bytes', 'catalog:import', { fileName: 'a.csv', bytes: 'abc', mode: 'merge' }, 'bytes'],
    ['an unknown state', 'sale:list', { offset: 0, limit: 10, filter: { states: ['paid'] } }, 'filter.states.0'],
  ])('refuses %s before the core sees it, naming the field', async (_what, channel, input, field) => {
    const { handlers, core } = setup()
    const result = await handlers.get(channel)?.({}, input)
    expect(result?.ok).toBe(false)
    if (result?.ok === false) {
      expect(result.error.code).toBe('INVALID_INPUT')
      expect(result.error.message.startsWith(`${field}:`)).toBe(true)
    }
    expect(core.invoke).not.toHaveBeenCalled()
  })

  it('refuses every call from a frame that is not ours', async () => {
    const { handlers, core } = setup(false)
    const result = await handlers.get('settings:get')?.({}, undefined)
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED' } })
    expect(core.invoke).not.toHaveBeenCalled()
  })
})
