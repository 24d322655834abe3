import { useCallback, useState } from 'react'
import type { ImportBatchView } from '../../../../electron/shared/import-contract'
import type { PosData } from '../../api/usePosData'
import { useSettings } from '../../settings-context'
import { count, formatDateTime } from '../../format'
import { VoidImportDialog } from './VoidImportDialog'
import { downloadRefusedRows } from './download-refused-rows'
import { batchStatusLabel } from './import-text'

/** Statuses whose refused-rows file is kept (a cancelled or failed import leaves none). */
const KEEPS_REFUSED_ROWS = new Set(['committed', 'voided', 'refused', 'dry_run', 'publishing'])

function VoidCell({ batch, onVoid }: { batch: ImportBatchView; onVoid: (batch: ImportBatchView) => void }) {
  if (batch.canVoid) {
    return (
      <button type="button" className="button ghost danger-text" data-testid={`void-import-${batch.id}`} onClick={() => onVoid(batch)}>
        Void import…
      </button>
    )
  }
  if (batch.status === 'committed' && batch.sent > 0) {
    return <span className="muted small">{count(batch.sent)} sent: void them one by one on the Sales screen</span>
  }
  return null
}

/** The last imports with what each brought, the refused rows, and voiding a whole import while none of it went out. */
export function RecentImports({ imports, isActive }: { imports: PosData<ImportBatchView[]>; isActive: boolean }) {
  const settings = useSettings()
  const [voiding, setVoiding] = useState<ImportBatchView | null>(null)
  const [error, setError] = useState<string | null>(null)
  const rows = imports.data ?? []
  const closeVoid = useCallback(() => {
    setVoiding(null)
    imports.reload()
  }, [imports])

  return (
    <section className="panel recent-imports" aria-label="Recent imports">
      <h2>Recent imports</h2>
      {imports.error !== null && <p className="error-text">{imports.error}</p>}
      {error !== null && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      {imports.data !== null && rows.length === 0 && <p className="muted">No sales imported yet.</p>}
      {rows.length > 0 && (
        <table className="problems" data-testid="recent-imports">
          <thead>
            <tr>
              <th>#</th>
              <th>File</th>
              <th>When</th>
              <th>By</th>
              <th className="right">Rows</th>
              <th className="right">Imported</th>
              <th className="right">Refused</th>
              <th className="right">Duplicates</th>
              <th>Status</th>
              <th>
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((batch) => (
              <tr key={batch.id} data-batch-id={batch.id}>
                <td>{batch.id}</td>
                <td className="file-cell">{batch.fileName}</td>
                <td>{formatDateTime(batch.startedAt, settings.timeZone)}</td>
                <td>{batch.actor}</td>
                <td className="right">{count(batch.rowsRead)}</td>
                <td className="right">{count(batch.imported)}</td>
                <td className="right">{count(batch.refused)}</td>
                <td className="right">{count(batch.duplicates)}</td>
                <td>
                  <span className={`badge batch-${batch.status}`}>{batchStatusLabel(batch.status)}</span>
                </td>
                <td className="row-actions">
                  {batch.refused + batch.duplicates > 0 && KEEPS_REFUSED_ROWS.has(batch.status) && (
                    <button type="button" className="button ghost" aria-label={`Download the refused rows of import #${batch.id}`} onClick={() => void downloadRefusedRows(batch.id).then(setError)}>
                      Refused rows
                    </button>
                  )}
                  <VoidCell batch={batch} onVoid={setVoiding} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {/* The screen stays mounted while another is shown: its dialog must not catch that screen's keys. */}
      {voiding !== null && isActive && <VoidImportDialog batch={voiding} onDone={closeVoid} />}
    </section>
  )
}
