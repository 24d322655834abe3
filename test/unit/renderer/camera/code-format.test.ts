import { describe, expect, it } from 'vitest'
import { CODE_FORMATS, isMatrixFormat, retailForm } from '../../../../renderer/src/camera/code-format'

describe('isMatrixFormat', () => {
  it('trusts QR and Data Matrix on one read and asks the 1D codes for two', () => {
    expect(CODE_FORMATS.filter(isMatrixFormat)).toEqual(['qr_code', 'data_matrix'])
  })
})

describe('retailForm', () => {
  it('reports a UPC-A read as an EAN-13 with a leading zero as the 12 digits printed under it', () => {
    expect(retailForm('0036000291452', 'ean_13')).toEqual({ text: '036000291452', format: 'upc_a' })
  })

  it('leaves a 12-digit UPC-A as it is', () => {
    expect(retailForm('036000291452', 'upc_a')).toEqual({ text: '036000291452', format: 'upc_a' })
  })

  it('leaves an EAN-13 that does not start with zero, and every other format, untouched', () => {
    expect(retailForm('4006381333931', 'ean_13')).toEqual({ text: '4006381333931', format: 'ean_13' })
    expect(retailForm('0123456789012', 'code_128')).toEqual({ text: '0123456789012', format: 'code_128' })
    expect(retailForm('0123456789012', 'qr_code')).toEqual({ text: '0123456789012', format: 'qr_code' })
  })
})
