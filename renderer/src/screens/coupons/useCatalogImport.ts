import { useCallback, useEffect, useState } from 'react'
import type { CatalogImportResult, JobProgress } from '../../../../electron/shared/contract'
import { invoke, subscribe } from '../../api/pos'

export type ImportState =
  | { phase: 'idle' }
  | { phase: 'running'; fileName: string; progress: JobProgress | null }
  | { phase: 'done'; result: CatalogImportResult }
  | { phase: 'failed'; fileName: string; message: string; cancelled: boolean }

/** Runs a catalogue import in the core and follows its progress events; Esc or Cancel stops it. */
export function useCatalogImport() {
  const [state, setState] = useState<ImportState>({ phase: 'idle' })

  useEffect(
    () =>
      subscribe('job:progress', (progress) => {
        if (progress.kind !== 'catalog-import') return
        setState((current) => (current.phase === 'running' ? { ...current, progress } : current))
      }),
    [],
  )

  const cancel = useCallback(() => {
    void invoke('job:cancel', { kind: 'catalog-import' })
  }, [])

  const start = useCallback(async (file: File, mode: 'merge' | 'replace') => {
    setState({ phase: 'running', fileName: file.name, progress: null })
    const bytes = new Uint8Array(await file.arrayBuffer())
    const result = await invoke('catalog:import', { fileName: file.name, bytes, mode })
    if (result.ok) setState({ phase: 'done', result: result.value })
    else setState({ phase: 'failed', fileName: file.name, message: result.error.message, cancelled: result.error.code === 'CANCELLED' })
  }, [])

  useEffect(() => {
    if (state.phase !== 'running') return
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.key === 'Escape') cancel()
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [state.phase, cancel])

  return { state, start, cancel, clear: () => setState({ phase: 'idle' }) }
}
