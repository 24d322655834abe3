import { ProgressBar } from '../../components/ProgressBar'
import { FileChooser } from './FileChooser'
import { ImportSummary } from './ImportSummary'
import { NoticeBanner } from './NoticeBanner'
import { PreviewStep } from './PreviewStep'
import type { ImportWizard as Wizard } from './useImportWizard'
import { cancelBlocked } from './useImportWizard'

const TITLES = { sales: 'Import sales', catalog: 'Import a coupon list' } as const

/** The wizard's current step; the steps themselves live in their own components. */
export function ImportWizard({ wizard }: { wizard: Wizard }) {
  const { state } = wizard
  const kind = state.step === 'choose' || state.step === 'opening' ? wizard.kind : state.file.preview.kind
  return (
    <section className="panel import-wizard" aria-label={TITLES[kind]} aria-busy={state.step === 'opening' || state.step === 'running'}>
      <h2>{TITLES[kind]}</h2>
      {state.step === 'choose' && (
        <>
          {state.notice !== null && <NoticeBanner notice={state.notice} onDismiss={wizard.reset} />}
          <FileChooser kind={wizard.kind} onKind={wizard.setKind} onFile={(file) => void wizard.open(file)} />
        </>
      )}
      {state.step === 'opening' && (
        <p className="import-busy" role="status">
          Reading {state.fileName}…
        </p>
      )}
      {state.step === 'preview' && (
        <PreviewStep file={state.file} notice={state.notice} onChange={wizard.change} onRun={(isDryRun) => void wizard.run(isDryRun)} onClose={wizard.reset} />
      )}
      {state.step === 'running' && (
        <div className="import-running">
          <p>
            {state.isDryRun ? 'Checking' : 'Importing'} <strong>{state.file.preview.fileName}</strong>. The till keeps working meanwhile.
          </p>
          <ProgressBar
            progress={state.progress}
            onCancel={wizard.cancel}
            unit={kind === 'sales' ? 'rows' : 'codes'}
            label={state.isDryRun ? 'Check progress' : 'Import progress'}
            cancelBlocked={cancelBlocked(state)}
          />
        </div>
      )}
      {state.step === 'done' && (
        <ImportSummary outcome={state.outcome} isDryRun={state.isDryRun} onAnother={wizard.reset} onImportNow={() => void wizard.run(false)} onBack={wizard.backToPreview} />
      )}
    </section>
  )
}
