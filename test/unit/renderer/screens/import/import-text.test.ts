import { describe, expect, it } from 'vitest'
import type { ImportOptions, ImportPreview, PreviewRow } from '../../../../../electron/shared/import-contract'
import {
  blockedReason,
  columnChoiceLabel,
  describeReading,
  openQuestions,
  waitingFor,
  withColumn,
} from '../../../../../renderer/src/screens/import/import-text'

const options: ImportOptions = {
  hasHeader: true,
  columns: { coupon: null, amount: 1, orderId: 2, date: 3 },
  decimal: 'comma',
  dateOrder: 'dmy',
  allOrNothing: false,
  allowUnverified: false,
  catalogMode: 'merge',
}

const preview: ImportPreview = {
  token: 't',
  kind: 'sales',
  fileName: 'kasse.csv',
  fileBytes: 100,
  encoding: 'utf-8',
  delimiter: 'semicolon',
  notices: [],
  firstRecord: ['Gutscheinnummer', 'Betrag', 'Beleg', 'Datum'],
  columnCount: 4,
  fields: ['coupon', 'amount', 'orderId', 'date'],
  requiredFields: ['coupon', 'amount', 'orderId'],
  options,
  questions: ['columns'],
  rememberedLayout: false,
  rows: [],
  previousImport: null,
}

const refusedRow = (field: string): PreviewRow => ({ line: 2, cells: [], status: 'refused', field, message: `${field} is wrong` })

describe('describeReading', () => {
  it('says how a sales file was read in the words of the screen', () => {
    expect(describeReading(preview, options)).toBe('UTF-8, separated by semicolons, decimal comma, dates day/month/year, header row')
  })

  it('leaves out formats not known yet and says when there is no header', () => {
    const unsure = { ...options, hasHeader: false, decimal: null, dateOrder: null }
    expect(describeReading({ ...preview, encoding: 'windows-1252', delimiter: 'tab' }, unsure)).toBe('Windows-1252, separated by tabs, no header row')
  })
})

describe('columnChoiceLabel', () => {
  it('names a column by its header, or by an example value without one', () => {
    expect(columnChoiceLabel(0, preview.firstRecord, true)).toBe('1: Gutscheinnummer')
    expect(columnChoiceLabel(0, ['test-coupon1'], false)).toBe('Column 1 (e.g. test-coupon1)')
    expect(columnChoiceLabel(2, ['a'], false)).toBe('Column 3')
  })
})

describe('questions and the Import button', () => {
  it('blocks the import while a required column is not chosen, naming it', () => {
    expect(openQuestions(preview, options)).toEqual(['columns'])
    expect(blockedReason(preview, options, false)).toBe('Choose the column that holds Coupon.')
  })

  it('forgets a question the manager answered before the core checked again', () => {
    const asked: ImportPreview = { ...preview, questions: ['decimal', 'columns'] }
    const answered: ImportOptions = { ...options, columns: { ...options.columns, coupon: 0 }, decimal: 'point' }
    expect(openQuestions(asked, answered)).toEqual([])
    expect(blockedReason(asked, answered, true)).toBe('Checking the rows with your choices…')
    expect(blockedReason(asked, answered, false)).toBeNull()
  })

  it('lists every open question at once', () => {
    const open: ImportPreview = { ...preview, questions: ['decimal', 'dateOrder'] }
    expect(blockedReason(open, { ...options, decimal: null, dateOrder: null, columns: { ...options.columns, orderId: null } }, false)).toBe(
      'Choose the column that holds Coupon and Order ID. Say how the amounts are written: decimal point or decimal comma. Say how the dates are written: day/month/year or month/day/year.',
    )
  })

  it('shows a row refused for an open question as waiting, and a real refusal as it is', () => {
    expect(waitingFor(refusedRow('coupon'), preview, options)).toBe('the column for Coupon')
    expect(waitingFor(refusedRow('amount'), preview, options)).toBeNull()
    const unanswered: ImportPreview = { ...preview, questions: ['dateOrder'] }
    expect(waitingFor(refusedRow('date'), unanswered, { ...options, dateOrder: null })).toBe('how dates are written')
  })
})

describe('withColumn', () => {
  it('moves a column from the field that had it and lists every field', () => {
    expect(withColumn(preview, options, 'coupon', 1).columns).toEqual({ coupon: 1, amount: null, orderId: 2, date: 3 })
    expect(withColumn(preview, { ...options, columns: {} }, 'date', null).columns).toEqual({ coupon: null, amount: null, orderId: null, date: null })
  })
})
