import Papa from 'papaparse'

/**
 * CSV we hand to people (exports, refused rows). Cells a spreadsheet would run as a formula
 * (=, +, -, @, tab, CR) are prefixed with a single quote by papaparse's `escapeFormulae`.
 * papaparse's own pattern ends in `.*$` without the s flag, so a cell such as "=1+2\nmore"
 * slipped through unescaped: ours looks at the first character only.
 */
export const FORMULA_START = /^[=+\-@\t\r]/

export function toSafeCsv(rows: readonly (readonly string[])[], header?: readonly string[]): string {
  const data = rows.map((row) => [...row])
  const csv = Papa.unparse(header === undefined ? data : { fields: [...header], data }, {
    escapeFormulae: FORMULA_START,
    newline: '\r\n',
    quotes: false,
  })
  return csv === '' ? '' : `${csv}\r\n`
}
