import { storage } from './storage.h5'

/** Where the demo keeps its made-up `wx.login` code. */
const CODE_KEY = 'xd.consumer.code'

export function loginCode(): Promise<string> {
  let code = storage.getItem(CODE_KEY)
  if (code === null) {
    const bytes = new Uint8Array(16)
    window.crypto.getRandomValues(bytes)
    code = `h5-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`
    storage.setItem(CODE_KEY, code)
  }
  return Promise.resolve(code)
}
