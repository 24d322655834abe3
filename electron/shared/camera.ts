/**
 * Webcam scanning names both sides agree on: the decoders a till can use and the code formats
 * they read. Free of imports, so the decoder worker (and the benchmark) can use them without
 * pulling in anything else.
 *
 * Decoders: zxing-wasm (the C++ ZXing compiled to WebAssembly, the default: faster and reads more,
 * see the camera-decode benchmark) and zxing-js (the JavaScript port, the fallback).
 */
export const CAMERA_ENGINES = ['zxing-wasm', 'zxing-js'] as const
export type CameraEngineName = (typeof CAMERA_ENGINES)[number]

export const CODE_FORMATS = ['qr_code', 'data_matrix', 'code_128', 'code_39', 'ean_13', 'upc_a'] as const
export type CodeFormat = (typeof CODE_FORMATS)[number]

export const CODE_FORMAT_LABELS: Record<CodeFormat, string> = {
  qr_code: 'QR code',
  data_matrix: 'Data Matrix',
  code_128: 'Code 128',
  code_39: 'Code 39',
  ean_13: 'EAN-13',
  upc_a: 'UPC-A',
}
