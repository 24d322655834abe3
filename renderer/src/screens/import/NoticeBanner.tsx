import type { WizardNotice } from './useImportWizard'

export function NoticeBanner({ notice, onDismiss }: { notice: WizardNotice; onDismiss?: () => void }) {
  return (
    <div className={`banner tone-${notice.tone}`} role="alert" data-testid="import-notice">
      <div>
        <div className="banner-title">{notice.title}</div>
        {notice.detail !== null && <div className="banner-detail">{notice.detail}</div>}
      </div>
      {onDismiss !== undefined && (
        <button type="button" className="button ghost" onClick={onDismiss}>
          OK
        </button>
      )}
    </div>
  )
}
