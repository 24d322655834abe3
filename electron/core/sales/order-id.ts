import type { Db } from '../db/connection'
import { orderIdExists, orderIdsStartingWith } from '../db/sales-repo'
import { AppError } from '../../shared/errors'

/**
 * Order ids are the platform's de-duplication key, so they must never repeat:
 * `<terminal>-<yyyymmdd>-<sequence>`, the sequence per terminal and business day.
 *
 * The sales' own unique index is the record of which numbers are taken: the next number is the
 * one after the highest this connection knows of, checked against the index inside the sale's
 * IMMEDIATE transaction, so another process writing to the same file (the CLI) or a typed
 * receipt id that looks like ours only makes it skip ahead. The highest number per terminal and
 * day is kept in memory (found once with a range scan of the index) and counts the number just
 * handed out as taken; a transaction that fails afterwards calls `forgetOrderSequences`, so its
 * number is offered again. (A counter row in its own table cost every sale one more page
 * written at commit.)
 */

export const MAX_ORDER_ID_LENGTH = 64

export function formatOrderId(terminalId: string, businessDay: string, sequence: number): string {
  return `${orderIdPrefix(terminalId, businessDay)}${String(sequence).padStart(4, '0')}`
}

function orderIdPrefix(terminalId: string, businessDay: string): string {
  return `${terminalId}-${businessDay.replaceAll('-', '')}-`
}

const highestTaken = new WeakMap<Db, Map<string, number>>()

/** Call inside the transaction that inserts the sale. */
export function generateOrderId(db: Db, terminalId: string, businessDay: string): string {
  const prefix = orderIdPrefix(terminalId, businessDay)
  let known = highestTaken.get(db)
  if (known === undefined) {
    known = new Map()
    highestTaken.set(db, known)
  }
  let taken = known.get(prefix) ?? highestSequence(db, prefix)
  for (let attempt = 0; attempt < 10_000; attempt++) {
    const candidate = `${prefix}${String(taken + 1).padStart(4, '0')}`
    if (!orderIdExists(db, candidate)) {
      known.set(prefix, taken + 1)
      return candidate
    }
    taken++
  }
  throw new AppError('INTERNAL', 'Could not find a free order id for today')
}

/** After a rolled-back sale: the numbers are read again from the sales the next time. */
export function forgetOrderSequences(db: Db): void {
  highestTaken.delete(db)
}

const SEQUENCE = /^\d{1,15}$/

function highestSequence(db: Db, prefix: string): number {
  let highest = 0
  for (const orderId of orderIdsStartingWith(db, prefix)) {
    const tail = orderId.slice(prefix.length)
    if (SEQUENCE.test(tail)) highest = Math.max(highest, Number(tail))
  }
  return highest
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
