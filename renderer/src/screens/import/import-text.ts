import type { ImportOptions, ImportPreview, ImportQuestion, PreviewRow } from '../../../../electron/shared/import-contract'
import { FIELD_LABELS } from '../../../../electron/shared/import-contract'

/**
 * The wizard's words, kept apart from its components so they read the same everywhere and can
 * be tested without a page: how a file was read, what a column holds, what still needs an answer.
 */

const ENCODING_NAMES: Record<string, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16',
  'utf-16be': 'UTF-16',
  'windows-1252': 'Windows-1252',
  'iso-8859-1': 'Latin-1',
}

const DELIMITER_WORDS: Record<string, string> = {
  comma: 'commas',
  semicolon: 'semicolons',
  tab: 'tabs',
  pipe: 'vertical bars (|)',
}

export const DECIMAL_LABELS: Record<NonNullable<ImportOptions['decimal']>, string> = {
  point: 'decimal point 12.50',
  comma: 'decimal comma 12,50',
}

export const DATE_ORDER_LABELS: Record<NonNullable<ImportOptions['dateOrder']>, string> = {
  dmy: 'day/month/year',
  mdy: 'month/day/year',
  ymd: 'year-month-day',
}

export function fieldLabel(field: string): string {
  return (FIELD_LABELS as Record<string, string | undefined>)[field] ?? field
}

/** "UTF-8, separated by semicolons, decimal comma, dates day/month/year, header row". */
export function describeReading(preview: ImportPreview, options: ImportOptions): string {
  const parts = [
    ENCODING_NAMES[preview.encoding.toLowerCase()] ?? preview.encoding.toUpperCase(),
    `separated by ${DELIMITER_WORDS[preview.delimiter] ?? preview.delimiter}`,
  ]
  if (preview.kind === 'sales') {
    if (options.decimal !== null) parts.push(options.decimal === 'comma' ? 'decimal comma' : 'decimal point')
    if (options.dateOrder !== null && options.columns.date != null) parts.push(`dates ${DATE_ORDER_LABELS[options.dateOrder]}`)
  }
  parts.push(options.hasHeader ? 'header row' : 'no header row')
  return parts.join(', ')
}

function shorten(text: string, max = 28): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`
}

/** "1: Gutscheinnummer" with a header, "Column 1 (e.g. ANNA10)" without. */
export function columnChoiceLabel(index: number, firstRecord: readonly string[], hasHeader: boolean): string {
  const cell = shorten(firstRecord[index] ?? '')
  if (hasHeader) return cell === '' ? `${index + 1}: (no name)` : `${index + 1}: ${cell}`
  return cell === '' ? `Column ${index + 1}` : `Column ${index + 1} (e.g. ${cell})`
}

/** The required fields no column is chosen for. */
export function unmappedRequired(preview: ImportPreview, options: ImportOptions): string[] {
  return preview.requiredFields.filter((field) => options.columns[field] == null)
}

/**
 * The questions still open with the manager's current answers: the core's last answer, minus
 * what the manager has answered since, plus a required column left empty meanwhile.
 */
export function openQuestions(preview: ImportPreview, options: ImportOptions): ImportQuestion[] {
  const open = preview.questions.filter((question) => {
    switch (question) {
      case 'decimal':
        return options.decimal === null
      case 'dateOrder':
        return options.dateOrder === null
      case 'columns':
        return false
      default: {
        const unreachable: never = question
        return unreachable
      }
    }
  })
  if (unmappedRequired(preview, options).length > 0) open.push('columns')
  return open
}

function listWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('')
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1] ?? ''}`
}

/** Why the Import button is disabled (every open question, in the order of the screen), or null when it is not. */
export function blockedReason(preview: ImportPreview, options: ImportOptions, isChecking: boolean): string | null {
  const open = openQuestions(preview, options)
  const reasons: string[] = []
  if (open.includes('columns')) reasons.push(`Choose the column that holds ${listWords(unmappedRequired(preview, options).map(fieldLabel))}.`)
  if (open.includes('decimal')) reasons.push('Say how the amounts are written: decimal point or decimal comma.')
  if (open.includes('dateOrder')) reasons.push('Say how the dates are written: day/month/year or month/day/year.')
  if (reasons.length === 0 && isChecking) reasons.push('Checking the rows with your choices…')
  return reasons.length === 0 ? null : reasons.join(' ')
}

/**
 * The open question a row's refusal comes from (a required column not chosen, a format not
 * answered), or null: such a row is not wrong yet, it waits for the manager's answer.
 */
export function waitingFor(row: PreviewRow, preview: ImportPreview, options: ImportOptions): string | null {
  if (row.status !== 'refused' || row.field === null) return null
  const open = openQuestions(preview, options)
  if (open.includes('columns') && unmappedRequired(preview, options).includes(row.field)) return `the column for ${fieldLabel(row.field)}`
  if (row.field === 'amount' && open.includes('decimal')) return 'how amounts are written'
  if (row.field === 'date' && open.includes('dateOrder')) return 'how dates are written'
  return null
}

/** "12 ms", "1.4 s". */
export function duration(ms: number): string {
  return ms < 1000 ? `${Math.max(1, Math.round(ms))} ms` : `${(ms / 1000).toFixed(1)} s`
}

/** Options with exactly the fields of this kind of import, a column moved if another field had it. */
export function withColumn(preview: ImportPreview, options: ImportOptions, field: string, index: number | null): ImportOptions {
  const columns: Record<string, number | null> = {}
  for (const name of preview.fields) {
    const current = options.columns[name] ?? null
    columns[name] = name === field ? index : index !== null && current === index ? null : current
  }
  return { ...options, columns }
}

const BATCH_STATUS_LABELS: Record<string, string> = {
  reading: 'Reading…',
  publishing: 'Saving…',
  committed: 'Imported',
  voided: 'Voided',
  refused: 'Refused (all or nothing)',
  dry_run: 'Checked only',
  cancelled: 'Cancelled',
  failed: 'Failed',
}

export function batchStatusLabel(status: string): string {
  return BATCH_STATUS_LABELS[status] ?? status
}

export function plural(value: number, one: string, many: string): string {
  return `${value.toLocaleString('en-US')} ${value === 1 ? one : many}`
}
