import type { SalesField } from '../../../shared/import-contract'
import { matchHeader } from '../mapping/header-match'
import { detectDateOrder } from './value-formats'

/**
 * Which column of a till export holds what. A header is matched through synonyms; without one,
 * the layout AffiliationSoftware takes (`Coupon, sales amount, order ID, date`) is assumed when
 * the values fit it, else the columns are told apart by their values.
 */

export const SALES_SYNONYMS: Record<SalesField, readonly string[]> = {
  coupon: [
    'coupon', 'coupon_code', 'couponcode', 'code', 'promo', 'promo_code', 'promocode', 'promotion_code',
    'voucher', 'voucher_code', 'discount_code', 'gutschein', 'gutscheincode', 'bon_de_reduction',
  ],
  amount: [
    'amount', 'sales_amount', 'sale_amount', 'total', 'total_amount', 'order_total', 'order_amount',
    'revenue', 'sales', 'net', 'net_amount', 'gross', 'gross_amount', 'value', 'sum', 'price',
    'betrag', 'umsatz', 'summe', 'gesamt', 'gesamtbetrag', 'montant', 'importe',
  ],
  orderId: [
    'order_id', 'orderid', 'order', 'order_no', 'order_nr', 'order_number', 'order_ref', 'receipt',
    'receipt_id', 'receipt_no', 'receipt_nr', 'receipt_number', 'transaction', 'transaction_id',
    'transaction_no', 'txn', 'txn_id', 'invoice', 'invoice_no', 'invoice_number', 'ticket', 'bon',
    'beleg', 'belegnummer', 'belegnr', 'bonnummer', 'bon_nr',
  ],
  date: [
    'date', 'sale_date', 'sales_date', 'order_date', 'transaction_date', 'time', 'sale_time', 'datetime',
    'date_time', 'timestamp', 'sold_at', 'created', 'created_at', 'datum', 'zeit', 'zeitpunkt', 'datum_uhrzeit',
  ],
}

export const REQUIRED_SALES_FIELDS: readonly SalesField[] = ['coupon', 'amount', 'orderId']

export type SalesColumns = Record<SalesField, number | null>

export interface SalesLayoutGuess {
  hasHeader: boolean
  columns: SalesColumns
  /** False when a required field could not be placed: the manager must map it. */
  complete: boolean
}

const NONE: SalesColumns = { coupon: null, amount: null, orderId: null, date: null }

/**
 * The first row is a header when it names at least two of the fields, or when none of its cells
 * reads as an amount or a date while the next rows' cells do (a header in words we do not know).
 */
export function headerColumns(firstRecord: readonly string[], nextRecords: readonly (readonly string[])[] = []): SalesColumns | null {
  const matched = matchHeader(firstRecord, SALES_SYNONYMS)
  if (Object.keys(matched).length >= 2) return { ...NONE, ...matched }
  const valueLike = (cell: string): boolean => AMOUNT_LIKE.test(cell.trim()) || looksLikeDates([cell])
  const firstHasValues = firstRecord.some((cell) => cell.trim() !== '' && valueLike(cell))
  const nextHaveValues = nextRecords.slice(0, 5).some((record) => record.some((cell) => cell.trim() !== '' && valueLike(cell)))
  if (!firstHasValues && nextHaveValues && firstRecord.some((cell) => cell.trim() !== '')) return { ...NONE, ...matched }
  return null
}

// A number with grouping or decimals, maybe a currency sign or an ISO code set apart by a space.
const AMOUNT_LIKE = /^(?:\p{Sc}|[A-Z]{3}\s)?\s*[-+(]?[0-9][0-9.,'\s\u00a0]*\)?\s*(?:\p{Sc}|\s[A-Z]{3})?$/u

function share(values: readonly string[], test: (value: string) => boolean): number {
  const present = values.filter((value) => value.trim() !== '')
  if (present.length === 0) return 0
  return present.filter((value) => test(value.trim())).length / present.length
}

function looksLikeDates(values: readonly string[]): boolean {
  return share(values, (value) => detectDateOrder([value]).value !== null || detectDateOrder([value]).ambiguous) >= 0.8
}

function looksLikeAmounts(values: readonly string[]): boolean {
  return share(values, (value) => AMOUNT_LIKE.test(value)) >= 0.8
}

/** Guesses the columns of a file without a header from its first data rows. */
export function columnsFromValues(rows: readonly (readonly string[])[]): SalesColumns {
  const width = Math.max(0, ...rows.map((row) => row.length))
  const column = (index: number): string[] => rows.map((row) => row[index] ?? '')
  if (width >= 4 && looksLikeAmounts(column(1)) && looksLikeDates(column(3))) {
    return { coupon: 0, amount: 1, orderId: 2, date: 3 }
  }
  const free = new Set(Array.from({ length: width }, (_, index) => index))
  const take = (test: (values: string[]) => boolean): number | null => {
    for (const index of free) {
      if (test(column(index))) {
        free.delete(index)
        return index
      }
    }
    return null
  }
  const date = take(looksLikeDates)
  // The coupon comes first in every layout we know; an order number may be all digits too.
  const coupon = take((values) => !looksLikeAmounts(values)) ?? take(() => true)
  const amount = take(looksLikeAmounts)
  const orderId = take(() => true)
  return { coupon, amount, orderId, date }
}

export function guessSalesLayout(firstRecord: readonly string[], sampleRows: readonly (readonly string[])[]): SalesLayoutGuess {
  const fromHeader = headerColumns(firstRecord, sampleRows.slice(1))
  const hasHeader = fromHeader !== null
  const columns = fromHeader ?? columnsFromValues(sampleRows)
  return { hasHeader, columns, complete: REQUIRED_SALES_FIELDS.every((field) => columns[field] !== null) }
}
