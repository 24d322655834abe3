/**
 * The webcam decoders a till can use: zxing-wasm (the C++ ZXing compiled to WebAssembly, the
 * default: faster and reads more, see the camera-decode benchmark) and zxing-js (the JavaScript
 * port, the fallback). Its own module, free of imports, so the decoder worker can name them
 * without pulling in the rest of the settings.
 */
export const CAMERA_ENGINES = ['zxing-wasm', 'zxing-js'] as const
export type CameraEngineName = (typeof CAMERA_ENGINES)[number]
