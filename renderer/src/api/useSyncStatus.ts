import type { SyncStatus } from '../../../electron/shared/sync-contract'
import { usePosData } from './usePosData'

/** Where the queue to the platform stands; refreshed whenever the core says it changed. */
export function useSyncStatus(): SyncStatus | null {
  return usePosData('sync:status', {}, ['sync:status-changed', 'sales:changed', 'settings:changed']).data
}
