/**
 * Phone numbers leave the adapter masked: staff see enough to tell customers apart, never the number.
 */

const PLAIN_NUMBER = /^\+?\d[\d -]{6,}$/

/**
 * Masks a phone number: `13651187030` → `136****7030`. A Meituan privacy number keeps its extension and its
 * already-masked base (`138xxxxxxxx_1234` stays as is; `13800001234_5678` → `138****1234_5678`). Anything that
 * is not recognisably a number becomes `****`. Empty input gives `undefined`.
 */
export function maskPhone(phone: string | undefined): string | undefined {
  const text = phone?.trim()
  if (!text) return undefined
  const split = text.search(/[_,#]/)
  const base = split === -1 ? text : text.slice(0, split)
  const extension = split === -1 ? '' : text.slice(split)
  if (/[xX*]/.test(base) && !/\d{5}/.test(base)) return base + extension
  if (!PLAIN_NUMBER.test(base)) return '****'
  return `${base.slice(0, 3)}****${base.slice(-4)}${extension}`
}
