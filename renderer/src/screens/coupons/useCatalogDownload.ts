import { useCallback, useEffect, useState } from 'react'
import type { JobProgress } from '../../../../electron/shared/contract'
import type { CatalogPullResult } from '../../../../electron/shared/sync-contract'
import { invoke, subscribe } from '../../api/pos'

export type DownloadState =
  | { phase: 'idle' }
  | { phase: 'running'; progress: JobProgress | null }
  | { phase: 'done'; result: CatalogPullResult }
  | { phase: 'failed'; message: string; cancelled: boolean }

/** "Update coupons": the platform's coupon list downloaded in the core, with progress; Esc or Cancel stops it. */
export function useCatalogDownload() {
  const [state, setState] = useState<DownloadState>({ phase: 'idle' })

  useEffect(
    () =>
      subscribe('job:progress', (progress) => {
        if (progress.kind !== 'catalog-download') return
        setState((current) => (current.phase === 'running' ? { ...current, progress } : current))
      }),
    [],
  )

  const cancel = useCallback(() => {
    void invoke('job:cancel', { kind: 'catalog-download' })
  }, [])

  const start = useCallback(async () => {
    setState({ phase: 'running', progress: null })
    const result = await invoke('catalog:pull', {})
    if (result.ok) setState({ phase: 'done', result: result.value })
    else setState({ phase: 'failed', message: result.error.message, cancelled: result.error.code === 'CANCELLED' })
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
