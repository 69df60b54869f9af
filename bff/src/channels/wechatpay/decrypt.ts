/**
 * AEAD_AES_256_GCM, the cipher of WeChat Pay notification resources: key = the APIv3 key's bytes,
 * IV = the nonce's UTF-8 bytes, AAD = `associated_data` (possibly empty), ciphertext ‖ 16-byte tag in base64.
 */
import { createCipheriv, createDecipheriv } from 'node:crypto'

/** The encrypted part of a notification. */
export interface EncryptedResource {
  ciphertext: string
  nonce: string
  associated_data?: string | undefined
}

/** The result of a decryption. Messages never contain the key. */
export type DecryptResult =
  | { ok: true; plaintext: string }
  | { ok: false; error: { code: 'DECRYPT_FAILED'; message: string } }

const TAG_BYTES = 16
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/

// A real APIv3 key is 32 bytes (AES-256). wechatpay-go's test vectors use 16-byte keys, which Go silently
// runs as AES-128; accepting that length keeps those vectors usable.
function algorithm(key: Buffer): 'aes-256-gcm' | 'aes-128-gcm' | undefined {
  if (key.length === 32) return 'aes-256-gcm'
  if (key.length === 16) return 'aes-128-gcm'
  return undefined
}

function keyBytes(apiV3Key: string | Uint8Array): Buffer {
  return typeof apiV3Key === 'string' ? Buffer.from(apiV3Key, 'utf8') : Buffer.from(apiV3Key)
}

/** Decrypts and authenticates a resource; the tag is always checked (`final()`). Never throws. */
export function decryptWechatpayResource(resource: EncryptedResource, apiV3Key: string | Uint8Array): DecryptResult {
  const key = keyBytes(apiV3Key)
  const cipher = algorithm(key)
  if (!cipher) return failure('the APIv3 key must be 32 bytes')
  if (!resource.nonce) return failure('the resource nonce is empty')
  if (resource.ciphertext.length % 4 !== 0 || !BASE64.test(resource.ciphertext)) {
    return failure('the ciphertext is not base64')
  }
  const sealed = Buffer.from(resource.ciphertext, 'base64')
  if (sealed.length < TAG_BYTES) return failure('the ciphertext is shorter than its tag')
  try {
    const decipher = createDecipheriv(cipher, key, Buffer.from(resource.nonce, 'utf8'), { authTagLength: TAG_BYTES })
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES))
    decipher.setAAD(Buffer.from(resource.associated_data ?? '', 'utf8'))
    const plain = Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()])
    return { ok: true, plaintext: plain.toString('utf8') }
  } catch {
    return failure('the resource does not authenticate (wrong APIv3 key, nonce, associated data or ciphertext)')
  }
}

/** Encrypts a resource as WeChat Pay does (the simulator's side); returns base64(ciphertext ‖ tag). */
export function encryptWechatpayResource(
  plaintext: string,
  apiV3Key: string | Uint8Array,
  nonce: string,
  associatedData = '',
): string {
  const key = keyBytes(apiV3Key)
  const cipher = algorithm(key)
  if (!cipher) throw new RangeError('the APIv3 key must be 32 bytes')
  const encrypt = createCipheriv(cipher, key, Buffer.from(nonce, 'utf8'), { authTagLength: TAG_BYTES })
  encrypt.setAAD(Buffer.from(associatedData, 'utf8'))
  const sealed = Buffer.concat([encrypt.update(plaintext, 'utf8'), encrypt.final(), encrypt.getAuthTag()])
  return sealed.toString('base64')
}

function failure(message: string): DecryptResult {
  return { ok: false, error: { code: 'DECRYPT_FAILED', message } }
}
