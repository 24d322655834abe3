import { createContext, useContext, useEffect } from 'react'
import type { ScanResult } from './scanner/wedge-detector'

/**
 * Where a scan goes. By default the checkout takes it (switching to the checkout screen);
 * a screen may claim scans while it is shown (the scanner test in Settings).
 */
export interface ScanRouter {
  claim(handler: (scan: ScanResult) => void): () => void
}

export const ScanContext = createContext<ScanRouter | null>(null)

export function useScanClaim(handler: ((scan: ScanResult) => void) | null): void {
  const router = useContext(ScanContext)
  useEffect(() => {
    if (router === null || handler === null) return
    return router.claim(handler)
  }, [router, handler])
}
