/**
 * The order ids seen so far in one file, each with the line it was first seen on. A million-row
 * file would otherwise keep a million strings on the heap, and the garbage collector lets the
 * heap grow in proportion to what is live before it runs: that alone took the import past its
 * memory budget. Here the ids are UTF-8 bytes in one growing buffer and an open-addressing table
 * of indexes finds them by hash; nothing per id is a heap object, and equality is exact.
 */

const INITIAL_IDS = 1 << 16
const MAX_ID_BYTES = 1024

export class OrderIdSet {
  private pool = Buffer.alloc(1 << 20)
  private poolUsed = 0
  private offsets = new Uint32Array(INITIAL_IDS)
  private lengths = new Uint16Array(INITIAL_IDS)
  private lines = new Uint32Array(INITIAL_IDS)
  private hashes = new Uint32Array(INITIAL_IDS)
  private count = 0
  // Slots hold an id's index + 1 (0 = empty); kept at most half full.
  private table = new Uint32Array(INITIAL_IDS * 2)
  private readonly scratch = Buffer.alloc(MAX_ID_BYTES)

  get size(): number {
    return this.count
  }

  /** The line `orderId` was first seen on; if it is new, it is remembered on `line` and null is returned. */
  firstLineOf(orderId: string, line: number): number | null {
    // The usual id is all ASCII: its UTF-8 bytes are its char codes, so it is hashed and compared
    // straight from the string (copied only when new, without native calls), to the same hash
    // and the same stored bytes as the general path's.
    const ascii = isShortAscii(orderId) ? orderId : null
    let length: number
    let hash: number
    if (ascii !== null) {
      length = ascii.length
      hash = FNV_OFFSET
      for (let index = 0; index < length; index++) hash = Math.imul(hash ^ ascii.charCodeAt(index), FNV_PRIME)
      hash >>>= 0
    } else {
      length = this.scratch.write(orderId, 0, 'utf8')
      hash = fnv1a(this.scratch, length)
    }
    const mask = this.table.length - 1
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.table[slot] ?? 0
      if (entry === 0) break
      const index = entry - 1
      if (this.hashes[index] === hash && this.lengths[index] === length && this.storedEquals(this.offsets[index] ?? 0, length, ascii)) {
        return this.lines[index] ?? null
      }
    }
    if (ascii !== null) for (let at = 0; at < length; at++) this.scratch[at] = ascii.charCodeAt(at)
    this.add(length, hash, line)
    return null
  }

  /** Whether the stored id at `offset` is `ascii`, or (null) the bytes in the scratch buffer. */
  private storedEquals(offset: number, length: number, ascii: string | null): boolean {
    if (ascii === null) return this.scratch.compare(this.pool, offset, offset + length, 0, length) === 0
    for (let at = 0; at < length; at++) if (this.pool[offset + at] !== ascii.charCodeAt(at)) return false
    return true
  }

  clear(): void {
    this.pool = Buffer.alloc(0)
    this.offsets = new Uint32Array(0)
    this.lengths = new Uint16Array(0)
    this.lines = new Uint32Array(0)
    this.hashes = new Uint32Array(0)
    this.table = new Uint32Array(0)
    this.count = 0
    this.poolUsed = 0
  }

  private add(length: number, hash: number, line: number): void {
    if (this.poolUsed + length > this.pool.length) {
      const bigger = Buffer.alloc(Math.max(this.pool.length * 2, this.poolUsed + length))
      this.pool.copy(bigger, 0, 0, this.poolUsed)
      this.pool = bigger
    }
    if (this.count === this.offsets.length) {
      this.offsets = grow(this.offsets, new Uint32Array(this.count * 2))
      this.lengths = grow(this.lengths, new Uint16Array(this.count * 2))
      this.lines = grow(this.lines, new Uint32Array(this.count * 2))
      this.hashes = grow(this.hashes, new Uint32Array(this.count * 2))
    }
    this.scratch.copy(this.pool, this.poolUsed, 0, length)
    const index = this.count++
    this.offsets[index] = this.poolUsed
    this.lengths[index] = length
    this.lines[index] = line
    this.hashes[index] = hash
    this.poolUsed += length
    if (this.count * 2 > this.table.length) this.rehash(this.table.length * 2)
    else this.place(index)
  }

  private place(index: number): void {
    const mask = this.table.length - 1
    let slot = (this.hashes[index] ?? 0) & mask
    while ((this.table[slot] ?? 0) !== 0) slot = (slot + 1) & mask
    this.table[slot] = index + 1
  }

  private rehash(size: number): void {
    this.table = new Uint32Array(size)
    for (let index = 0; index < this.count; index++) this.place(index)
  }
}

function grow<T extends Uint32Array | Uint16Array>(from: T, to: T): T {
  to.set(from)
  return to
}

const FNV_OFFSET = 0x811c9dc5
const FNV_PRIME = 0x01000193

/** 32-bit FNV-1a over the first `length` bytes. */
function fnv1a(bytes: Buffer, length: number): number {
  let hash = FNV_OFFSET
  for (let index = 0; index < length; index++) hash = Math.imul(hash ^ (bytes[index] ?? 0), FNV_PRIME)
  return hash >>> 0
}

function isShortAscii(text: string): boolean {
  if (text.length > MAX_ID_BYTES) return false
  for (let index = 0; index < text.length; index++) if (text.charCodeAt(index) > 0x7f) return false
  return true
}
