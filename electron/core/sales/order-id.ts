import type { Db } from '../db/connection'
import { nextOrderSequence, orderIdExists } from '../db/sales-repo'
import { AppError } from '../../shared/errors'

/**
 * Order ids are the platform's de-duplication key, so they must never repeat:
 * `<terminal>-<yyyymmdd>-<sequence>`, the sequence per terminal and business day, kept in the
 * database and taken inside the sale's own transaction. A number already used by a typed
 * receipt id is skipped.
 */

export const MAX_ORDER_ID_LENGTH = 64

export function formatOrderId(terminalId: string, businessDay: string, sequence: number): string {
  return `${terminalId}-${businessDay.replaceAll('-', '')}-${String(sequence).padStart(4, '0')}`
}

/** Call inside the transaction that inserts the sale. */
export function generateOrderId(db: Db, terminalId: string, businessDay: string): string {
  for (let attempt = 0; attempt < 10_000; attempt++) {
    const candidate = formatOrderId(terminalId, businessDay, nextOrderSequence(db, terminalId, businessDay))
    if (!orderIdExists(db, candidate)) return candidate
  }
  throw new AppError('INTERNAL', 'Could not find a free order id for today')
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/

/** Validates an order id typed from a till receipt. */
export function cleanTypedOrderId(raw: string): string {
  const orderId = raw.normalize('NFC').trim()
  if (orderId === '') throw new AppError('INVALID_ORDER_ID', 'Order ID is empty', { field: 'orderId' })
  if (orderId.length > MAX_ORDER_ID_LENGTH) {
    throw new AppError('INVALID_ORDER_ID', `Order ID is too long (at most ${MAX_ORDER_ID_LENGTH} characters)`, { field: 'orderId' })
  }
  if (CONTROL.test(orderId)) {
    throw new AppError('INVALID_ORDER_ID', 'Order ID contains control characters', { field: 'orderId' })
  }
  return orderId
}
