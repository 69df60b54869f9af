/**
 * SHA256withRSA (PKCS#1 v1.5), base64: how WeChat Pay signs notifications and how a merchant signs JSAPI
 * payment parameters.
 */
import { createPrivateKey, type KeyObject, sign } from 'node:crypto'

/** A private key as a parsed `KeyObject` or a PEM string. */
export type PrivateKeyInput = KeyObject | string

/** Signs a UTF-8 message; deterministic for a given key and message. */
export function rsaSha256Sign(message: string, privateKey: PrivateKeyInput): string {
  const key = typeof privateKey === 'string' ? createPrivateKey(privateKey) : privateKey
  return sign('sha256', Buffer.from(message, 'utf8'), key).toString('base64')
}
