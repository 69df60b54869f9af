/**
 * Menu pictures drawn in code: a cup (or a car, for the wash) in colours derived from the item, as an SVG
 * data URI. No image files to ship, and every item still looks different.
 */

const PALETTES: readonly (readonly [string, string])[] = [
  ['#f4e1c1', '#a86b3c'],
  ['#e7d3f0', '#8b5fa8'],
  ['#f7d6c4', '#c26a3d'],
  ['#fde6a8', '#e3a21a'],
  ['#f9d0d9', '#d9557a'],
  ['#d8efc9', '#5c9e3c'],
  ['#e9ddd0', '#6b4a32'],
  ['#d4e8f5', '#3f7fb5'],
]

function hash(text: string): number {
  let h = 2166136261
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 16777619)
  }
  return h >>> 0
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

/** Base64 of an ASCII string (the mini-program has no btoa). */
export function base64Ascii(text: string): string {
  let out = ''
  for (let i = 0; i < text.length; i += 3) {
    const a = text.charCodeAt(i)
    const b = i + 1 < text.length ? text.charCodeAt(i + 1) : Number.NaN
    const c = i + 2 < text.length ? text.charCodeAt(i + 2) : Number.NaN
    const n = (a << 16) | ((b || 0) << 8) | (c || 0)
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]!
    out += Number.isNaN(b) ? '=' : B64[(n >> 6) & 63]!
    out += Number.isNaN(c) ? '=' : B64[n & 63]!
  }
  return out
}

function cup(bg: string, tea: string, seed: number): string {
  const pearls = Array.from({ length: 5 }, (_, i) => {
    const x = 38 + ((seed >> (i * 3)) % 5) * 6 + i * 2
    const y = 84 + ((seed >> (i * 2)) % 3) * 4
    return `<circle cx="${x}" cy="${y}" r="3.2" fill="#3b2417"/>`
  }).join('')
  return [
    `<rect width="120" height="120" rx="20" fill="${bg}"/>`,
    '<path d="M34 34h52l-6 62a6 6 0 0 1-6 5H46a6 6 0 0 1-6-5z" fill="#fff" opacity=".9"/>',
    `<path d="M37 52h46l-4 43a5 5 0 0 1-5 4H46a5 5 0 0 1-5-4z" fill="${tea}"/>`,
    pearls,
    '<rect x="30" y="28" width="60" height="8" rx="4" fill="#fff"/>',
    '<path d="M66 8l-6 32" stroke="#333" stroke-width="4" stroke-linecap="round"/>',
  ].join('')
}

function car(bg: string, paint: string): string {
  return [
    `<rect width="120" height="120" rx="20" fill="${bg}"/>`,
    '<circle cx="34" cy="30" r="5" fill="#fff"/><circle cx="48" cy="22" r="3.5" fill="#fff"/><circle cx="86" cy="26" r="4" fill="#fff"/>',
    `<path d="M18 74l8-18a8 8 0 0 1 7-5h42a8 8 0 0 1 7 4l12 19h6a4 4 0 0 1 4 4v10H14V78a4 4 0 0 1 4-4z" fill="${paint}"/>`,
    '<path d="M34 56h18v16H28zM58 56h17l9 16H58z" fill="#fff" opacity=".8"/>',
    '<circle cx="36" cy="90" r="9" fill="#333"/><circle cx="86" cy="90" r="9" fill="#333"/>',
  ].join('')
}

/** An SVG data URI for an item; `kind` 'carwash' draws a car instead of a cup. */
export function itemArt(itemId: string, kind: 'tea' | 'carwash' | 'other' = 'tea'): string {
  const seed = hash(itemId)
  const [bg, fg] = PALETTES[seed % PALETTES.length]!
  const body = kind === 'carwash' ? car(bg, fg) : cup(bg, fg, seed)
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 120">${body}</svg>`
  return `data:image/svg+xml;base64,${base64Ascii(svg)}`
}
