import { describe, expect, it } from 'vitest'
import type { JobProgress } from '../../../../electron/shared/contract'
import { progressFraction } from '../../../../renderer/src/components/progress-fraction'

const base: JobProgress = { kind: 'sales-import', phase: 'reading', processed: 0, bytesRead: 0, bytesTotal: 1000 }

describe('progressFraction', () => {
  it('follows the bytes read while the file is read', () => {
    expect(progressFraction({ ...base, bytesRead: 250 })).toBe(0.25)
  })

  it('follows the rows saved of those to save once a sales import saves', () => {
    expect(progressFraction({ ...base, phase: 'saving', processed: 300, bytesRead: 1000, total: 1200 })).toBe(0.25)
  })

  it('falls back to the bytes when a saving job names no total', () => {
    expect(progressFraction({ ...base, phase: 'saving', processed: 300, bytesRead: 1000 })).toBe(1)
    expect(progressFraction({ ...base, phase: 'saving', processed: 300, bytesRead: 500, total: null })).toBe(0.5)
  })

  it('knows nothing before the first report or without a size', () => {
    expect(progressFraction(null)).toBeNull()
    expect(progressFraction({ ...base, bytesTotal: null })).toBeNull()
    expect(progressFraction({ ...base, bytesTotal: 0 })).toBeNull()
  })
})
