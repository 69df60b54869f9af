/**
 * 32 random hex characters, for ids the client chooses (orders, holds, passes) so a retried request is
 * the same thing. `crypto` is the bare global on purpose: in the mini-program build webpack's
 * ProvidePlugin swaps in the polyfill (polyfills/mini.ts), which `globalThis.crypto` would bypass.
 */
export function randomId(): string {
  const bytes = new Uint8Array(16)
  crypto.getRandomValues(bytes)
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}
