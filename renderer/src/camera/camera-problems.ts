/**
 * What went wrong with the camera, in the cashier's words. getUserMedia reports failures as
 * DOMException names (older Chromium used other names for the same cases); each kind gets a
 * headline, what to do, and the reminder that the till keeps working without the camera.
 */

export type CameraProblemKind = 'no-camera' | 'denied' | 'in-use' | 'disconnected' | 'unsupported' | 'decoder' | 'failed'

export interface CameraProblem {
  kind: CameraProblemKind
  title: string
  advice: string
  /** The system's own words, for support: shown small, only when the kind is unexpected. */
  detail: string | null
}

const STILL_WORKS = 'You can keep scanning with the barcode scanner or typing the code.'

const PROBLEMS: Record<CameraProblemKind, Omit<CameraProblem, 'kind' | 'detail'>> = {
  'no-camera': {
    title: 'No camera found',
    advice: `Connect a webcam (or check its cable), then press Start. ${STILL_WORKS}`,
  },
  denied: {
    title: 'Camera permission denied',
    advice: `Allow CouponDesk to use the camera in the system's privacy settings, then press Start. ${STILL_WORKS}`,
  },
  'in-use': {
    title: 'The camera is in use by another program',
    advice: `Close the other program using it (a video call, another browser tab), then press Start. ${STILL_WORKS}`,
  },
  disconnected: {
    title: 'The camera was disconnected',
    advice: `Plug it back in and press Start, or choose another camera. ${STILL_WORKS}`,
  },
  unsupported: {
    title: 'This system offers no camera access',
    advice: STILL_WORKS,
  },
  decoder: {
    title: 'The code reader stopped',
    advice: `Press Start to try again. ${STILL_WORKS}`,
  },
  failed: {
    title: 'The camera could not start',
    advice: `Press Start to try again, or choose another camera. ${STILL_WORKS}`,
  },
}

const KIND_BY_ERROR_NAME: Record<string, CameraProblemKind> = {
  NotFoundError: 'no-camera',
  DevicesNotFoundError: 'no-camera',
  OverconstrainedError: 'no-camera',
  NotAllowedError: 'denied',
  PermissionDeniedError: 'denied',
  SecurityError: 'denied',
  NotReadableError: 'in-use',
  TrackStartError: 'in-use',
  AbortError: 'in-use',
}

export function cameraProblem(kind: CameraProblemKind, detail: string | null = null): CameraProblem {
  return { kind, ...PROBLEMS[kind], detail }
}

/** Classifies whatever getUserMedia (or its absence) threw. */
export function cameraProblemFromError(error: unknown): CameraProblem {
  const { name, message } = typeof error === 'object' && error !== null ? (error as { name?: unknown; message?: unknown }) : { name: undefined, message: error }
  const kind = KIND_BY_ERROR_NAME[String(name)] ?? 'failed'
  const text = [typeof name === 'string' ? name : null, typeof message === 'string' ? message : null].filter((part) => part !== null && part !== '').join(': ')
  return cameraProblem(kind, kind === 'failed' && text !== '' ? text : null)
}
