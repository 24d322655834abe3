import { createContext, useContext, useEffect } from 'react'
import type { CodeFormat } from './camera/code-format'
import type { ScanResult } from './scanner/wedge-detector'

/** A code from either reader: the keyboard-wedge scanner or the webcam. */
export type Scan = (ScanResult & { source: 'wedge' }) | { source: 'camera'; code: string; format: CodeFormat }

/**
 * Where a scan goes. By default the checkout takes it (switching to the checkout screen);
 * a screen may claim scans while it is shown (the scanner test in Settings). `deliver` feeds a
 * scan from a reader other than the wedge (the camera) into the same path.
 */
export interface ScanRouter {
  claim(handler: (scan: Scan) => void): () => void
  deliver(scan: Scan): void
}

export const ScanContext = createContext<ScanRouter | null>(null)

export function useScanClaim(handler: ((scan: Scan) => void) | null): void {
  const router = useContext(ScanContext)
  useEffect(() => {
    if (router === null || handler === null) return
    return router.claim(handler)
  }, [router, handler])
}
