/** Random bytes; `crypto.getRandomValues` exists on h5 even over plain HTTP, and weapp gets a polyfill. */
export type RandomBytes = (length: number) => Uint8Array

const defaultRandom: RandomBytes = (length) => crypto.getRandomValues(new Uint8Array(length))

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')

/**
 * A UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, then random bits, with the version and variant set.
 * Generated on the tablet, so an order created offline has its final id from the start, and ids sort by
 * creation time.
 */
export function uuidv7(nowMs: number, random: RandomBytes = defaultRandom): string {
  const bytes = new Uint8Array(16)
  let ms = Math.max(0, Math.floor(nowMs))
  for (let i = 5; i >= 0; i--) {
    bytes[i] = ms % 256
    ms = Math.floor(ms / 256)
  }
  bytes.set(random(10), 6)
  bytes[6] = 0x70 | ((bytes[6] as number) & 0x0f)
  bytes[8] = 0x80 | ((bytes[8] as number) & 0x3f)
  const h = hex(bytes)
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}

/** A tablet's id for the BFF (`x-device-id`, pickup blocks): `tab-` and 16 hex digits. */
export function newDeviceId(random: RandomBytes = defaultRandom): string {
  return `tab-${hex(random(8))}`
}
