import Papa from 'papaparse'

/**
 * Delimiter and line ending from the first lines of a file. papaparse's own guess is fooled by
 * decimal commas (`12,50` inside a `;` file), so every candidate is tried and the one that cuts
 * the lines into the same number of fields, and the most of them, wins.
 */

// On a tie the earlier candidate wins: a `;` file often holds decimal commas (`ANNA10;12,50`),
// while a `,` file seldom has a `;` on every line.
export const DELIMITER_CANDIDATES = [';', '\t', '|', ','] as const
export type Delimiter = (typeof DELIMITER_CANDIDATES)[number]
export type Newline = '\r\n' | '\n' | '\r'

export interface TextLayout {
  delimiter: Delimiter
  newline: Newline
  /** Fields per row most lines have with that delimiter. */
  columns: number
}

const SAMPLE_ROWS = 50

export function detectNewline(sample: string): Newline {
  const crlf = sample.indexOf('\r\n')
  const lf = sample.indexOf('\n')
  const cr = sample.indexOf('\r')
  if (crlf !== -1 && crlf <= lf) return '\r\n'
  if (lf !== -1 && (cr === -1 || lf < cr)) return '\n'
  if (cr !== -1) return '\r'
  return '\n'
}

export function sniffLayout(sample: string): TextLayout {
  const newline = detectNewline(sample)
  // Drop the last line: the sample may have cut it in half.
  const cut = sample.lastIndexOf(newline)
  const complete = cut > 0 ? sample.slice(0, cut) : sample
  let best: TextLayout = { delimiter: ',', newline, columns: 1 }
  let bestScore = 0
  for (const delimiter of DELIMITER_CANDIDATES) {
    const parsed = Papa.parse<string[]>(complete, { delimiter, newline, preview: SAMPLE_ROWS, skipEmptyLines: 'greedy' })
    const counts = parsed.data.map((row) => row.length)
    if (counts.length === 0) continue
    const modal = mode(counts)
    if (modal < 2) continue
    const consistency = counts.filter((count) => count === modal).length / counts.length
    const score = consistency * Math.log2(1 + modal)
    if (consistency >= 0.6 && score > bestScore) {
      bestScore = score
      best = { delimiter, newline, columns: modal }
    }
  }
  return best
}

function mode(values: number[]): number {
  const tally = new Map<number, number>()
  for (const value of values) tally.set(value, (tally.get(value) ?? 0) + 1)
  let best = 0
  let bestCount = -1
  for (const [value, count] of tally) {
    if (count > bestCount || (count === bestCount && value > best)) {
      best = value
      bestCount = count
    }
  }
  return best
}
