import type { ImportOptions, ImportPreview } from '../../../../electron/shared/import-contract'
import { useSettings } from '../../settings-context'
import { count, formatDateTime } from '../../format'
import { describeReading, plural } from './import-text'

/** How the file was read, what the reader noticed, and whether these very bytes came in before. */
export function FileFacts({ preview, options, isRemembered }: { preview: ImportPreview; options: ImportOptions; isRemembered: boolean }) {
  const settings = useSettings()
  const previous = preview.previousImport
  return (
    <div className="file-facts">
      <p className="file-name">
        <strong>{preview.fileName}</strong> <span className="muted">· {count(preview.fileBytes)} bytes · {plural(preview.columnCount, 'column', 'columns')}</span>
      </p>
      <p data-testid="import-reading">Read as {describeReading(preview, options)}.</p>
      {isRemembered && <p className="muted">Columns and formats as for your last file of this layout.</p>}
      {preview.notices.length > 0 && (
        <ul className="notices" aria-label="Notices">
          {preview.notices.map((notice) => (
            <li key={notice}>{notice}</li>
          ))}
        </ul>
      )}
      {previous !== null && (
        <div className="banner tone-warn" role="alert" data-testid="previous-import">
          <div>
            <div className="banner-title">
              This file was imported on {formatDateTime(previous.at, settings.timeZone)} (import #{previous.batchId}): importing again adds nothing
            </div>
            <div className="banner-detail">
              {previous.fileName} brought {plural(previous.imported, 'sale', 'sales')}
              {previous.status === 'voided' ? ', since voided' : ''}. Its order IDs are stored, so its rows count as duplicates.
            </div>
          </div>
        </div>
      )}
    </div>
  )
}
