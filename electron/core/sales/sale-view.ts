import type { SaleView } from '../../shared/contract'
import type { SaleRow } from '../db/sales-repo'

export function toSaleView(row: SaleRow): SaleView {
  return {
    id: row.id,
    orderId: row.order_id,
    code: row.coupon_code,
    amountMinor: row.amount_minor,
    currency: row.currency,
    occurredAt: row.occurred_at_ms,
    businessDate: row.business_date,
    createdAt: row.created_at_ms,
    state: row.state,
    stateChangedAt: row.state_changed_at_ms,
    isUnverified: row.is_unverified === 1,
    isFutureDated: row.is_future_dated === 1,
    affiliateName: row.affiliate_name,
    campaignName: row.campaign_name,
    terminalId: row.terminal_id,
    source: row.source,
    voidedAt: row.voided_at_ms,
    voidReason: row.void_reason,
    lastError: row.last_error,
    sync: {
      attempts: row.sync_attempts,
      lastAttemptAt: row.last_attempt_at_ms,
      nextAttemptAt: row.next_attempt_at_ms,
      attention: row.attention,
      reversal: row.reversal_state,
    },
  }
}
