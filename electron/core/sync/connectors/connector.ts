import type { ConnectionTest } from '../../../shared/sync-contract'
import type { PlatformId } from '../../../shared/platform-config'
import type { CatalogField } from '../../catalog/catalog-columns'
import type { HttpFetch } from '../http-client'
import type { PushOutcome, VerifyOutcome } from '../outcome'

/**
 * One interface for every platform (connectors.md, "Common interface"). A connector speaks HTTP
 * and maps answers to outcomes; it holds no state but a login session, and never touches the
 * database. What it can do depends on its configuration (PAP without API credentials cannot
 * verify), so capabilities are a property of the instance.
 */

export interface SaleForPlatform {
  orderId: string
  /** The catalogue's spelling of the code. */
  code: string
  amountMinor: number
  currency: string
  occurredAtMs: number
  /** The affiliate/partner who owns the code, from the catalogue (Partnero needs it). */
  affiliateId: string | null
  campaignId: string | null
  terminalId: string
  storeName: string
}

export interface ConnectorCapabilities {
  /** Can ask the platform whether it has a sale, by order id. */
  canVerify: boolean
  /** The platform refuses a repeated order id (and says so), so a resend can never double. */
  dedupesOrderId: boolean
  canReverse: boolean
  canPullCatalogue: boolean
  /** How long after a send the platform's answer to a lookup is conclusive (a cron may run first). */
  verifySettleMs: number
}

/** A coupon as the platform lists it, in the catalogue's own field names and text form. */
export type PulledCoupon = Partial<Record<CatalogField, string>>

export interface CataloguePage {
  coupons: PulledCoupon[]
  /** Total number of codes when the platform says; null when it does not. */
  total: number | null
}

export interface ProbeResult {
  reachable: boolean
  detail: string
}

export interface ConnectorDeps {
  http: HttpFetch
  timeoutMs: number
  now(): number
}

export interface RequestOptions {
  signal?: AbortSignal
}

export interface Connector {
  readonly platform: PlatformId
  readonly capabilities: ConnectorCapabilities
  /** `step` 'redeem' finishes a follow-up the first push left (Partnero's code redemption). */
  pushSale(sale: SaleForPlatform, step: 'send' | 'redeem', options?: RequestOptions): Promise<PushOutcome>
  pushReversal(sale: SaleForPlatform, options?: RequestOptions): Promise<PushOutcome>
  verifySale(sale: SaleForPlatform, options?: RequestOptions): Promise<VerifyOutcome>
  pullCatalogue(options?: RequestOptions): AsyncGenerator<CataloguePage>
  testConnection(options?: RequestOptions): Promise<ConnectionTest>
  /** Any HTTP answer from the platform's address counts as reachable. */
  probe(options?: RequestOptions): Promise<ProbeResult>
}
