import { useEffect, useRef } from 'react'
import { CatalogResult } from '../coupons/CatalogResult'
import { SalesSummary } from './SalesSummary'
import type { RunOutcome } from './useImportWizard'

/** Step 4: the outcome, then the next file (or, after a check, the real import). */
export function ImportSummary({
  outcome,
  isDryRun,
  onAnother,
  onImportNow,
  onBack,
}: {
  outcome: RunOutcome
  isDryRun: boolean
  onAnother: () => void
  onImportNow: () => void
  onBack: () => void
}) {
  const anotherRef = useRef<HTMLButtonElement>(null)
  const importNowRef = useRef<HTMLButtonElement>(null)
  const canImportNow = isDryRun && outcome.sales?.status === 'dry_run'
  useEffect(() => (canImportNow ? importNowRef : anotherRef).current?.focus(), [canImportNow])

  return (
    <div className="import-summary" data-testid="import-summary">
      {outcome.sales !== null && <SalesSummary result={outcome.sales} />}
      {outcome.catalog !== null && <CatalogResult result={outcome.catalog} testId="import-catalog-result" problemsTestId="import-catalog-problems" />}
      <div className="import-actions">
        {canImportNow && (
          <>
            <button ref={importNowRef} type="button" className="button primary" data-testid="import-now" onClick={onImportNow}>
              Import now
            </button>
            <button type="button" className="button secondary" onClick={onBack}>
              Back to the columns
            </button>
          </>
        )}
        <button ref={anotherRef} type="button" className={`button ${canImportNow ? 'ghost' : 'primary'}`} data-testid="import-another" onClick={onAnother}>
          Import another file
        </button>
      </div>
    </div>
  )
}
