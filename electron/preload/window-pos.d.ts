import type { PosApi } from '../shared/contract'

declare global {
  interface Window {
    /** Set by the preload (app) or the test host's bridge (browser). See renderer/src/api/pos.ts. */
    readonly pos: PosApi
  }
}

export {}
