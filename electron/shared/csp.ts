/**
 * The Content Security Policy of our scripts when they run as workers (the camera's decoder).
 *
 * A dedicated worker does not inherit the page's policy (the meta tag in renderer/index.html):
 * it takes the policy sent with its own script's response, and runs unrestricted without one
 * (measured in Chromium 156). So the app protocol and the test host send this header with every
 * script; for scripts the page loads it has no effect. It allows the worker exactly what it needs:
 * loading its own code, fetching the bundled .wasm from our origin, and compiling WebAssembly
 * ('wasm-unsafe-eval' allows WebAssembly compilation only, not JavaScript eval). The page itself
 * runs no WebAssembly, so its policy stays as strict as before.
 */
export const WORKER_CSP = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'"

/** Headers a file of ours needs beyond what a plain file server sends, by file extension. */
export function extraHeadersFor(fileName: string): Record<string, string> {
  const lower = fileName.toLowerCase()
  if (lower.endsWith('.js') || lower.endsWith('.mjs')) return { 'content-security-policy': WORKER_CSP }
  // WebAssembly.instantiateStreaming accepts only this type.
  if (lower.endsWith('.wasm')) return { 'content-type': 'application/wasm' }
  return {}
}
