import type { ReadResult, ReaderOptions } from 'zxing-wasm/reader'
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader'
// The .wasm ships inside the app as a Vite asset; zxing-wasm would otherwise fetch it from a
// CDN, which an offline till cannot reach (and our CSP forbids).
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url'
import type { CodeFormat, Detection } from '../code-format'
import { retailForm } from '../code-format'
import type { DecodeEngine } from './engine'

/**
 * The C++ ZXing compiled to WebAssembly. The module is instantiated once per worker and reused
 * for every frame (its heap is reused between calls, so memory stays flat).
 */

// Measured on our frame set (see the camera-decode benchmark): `tryHarder` read no extra code but
// cost 5-7x on frames without one; rotation and inversion each read codes nothing else did.
const READER_OPTIONS: ReaderOptions = {
  formats: ['QRCode', 'DataMatrix', 'Code128', 'Code39', 'EAN13', 'UPCA'],
  tryHarder: false,
  tryRotate: true,
  tryInvert: true,
  tryDownscale: true,
  maxNumberOfSymbols: 1,
}

function formatOf(result: ReadResult): CodeFormat | null {
  switch (result.symbology) {
    case 'QRCode':
      return 'qr_code'
    case 'DataMatrix':
      return 'data_matrix'
    case 'Code128':
      return 'code_128'
    case 'Code39':
      return 'code_39'
    case 'EANUPC':
      return result.format === 'UPCA' ? 'upc_a' : result.format === 'EAN13' ? 'ean_13' : null
    default:
      return null
  }
}

/** Where the bundled .wasm lives, as an absolute URL (the worker's own URL is the base). */
export function bundledWasmUrl(base: string): string {
  return new URL(wasmUrl, base).href
}

export async function loadZxingWasmEngine(base: string): Promise<DecodeEngine> {
  const url = bundledWasmUrl(base)
  await prepareZXingModule({
    overrides: {
      locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? url : prefix + path),
    },
    fireImmediately: true,
  })
  return {
    name: 'zxing-wasm',
    async decode(frame: ImageData): Promise<Detection | null> {
      const results = await readBarcodes(frame, READER_OPTIONS)
      for (const result of results) {
        const format = formatOf(result)
        if (!result.isValid || format === null || result.text === '') continue
        const { topLeft, topRight, bottomRight, bottomLeft } = result.position
        return { ...retailForm(result.text, format), corners: [topLeft, topRight, bottomRight, bottomLeft] }
      }
      return null
    },
  }
}
