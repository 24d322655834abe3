/**
 * Errors cross every boundary (IPC, HTTP test host, CLI) as data, never as throws.
 * The set of codes is closed: the renderer switches over it, so adding one is a
 * deliberate change to the contract.
 */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'INVALID_AMOUNT',
  'INVALID_CODE',
  'COUPON_REFUSED',
  'COUPON_UNKNOWN',
  'DUPLICATE_ORDER_ID',
  'INVALID_ORDER_ID',
  'NOT_FOUND',
  'NOT_ALLOWED',
  'IMPORT_FAILED',
  'BUSY',
  'CANCELLED',
  'DB_TOO_NEW',
  'DB_ERROR',
  'INTERNAL',
  'PLATFORM_NOT_CONFIGURED',
  'PLATFORM_UNREACHABLE',
  'PLATFORM_REFUSED',
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

export interface AppErrorData {
  code: ErrorCode
  message: string
  details?: Record<string, unknown>
}

/** Thrown inside the core only; converted to data at the boundary by `toErrorData`. */
export class AppError extends Error {
  readonly code: ErrorCode
  readonly details?: Record<string, unknown>

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message)
    this.name = 'AppError'
    this.code = code
    if (details !== undefined) this.details = details
  }

  toData(): AppErrorData {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details }
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError
}
