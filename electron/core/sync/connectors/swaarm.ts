import type { PostbackConfig, SwaarmConfig } from '../../../shared/platform-config'
import type { Connector, ConnectorDeps } from './connector'
import { createPostbackConnector } from './postback'

/**
 * Swaarm: the advertiser postback `<tracking domain>/postback` with `coupon_code`, the amount
 * and currency (their spelling is per account, so settings), `uq` = our order id (Swaarm's
 * "alternate duplicate detection" key) and the security token. Swaarm turns a duplicate into a
 * Pending conversion rather than refusing it, so it does not count as de-duplicating: an
 * unconfirmed delivery goes to the manager. No reversal API is documented.
 */
export function swaarmAsPostback(config: SwaarmConfig): PostbackConfig {
  const event = config.eventId === '' ? '' : `&event_id=${encodeURIComponent(config.eventId)}`
  return {
    preset: 'swaarm',
    baseUrl: config.baseUrl,
    template: `/postback?coupon_code={coupon}&${config.amountParam}={amount}&${config.currencyParam}={currency}&uq={order_id}${event}&security_token={token}`,
    method: 'GET',
    token: config.securityToken,
    successPattern: '',
    duplicatePattern: '',
    rejectPattern: '',
    dedupesOrderId: false,
    reversalTemplate: '',
  }
}

export function createSwaarmConnector(config: SwaarmConfig, deps: ConnectorDeps): Connector {
  return { ...createPostbackConnector(swaarmAsPostback(config), deps, 'Swaarm'), platform: 'swaarm' }
}
