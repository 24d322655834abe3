import { describe, it, expect } from 'vitest'
import { base64ToBytes, bytesToBase64, fromWireJson, toWireJson } from '../../../electron/shared/wire'

function patterned(length: number): Uint8Array {
  const bytes = new Uint8Array(length)
  for (let index = 0; index < length; index++) bytes[index] = (index * 31 + 7) % 256
  return bytes
}

describe('toWireJson and fromWireJson', () => {
  it('carries nested byte arrays, including an empty one and a 200 kB one, through a round trip', () => {
    const big = patterned(200 * 1024)
    const value = {
      name: 'coupons.csv',
      file: { bytes: big, parts: [new Uint8Array([0, 1, 255]), new Uint8Array(0)] },
      empty: new Uint8Array(0),
      count: 3,
      flag: false,
      nothing: null,
    }
    const back = fromWireJson(toWireJson(value)) as typeof value

    expect(back.file.bytes).toBeInstanceOf(Uint8Array)
    expect(back.file.bytes.length).toBe(200 * 1024)
    expect(Buffer.from(back.file.bytes).equals(Buffer.from(big))).toBe(true)
    expect(Array.from(back.file.parts[0] ?? [])).toEqual([0, 1, 255])
    expect(back.file.parts[1]).toBeInstanceOf(Uint8Array)
    expect(back.file.parts[1]?.length).toBe(0)
    expect(back.empty).toBeInstanceOf(Uint8Array)
    expect(back.empty.length).toBe(0)
    expect({ ...back, file: { ...back.file, bytes: null } }).toEqual({ ...value, file: { ...value.file, bytes: null } })
  })

  it('writes bytes as a tagged base64 object', () => {
    expect(toWireJson({ data: new Uint8Array([104, 105]) })).toBe('{"data":{"$bytes":"aGk="}}')
  })

  it('carries a top-level byte array', () => {
    const back = fromWireJson(toWireJson(new Uint8Array([1, 2, 3])))
    expect(back).toBeInstanceOf(Uint8Array)
    expect(Array.from(back as Uint8Array)).toEqual([1, 2, 3])
  })

  it('leaves plain values alone, including objects that only look like the tag', () => {
    const value = { a: [1, 'two', { b: null }], tag: { $bytes: 5 }, two: { $bytes: 'aGk=', other: 1 } }
    expect(fromWireJson(toWireJson(value))).toEqual(value)
  })

  it('covers every byte value', () => {
    const all = Uint8Array.from({ length: 256 }, (_unused, index) => index)
    const back = fromWireJson(toWireJson({ all })) as { all: Uint8Array }
    expect(Array.from(back.all)).toEqual(Array.from(all))
  })
})

describe('bytesToBase64 and base64ToBytes', () => {
  it('agree with Node for lengths around the chunk size', () => {
    for (const length of [0, 1, 2, 3, 0x7fff, 0x8000, 0x8001, 0x10000 + 5]) {
      const bytes = patterned(length)
      const base64 = bytesToBase64(bytes)
      expect(base64).toBe(Buffer.from(bytes).toString('base64'))
      expect(Buffer.from(base64ToBytes(base64)).equals(Buffer.from(bytes))).toBe(true)
    }
  })
})
