import type { ConnectorDeps, SaleForPlatform } from '../../electron/core/sync/connectors/connector'
import type { HttpClient } from '../../electron/core/sync/http-client'
import { createHttpClient } from '../../electron/core/sync/http-client'

/** Connector plumbing for tests: a real HTTP client with a short timeout, and a sale to send. */

export interface TestDeps extends ConnectorDeps {
  client: HttpClient
}

export function connectorDeps(timeoutMs = 2_000, now: () => number = () => Date.now()): TestDeps {
  const client = createHttpClient()
  return { client, http: client.fetch, timeoutMs, now }
}

export const SALE_TIME = Date.parse('2026-11-20T15:04:05Z')

export function saleFor(overrides: Partial<SaleForPlatform> = {}): SaleForPlatform {
  return {
    orderId: 'T1-20261120-0007',
    code: 'ANNA10',
    amountMinor: 123450,
    currency: 'EUR',
    occurredAtMs: SALE_TIME,
    affiliateId: 'anna',
    campaignId: null,
    terminalId: 'T1',
    storeName: 'Corner Shop',
    ...overrides,
  }
}

/** Drains an async generator into an array. */
export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = []
  for await (const item of iterable) items.push(item)
  return items
}
