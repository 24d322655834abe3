import { useCallback, useState } from 'react'
import type { Scan } from '../../scan-context'
import { useScanClaim } from '../../scan-context'

/** "Scan this test label": proves the scanner is recognised and shows its speed. */
export function ScannerTest({ maxAvgGapMs }: { maxAvgGapMs: number }) {
  const [active, setActive] = useState(false)
  const [last, setLast] = useState<Scan | null>(null)
  const onScan = useCallback((scan: Scan) => setLast(scan), [])
  useScanClaim(active ? onScan : null)

  return (
    <section className="panel" aria-label="Scanner test">
      <h2>Test the barcode scanner</h2>
      <p className="muted">Start the test, then scan any barcode. Scans stay here instead of going to the checkout.</p>
      <button type="button" className={`button ${active ? 'warn' : 'secondary'}`} onClick={() => setActive((value) => !value)}>
        {active ? 'Stop the test' : 'Start the test'}
      </button>
      {active && last === null && <p className="muted">Waiting for a scan…</p>}
      {last !== null && (
        <p data-testid="scanner-test-result">
          Read <code>{last.code}</code>
          {last.source === 'wedge' && (
            <>
              {' '}at {last.averageGapMs.toFixed(1)} ms per character
              {last.averageGapMs > maxAvgGapMs * 0.8 ? ': close to the limit, consider the Bluetooth setting.' : '.'}
            </>
          )}
        </p>
      )}
    </section>
  )
}
