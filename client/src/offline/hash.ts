import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js'

/**
 * RxDB's hash function (revision hashes, meta collection names, attachment digests). RxDB's default uses
 * `crypto.subtle`, which browsers only expose in secure contexts: a tablet loading the app over plain
 * HTTP on the shop LAN would fail with RxDB error UT8, and the mini-program has no `crypto.subtle` at all.
 */
export async function sha256Hex(input: string | ArrayBuffer | Blob): Promise<string> {
  if (typeof input === 'string') return bytesToHex(sha256(utf8ToBytes(input)))
  const buffer = input instanceof ArrayBuffer ? input : await input.arrayBuffer()
  return bytesToHex(sha256(new Uint8Array(buffer)))
}
