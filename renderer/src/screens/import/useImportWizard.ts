import { useCallback, useEffect, useRef, useState } from 'react'
import type { ChannelOutput, JobKind, JobProgress } from '../../../../electron/shared/contract'
import type { ImportKind, ImportOptions, ImportPreview } from '../../../../electron/shared/import-contract'
import { errorMessage, invoke, subscribe } from '../../api/pos'
import { blockedReason } from './import-text'

/**
 * The import wizard's steps: choose a file, see it read and checked (the core re-checks the
 * first rows whenever the manager corrects the mapping), run it with progress, see the outcome.
 * The file goes to the core once; afterwards it is named by the token `import:open` returned.
 * Nothing here blocks the window: every step is an awaited request, and the till keeps working.
 */

export type RunOutcome = ChannelOutput<'import:run'>

export interface WizardNotice {
  tone: 'warn' | 'bad'
  title: string
  detail: string | null
}

export interface OpenFile {
  /** The core's last check of the file (with the options it was checked with). */
  preview: ImportPreview
  /** The manager's current choices; `preview` catches up after a short pause. */
  options: ImportOptions
  isChecking: boolean
  /** The mapping came from an earlier file of this layout and is still untouched. */
  isRemembered: boolean
}

export type WizardState =
  | { step: 'choose'; notice: WizardNotice | null }
  | { step: 'opening'; fileName: string }
  | { step: 'preview'; file: OpenFile; notice: WizardNotice | null }
  | { step: 'running'; file: OpenFile; isDryRun: boolean; progress: JobProgress | null }
  | { step: 'done'; file: OpenFile; isDryRun: boolean; outcome: RunOutcome }

const CHECK_DELAY_MS = 200
const JOB_KINDS: Record<ImportKind, JobKind> = { sales: 'sales-import', catalog: 'catalog-import' }
export const SAVING_CANNOT_CANCEL = 'Saving — the import can no longer be cancelled; void it afterwards.'

/** Every field of the import with its column or null, so the mapping is complete and explicit. */
function completeOptions(preview: ImportPreview): ImportOptions {
  const columns: Record<string, number | null> = {}
  for (const field of preview.fields) columns[field] = preview.options.columns[field] ?? null
  return { ...preview.options, columns }
}

/** The core let the file go (it keeps the last few open): the manager drops it again. */
function isLostFile(error: { code: string; details?: Record<string, unknown> | undefined }): boolean {
  return error.code === 'NOT_FOUND' && error.details?.field === 'token'
}

/** Why Cancel cannot work now: a sales import that is saving is decided. */
export function cancelBlocked(state: WizardState): string | null {
  return state.step === 'running' && state.file.preview.kind === 'sales' && state.progress?.phase === 'saving' ? SAVING_CANNOT_CANCEL : null
}

export function useImportWizard(onFinished: () => void, isActive: boolean, initialKind: ImportKind) {
  const [kind, setKind] = useState<ImportKind>(initialKind)
  const [state, setState] = useState<WizardState>({ step: 'choose', notice: null })
  const token = useRef<string | null>(null)
  const checkTimer = useRef<number | undefined>(undefined)
  const checkGeneration = useRef(0)

  const forget = useCallback(() => {
    window.clearTimeout(checkTimer.current)
    checkGeneration.current++
    if (token.current !== null) void invoke('import:close', { token: token.current })
    token.current = null
  }, [])

  useEffect(() => forget, [forget])

  const open = useCallback(
    async (file: File) => {
      forget()
      setState({ step: 'opening', fileName: file.name })
      const result = await file
        .arrayBuffer()
        .then((buffer) => invoke('import:open', { kind, fileName: file.name.slice(0, 260), bytes: new Uint8Array(buffer) }))
        .catch((error: unknown) => ({ ok: false as const, error: { message: errorMessage(error) } }))
      if (!result.ok) {
        setState({ step: 'choose', notice: { tone: 'bad', title: `${file.name} could not be read`, detail: result.error.message } })
        return
      }
      token.current = result.value.token
      const preview = result.value
      setState({ step: 'preview', notice: null, file: { preview, options: completeOptions(preview), isChecking: false, isRemembered: preview.rememberedLayout } })
    },
    [forget, kind],
  )

  const lostFile = useCallback((message: string) => {
    token.current = null
    setState({ step: 'choose', notice: { tone: 'bad', title: 'The file is no longer open', detail: message } })
  }, [])

  const check = useCallback(
    (fileToken: string, options: ImportOptions) => {
      const generation = ++checkGeneration.current
      void invoke('import:preview', { token: fileToken, options }).then((result) => {
        if (generation !== checkGeneration.current) return
        if (!result.ok && isLostFile(result.error)) {
          lostFile(result.error.message)
          return
        }
        setState((current) => {
          if (current.step !== 'preview' || current.file.preview.token !== fileToken) return current
          if (!result.ok) return { ...current, file: { ...current.file, isChecking: false }, notice: { tone: 'bad', title: 'The rows could not be checked', detail: result.error.message } }
          return { ...current, notice: null, file: { ...current.file, preview: result.value, isChecking: false } }
        })
      })
    },
    [lostFile],
  )

  const change = useCallback(
    (options: ImportOptions) => {
      if (state.step !== 'preview') return
      const fileToken = state.file.preview.token
      setState({ ...state, file: { ...state.file, options, isChecking: true, isRemembered: false } })
      window.clearTimeout(checkTimer.current)
      checkTimer.current = window.setTimeout(() => check(fileToken, options), CHECK_DELAY_MS)
    },
    [check, state],
  )

  const run = useCallback(
    async (isDryRun: boolean) => {
      if (state.step !== 'preview' && !(state.step === 'done' && state.isDryRun)) return
      const { file } = state
      if (blockedReason(file.preview, file.options, file.isChecking) !== null) return
      window.clearTimeout(checkTimer.current)
      setState({ step: 'running', file, isDryRun, progress: null })
      const result = await invoke('import:run', { token: file.preview.token, options: file.options, ...(isDryRun ? { dryRun: true } : {}) }).catch(
        (error: unknown) => ({ ok: false as const, error: { code: 'INTERNAL' as const, message: errorMessage(error), details: undefined } }),
      )
      onFinished()
      if (result.ok) {
        setState({ step: 'done', file, isDryRun, outcome: result.value })
      } else if (isLostFile(result.error)) {
        lostFile(result.error.message)
      } else {
        const isCancelled = result.error.code === 'CANCELLED'
        const title = isCancelled ? 'Import cancelled' : `${file.preview.fileName} was not imported`
        setState({ step: 'preview', file, notice: { tone: isCancelled ? 'warn' : 'bad', title, detail: result.error.message } })
      }
    },
    [lostFile, onFinished, state],
  )

  const runningKind = state.step === 'running' ? state.file.preview.kind : null
  useEffect(() => {
    if (runningKind === null) return
    return subscribe('job:progress', (progress) => {
      if (progress.kind !== JOB_KINDS[runningKind]) return
      setState((current) => (current.step === 'running' ? { ...current, progress } : current))
    })
  }, [runningKind])

  const isCancelBlocked = cancelBlocked(state) !== null
  const cancel = useCallback(() => {
    if (runningKind === null || isCancelBlocked) return
    void invoke('job:cancel', { kind: JOB_KINDS[runningKind] })
  }, [isCancelBlocked, runningKind])

  // Esc cancels only while the manager looks at the import: on the checkout it clears the code.
  useEffect(() => {
    if (runningKind === null || !isActive) return
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.key === 'Escape') cancel()
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [runningKind, isActive, cancel])

  const backToPreview = useCallback(() => {
    if (state.step === 'done') setState({ step: 'preview', file: state.file, notice: null })
  }, [state])

  const reset = useCallback(() => {
    forget()
    setState({ step: 'choose', notice: null })
  }, [forget])

  return { kind, setKind, state, open, change, run, cancel, backToPreview, reset }
}

export type ImportWizard = ReturnType<typeof useImportWizard>
