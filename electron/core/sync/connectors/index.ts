import type { PlatformConfig } from '../../../shared/platform-config'
import { assertNever } from '../../../shared/assert'
import type { Connector, ConnectorDeps } from './connector'
import { createAffiliationSoftwareConnector } from './affiliationsoftware'
import { createPapConnector } from './pap'
import { createPartneroConnector } from './partnero'
import { createPostbackConnector } from './postback'
import { createSwaarmConnector } from './swaarm'

/** The connector for a resolved platform configuration. */
export function createConnector(resolved: PlatformConfig, deps: ConnectorDeps): Connector {
  switch (resolved.platform) {
    case 'pap':
      return createPapConnector(resolved.config, deps)
    case 'partnero':
      return createPartneroConnector(resolved.config, deps)
    case 'affiliationsoftware':
      return createAffiliationSoftwareConnector(resolved.config, deps)
    case 'swaarm':
      return createSwaarmConnector(resolved.config, deps)
    case 'postback':
      return createPostbackConnector(resolved.config, deps)
    default:
      return assertNever(resolved, 'platform')
  }
}

export type { Connector, ConnectorDeps } from './connector'
