import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, it, expect } from 'vitest'
import type { Db } from '../../../../electron/core/db/connection'
import { openDatabase } from '../../../../electron/core/db/connection'
import type { NewSale } from '../../../../electron/core/db/sales-repo'
import { insertSale } from '../../../../electron/core/db/sales-repo'
import {
  MAX_ORDER_ID_LENGTH,
  cleanTypedOrderId,
  forgetOrderSequences,
  formatOrderId,
  generateOrderId,
} from '../../../../electron/core/sales/order-id'
import { AppError } from '../../../../electron/shared/errors'

function thrown(action: () => unknown): unknown {
  try {
    action()
  } catch (error) {
    return error
  }
  throw new Error('expected the call to throw')
}

describe('formatOrderId', () => {
  it('joins terminal, compact day and a four-digit sequence', () => {
    expect(formatOrderId('T1', '2026-11-21', 7)).toBe('T1-20261121-0007')
  })

  it.each([
    [1, 'T1-20261121-0001'],
    [9999, 'T1-20261121-9999'],
    [10000, 'T1-20261121-10000'],
    [123456, 'T1-20261121-123456'],
  ])('writes sequence %i as %j, growing past four digits', (sequence, expected) => {
    expect(formatOrderId('T1', '2026-11-21', sequence)).toBe(expected)
  })
})

describe('cleanTypedOrderId', () => {
  it('trims the id from a receipt', () => {
    expect(cleanTypedOrderId('  order 123 \t')).toBe('order 123')
  })

  it('keeps inner spaces and punctuation', () => {
    expect(cleanTypedOrderId('R-2026/11 #5')).toBe('R-2026/11 #5')
  })

  it('normalises to NFC so a decomposed accent matches the composed one', () => {
    expect(cleanTypedOrderId('Cafe\u0301-1')).toBe('Caf\u00e9-1')
  })

  it(`accepts ${MAX_ORDER_ID_LENGTH} characters`, () => {
    expect(cleanTypedOrderId('x'.repeat(MAX_ORDER_ID_LENGTH))).toBe('x'.repeat(64))
  })

  it.each([
    ['', 'Order ID is empty'],
    ['   ', 'Order ID is empty'],
    ['x'.repeat(65), 'Order ID is too long (at most 64 characters)'],
    ['A\u0000B', 'Order ID contains control characters'],
    ['A\tB', 'Order ID contains control characters'],
    ['A\nB', 'Order ID contains control characters'],
    ['A\u007fB', 'Order ID contains control characters'],
    ['A\u009bB', 'Order ID contains control characters'],
  ])('refuses %j with INVALID_ORDER_ID on the orderId field', (raw, message) => {
    const error = thrown(() => cleanTypedOrderId(raw))
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).toData()).toEqual({ code: 'INVALID_ORDER_ID', message, details: { field: 'orderId' } })
  })
})

describe('generateOrderId', () => {
  let dir: string
  let db: Db

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'coupondesk-order-id-'))
    db = openDatabase(path.join(dir, 'pos.sqlite'))
  })

  afterEach(() => {
    db.close()
    rmSync(dir, { recursive: true, force: true })
  })

  function sale(orderId: string, terminalId = 'T1', businessDate = '2026-11-21'): NewSale {
    return {
      order_id: orderId,
      coupon_code: 'ANNA10',
      coupon_key: 'ANNA10',
      amount_minor: 1250,
      currency: 'EUR',
      occurred_at_ms: 1_000,
      business_date: businessDate,
      created_at_ms: 1_000,
      terminal_id: terminalId,
      source: 'till',
      state: 'saved',
      state_changed_at_ms: 1_000,
      is_unverified: 0,
      is_future_dated: 0,
      affiliate_id: null,
      affiliate_name: null,
      campaign_id: null,
      campaign_name: null,
    }
  }

  /** What the sale transaction does with a generated id: the number is taken once the sale is in. */
  function take(terminalId: string, day: string): string {
    const orderId = generateOrderId(db, terminalId, day)
    insertSale(db, sale(orderId, terminalId, day))
    return orderId
  }

  it('counts up from 1 for a terminal and a day', () => {
    expect(take('T1', '2026-11-21')).toBe('T1-20261121-0001')
    expect(take('T1', '2026-11-21')).toBe('T1-20261121-0002')
    expect(take('T1', '2026-11-21')).toBe('T1-20261121-0003')
  })

  it('offers a number drawn for a sale that never came again once the sequences are forgotten', () => {
    expect(generateOrderId(db, 'T1', '2026-11-21')).toBe('T1-20261121-0001')
    expect(generateOrderId(db, 'T1', '2026-11-21')).toBe('T1-20261121-0002')
    forgetOrderSequences(db)
    expect(generateOrderId(db, 'T1', '2026-11-21')).toBe('T1-20261121-0001')
  })

  it('keeps a separate sequence per terminal', () => {
    expect(take('T1', '2026-11-21')).toBe('T1-20261121-0001')
    expect(take('T2', '2026-11-21')).toBe('T2-20261121-0001')
    expect(take('T1', '2026-11-21')).toBe('T1-20261121-0002')
    expect(take('T2', '2026-11-21')).toBe('T2-20261121-0002')
  })

  it('starts again at 1 on a new business day', () => {
    expect(take('T1', '2026-11-21')).toBe('T1-20261121-0001')
    expect(take('T1', '2026-11-21')).toBe('T1-20261121-0002')
    expect(take('T1', '2026-11-22')).toBe('T1-20261122-0001')
    expect(take('T1', '2026-11-21')).toBe('T1-20261121-0003')
  })

  it('skips a number a typed order id took after the sequence was read', () => {
    expect(take('T1', '2026-11-21')).toBe('T1-20261121-0001')
    insertSale(db, sale('T1-20261121-0002'))
    insertSale(db, sale('T1-20261121-0003'))
    expect(take('T1', '2026-11-21')).toBe('T1-20261121-0004')
    expect(take('T1', '2026-11-21')).toBe('T1-20261121-0005')
  })

  it('continues after the highest number already taken when it first reads a day', () => {
    insertSale(db, sale('T1-20261121-0002'))
    insertSale(db, sale('T1-20261121-0017'))
    insertSale(db, sale('T1-20261121-note'))
    insertSale(db, sale('T1-20261121-9999x'))
    insertSale(db, sale('T10-20261121-0050', 'T10'))
    insertSale(db, sale('T1-20261122-0070', 'T1', '2026-11-22'))
    expect(take('T1', '2026-11-21')).toBe('T1-20261121-0018')
  })

  it('counts numbers past four digits, which sort before shorter ones as text', () => {
    insertSale(db, sale('T1-20261121-9999'))
    insertSale(db, sale('T1-20261121-10000'))
    expect(take('T1', '2026-11-21')).toBe('T1-20261121-10001')
  })

  it('continues the sequence when the file is opened again', () => {
    expect(take('T1', '2026-11-21')).toBe('T1-20261121-0001')
    expect(take('T1', '2026-11-21')).toBe('T1-20261121-0002')
    db.close()
    db = openDatabase(path.join(dir, 'pos.sqlite'))
    expect(take('T1', '2026-11-21')).toBe('T1-20261121-0003')
  })

  it('skips numbers another connection to the same file took meanwhile', () => {
    expect(take('T1', '2026-11-21')).toBe('T1-20261121-0001')
    const other = openDatabase(path.join(dir, 'pos.sqlite'))
    try {
      expect(generateOrderId(other, 'T1', '2026-11-21')).toBe('T1-20261121-0002')
      insertSale(other, sale('T1-20261121-0002'))
    } finally {
      other.close()
    }
    expect(take('T1', '2026-11-21')).toBe('T1-20261121-0003')
  })

  it('gives the number back when the sale transaction rolls back', () => {
    const failing = db.transaction(() => {
      insertSale(db, sale(generateOrderId(db, 'T1', '2026-11-21')))
      throw new Error('sale refused')
    })
    expect(() => failing()).toThrow('sale refused')
    forgetOrderSequences(db)
    expect(take('T1', '2026-11-21')).toBe('T1-20261121-0001')
  })
})
