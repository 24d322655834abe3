import type { AmountFormat } from '../../electron/shared/money'
import { formatAmountPlain } from '../../electron/shared/money'
import { describeAge, formatDateTime, formatDay } from '../../electron/shared/dates'

export { describeAge, formatDateTime, formatDay }

export function money(amountMinor: number, currency: string, format: AmountFormat): string {
  return `${formatAmountPlain(amountMinor, currency, format)} ${currency}`
}

export function count(value: number): string {
  return value.toLocaleString('en-US')
}

export function ago(atMs: number | null, nowMs: number = Date.now()): string {
  return atMs === null ? 'never' : `${describeAge(nowMs - atMs)} ago`
}
