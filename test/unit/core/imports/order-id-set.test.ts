import { describe, expect, it } from 'vitest'
import { OrderIdSet } from '../../../../electron/core/imports/sales/order-id-set'

describe('the order ids seen in a file', () => {
  it('answers the first line of a repeated id and null for a new one, exactly', () => {
    const seen = new OrderIdSet()
    expect(seen.firstLineOf('R-1', 2)).toBeNull()
    expect(seen.firstLineOf('R-2', 3)).toBeNull()
    expect(seen.firstLineOf('R-1', 9)).toBe(2)
    expect(seen.firstLineOf('r-1', 10)).toBeNull()
    expect(seen.firstLineOf('Ü-€-1', 11)).toBeNull()
    expect(seen.firstLineOf('Ü-€-1', 12)).toBe(11)
    expect(seen.firstLineOf('', 13)).toBeNull()
    expect(seen.firstLineOf('', 14)).toBe(13)
  })

  it('agrees with a Map over 300,000 ids as its tables grow, ASCII and not, including ids of equal hash length', () => {
    const seen = new OrderIdSet()
    const reference = new Map<string, number>()
    for (let line = 1; line <= 300_000; line++) {
      // Every fifth row repeats an earlier id; ids differ in length and content.
      // Every seventh id is not ASCII (stored as its UTF-8 bytes by the general path).
      const base = line % 5 === 0 ? `ID-${(line * 7919) % line}` : `ID-${line}${line % 3 === 0 ? '-x' : ''}`
      const id = line % 7 === 0 ? `${base}-Bön` : base
      const expected = reference.get(id) ?? null
      if (expected === null) reference.set(id, line)
      expect(seen.firstLineOf(id, line)).toBe(expected)
    }
    expect(seen.size).toBe(reference.size)
  })
})
