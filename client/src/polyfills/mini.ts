/**
 * Web APIs the WeChat runtime lacks, injected by webpack's ProvidePlugin into the mini build only
 * (config/index.ts). Nothing imports this file directly.
 */
import {
  AbortController as AbortControllerPonyfill,
  AbortSignal as AbortSignalPonyfill,
} from 'abortcontroller-polyfill/dist/cjs-ponyfill'
import { TextDecoder as TextDecoderShim, TextEncoder as TextEncoderShim } from 'text-encoding-shim'

export const AbortController = AbortControllerPonyfill
export const AbortSignal = AbortSignalPonyfill
export const TextEncoder = TextEncoderShim
export const TextDecoder = TextDecoderShim

/**
 * lib0 (yjs) calls `crypto.getRandomValues` when it is imported, and `wx.getRandomValues` is async only.
 * NOT cryptographic (Math.random): good for Yjs client ids and nanoid-style ids, never for secrets.
 */
export const crypto = {
  getRandomValues<T extends ArrayBufferView | null>(array: T): T {
    if (array) {
      const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength)
      for (let i = 0; i < bytes.length; i++) bytes[i] = (Math.random() * 256) | 0
    }
    return array
  },
  subtle: undefined,
}
