/**
 * Verifying a WeChat Pay APIv3 notification: SHA256withRSA (PKCS#1 v1.5) over `timestamp\nnonce\nbody\n`
 * with the platform key named by `Wechatpay-Serial`, a 300 s freshness window and replay protection.
 */
import { type KeyObject, verify } from 'node:crypto'
import type { NonceCache } from './nonce-cache'

/** The `Wechatpay-*` headers of a notification. */
export interface WechatpayHeaders {
  timestamp: string | undefined
  nonce: string | undefined
  signature: string | undefined
  serial: string | undefined
  signatureType: string | undefined
}

/** Reads the headers through a case-insensitive getter such as Hono's `c.req.header`. */
export function readWechatpayHeaders(get: (name: string) => string | undefined): WechatpayHeaders {
  return {
    timestamp: get('Wechatpay-Timestamp'),
    nonce: get('Wechatpay-Nonce'),
    signature: get('Wechatpay-Signature'),
    serial: get('Wechatpay-Serial'),
    signatureType: get('Wechatpay-Signature-Type'),
  }
}

/** Why a notification was refused. */
export interface WechatpayVerifyError {
  code:
    | 'SIGNATURE_INVALID'
    | 'SIGNATURE_PROBE'
    | 'UNKNOWN_SERIAL'
    | 'TIMESTAMP_STALE'
    | 'NONCE_REPLAYED'
    | 'MISSING_HEADER'
    | 'MALFORMED_HEADER'
  message: string
}

/** The result of `verifyWechatpayNotification`. */
export type WechatpayVerifyResult =
  | { ok: true; nonce: string; nonceExpiresAtMs: number }
  | { ok: false; error: WechatpayVerifyError }

/** Input of `verifyWechatpayNotification`. */
export interface VerifyWechatpayInput {
  headers: WechatpayHeaders
  /** The body exactly as received: never re-serialised JSON. */
  rawBody: string
  /** The platform key for a serial, or undefined when the serial is unknown. */
  resolveKey: (serial: string) => KeyObject | undefined
  nowMs: number
  nonceCache: NonceCache
  /** Default 300: a timestamp this far from now or further is stale (wechatpay-go's `>= 5 min`). */
  maxSkewSeconds?: number
}

/** The WeChat Pay signature's test probe: must fail verification (and be answered 4xx/5xx). */
export const SIGNATURE_PROBE_PREFIX = 'WECHATPAY/SIGNTEST/'
const SIGNATURE_TYPE = 'WECHATPAY2-SHA256-RSA2048'
const MAX_NONCE_LENGTH = 128
const MAX_SIGNATURE_LENGTH = 2048

/** The signed message: three lines, each ending in `\n`. */
export function wechatpaySignedMessage(timestamp: string, nonce: string, body: string): string {
  return `${timestamp}\n${nonce}\n${body}\n`
}

/**
 * Checks headers, probe, freshness, serial, replay and signature, in that order; records the nonce only once
 * the signature holds. Never throws.
 */
export function verifyWechatpayNotification(input: VerifyWechatpayInput): WechatpayVerifyResult {
  const { timestamp, nonce, signature, serial, signatureType } = input.headers
  if (!timestamp || !nonce || !signature || !serial) {
    const missing = [
      ['Wechatpay-Timestamp', timestamp],
      ['Wechatpay-Nonce', nonce],
      ['Wechatpay-Signature', signature],
      ['Wechatpay-Serial', serial],
    ].find(([, value]) => !value)?.[0]
    return fail('MISSING_HEADER', `header ${missing} is required`)
  }
  if (signature.startsWith(SIGNATURE_PROBE_PREFIX)) return fail('SIGNATURE_PROBE', 'signature probe refused')
  if (signatureType && signatureType !== SIGNATURE_TYPE) return fail('SIGNATURE_INVALID', 'unsupported signature type')
  if (!/^\d{1,12}$/.test(timestamp)) return fail('MALFORMED_HEADER', 'Wechatpay-Timestamp is not a Unix time')
  if (nonce.length > MAX_NONCE_LENGTH) return fail('MALFORMED_HEADER', 'Wechatpay-Nonce is too long')
  const maxSkewSeconds = input.maxSkewSeconds ?? 300
  const timestampMs = Number(timestamp) * 1000
  if (Math.abs(input.nowMs - timestampMs) >= maxSkewSeconds * 1000) {
    return fail('TIMESTAMP_STALE', `Wechatpay-Timestamp is ${maxSkewSeconds} s or more away from now`)
  }
  const key = input.resolveKey(serial)
  if (!key) return fail('UNKNOWN_SERIAL', 'Wechatpay-Serial names no configured platform key')
  if (input.nonceCache.has(nonce, input.nowMs)) return fail('NONCE_REPLAYED', 'Wechatpay-Nonce was seen before')
  if (signature.length > MAX_SIGNATURE_LENGTH || !isValidSignature(input, key)) {
    return fail('SIGNATURE_INVALID', 'signature does not verify')
  }
  const nonceExpiresAtMs = timestampMs + maxSkewSeconds * 1000
  input.nonceCache.add(nonce, nonceExpiresAtMs, input.nowMs)
  return { ok: true, nonce, nonceExpiresAtMs }
}

function isValidSignature(input: VerifyWechatpayInput, key: KeyObject): boolean {
  const { timestamp = '', nonce = '', signature = '' } = input.headers
  const signatureBytes = Buffer.from(signature, 'base64')
  // Node's base64 decoder skips stray characters; only the canonical spelling of the signature is accepted.
  if (signatureBytes.toString('base64') !== signature) return false
  const message = Buffer.from(wechatpaySignedMessage(timestamp, nonce, input.rawBody), 'utf8')
  try {
    return verify('sha256', message, key, signatureBytes)
  } catch {
    return false
  }
}

function fail(code: WechatpayVerifyError['code'], message: string): WechatpayVerifyResult {
  return { ok: false, error: { code, message } }
}
