/**
 * The mapping machinery both imports share (sales and coupon lists): a header cell is matched
 * to a field through its synonyms after normalising ("Order #" -> "order", "sales amount" ->
 * "sales_amount"), and a file's layout gets a signature so the mapping a manager confirmed for
 * it is found again next time.
 */

export function normaliseHeader(cell: string): string {
  return cell
    .trim()
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
}

/** Field -> column index for each header cell that names a field; the first match wins. */
export function matchHeader<F extends string>(
  cells: readonly string[],
  synonyms: Readonly<Record<F, readonly string[]>>,
): Partial<Record<F, number>> {
  const columns: Partial<Record<F, number>> = {}
  const fields = Object.keys(synonyms) as F[]
  cells.forEach((cell, index) => {
    const name = normaliseHeader(cell)
    if (name === '') return
    for (const field of fields) {
      if (columns[field] === undefined && synonyms[field].includes(name)) {
        columns[field] = index
        return
      }
    }
  })
  return columns
}

/**
 * Two files share a layout when they have the same header (normalised) and delimiter, or, with
 * no header, the same number of columns and delimiter.
 */
export function layoutSignature(hasHeader: boolean, firstRecord: readonly string[], delimiter: string): string {
  const shape = hasHeader ? firstRecord.map(normaliseHeader).join('|') : `no-header:${firstRecord.length}`
  return `${delimiter === '\t' ? 'tab' : delimiter}:${shape}`.slice(0, 2000)
}
