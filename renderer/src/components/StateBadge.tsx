import type { SaleState } from '../../../electron/shared/sale-state'
import { SALE_STATE_LABELS } from '../../../electron/shared/sale-state'

export function StateBadge({ state }: { state: SaleState }) {
  return (
    <span className={`badge state-${state}`} data-state={state}>
      {SALE_STATE_LABELS[state]}
    </span>
  )
}
