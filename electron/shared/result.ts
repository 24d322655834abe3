import type { AppErrorData } from './errors'

/** What every channel answers: a value, or an error as data. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorData }

export function ok<T>(value: T): Result<T> {
  return { ok: true, value }
}

export function fail<T = never>(error: AppErrorData): Result<T> {
  return { ok: false, error }
}
