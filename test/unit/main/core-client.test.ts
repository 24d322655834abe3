import { EventEmitter } from 'node:events'
import { describe, expect, it, vi } from 'vitest'
import type { CoreToMain, MainToCore } from '../../../electron/shared/core-protocol'

/** A utility process stand-in: records what main posts, lets the test speak for the core. */
class FakeChild extends EventEmitter {
  readonly posted: MainToCore[] = []
  postMessage(message: MainToCore): void {
    this.posted.push(message)
  }
  fromCore(message: CoreToMain): void {
    this.emit('message', message)
  }
}

const children: FakeChild[] = []
vi.mock('electron', () => ({
  utilityProcess: {
    fork: vi.fn(() => {
      const child = new FakeChild()
      children.push(child)
      return child
    }),
  },
}))

const { CoreClient } = await import('../../../electron/main/core-client')

describe("main's handle on the core process", () => {
  it('hands the decrypted secrets over at start, and asks again at a restart so saved ones are not lost', async () => {
    let secrets: Record<string, string> = { 'partnero.apiToken': 'first' }
    const client = new CoreClient('/core.js', () => ({ dataDir: '/data', version: '1', secrets: { values: secrets, description: 'encrypted' } }), () => undefined, () => undefined, (values) => {
      secrets = values
    })
    const started = client.start()
    const first = children[children.length - 1] as FakeChild
    expect(first.posted[0]).toEqual({ type: 'start', options: { dataDir: '/data', version: '1', secrets: { values: { 'partnero.apiToken': 'first' }, description: 'encrypted' } } })
    first.fromCore({ type: 'ready' })
    await started

    first.fromCore({ type: 'save-secrets', id: 7, values: { 'partnero.apiToken': 'second' } })
    expect(first.posted[1]).toEqual({ type: 'secrets-saved', id: 7, error: null })

    first.emit('exit', 1)
    const second = children[children.length - 1] as FakeChild
    expect(second).not.toBe(first)
    expect(second.posted[0]).toMatchObject({ type: 'start', options: { secrets: { values: { 'partnero.apiToken': 'second' } } } })
  })

  it('answers a refused save with the reason, so the core keeps the old secrets and tells the manager', async () => {
    const client = new CoreClient('/core.js', () => ({ dataDir: '/data', version: '1' }), () => undefined, () => undefined, () => {
      throw new Error('No key store is running on this computer')
    })
    const started = client.start()
    const child = children[children.length - 1] as FakeChild
    child.fromCore({ type: 'ready' })
    await started
    child.fromCore({ type: 'save-secrets', id: 1, values: { 'pap.password': 'pw' } })
    expect(child.posted[1]).toEqual({ type: 'secrets-saved', id: 1, error: 'No key store is running on this computer' })
  })
})
