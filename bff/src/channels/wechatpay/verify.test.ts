import { createPublicKey } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { goTestPrivateKeyPem, readFixture, type WechatpayGoFixture } from '../__fixtures__/load'
import { NonceCache } from './nonce-cache'
import { rsaSha256Sign } from './rsa'
import {
  readWechatpayHeaders,
  type VerifyWechatpayInput,
  verifyWechatpayNotification,
  type WechatpayHeaders,
  wechatpaySignedMessage,
} from './verify'

const go = readFixture<WechatpayGoFixture>('wechatpay-go-notification.json')
const platformKey = createPublicKey(go.platformPublicKey)
const headers = readWechatpayHeaders((name) => go.headers[name as keyof typeof go.headers])
const nowMs = Number(go.headers['Wechatpay-Timestamp']) * 1000

function input(overrides: Partial<VerifyWechatpayInput> = {}): VerifyWechatpayInput {
  return {
    headers,
    rawBody: go.body,
    resolveKey: (serial) => (serial.toUpperCase() === 'D7CE59D1F522D701' ? platformKey : undefined),
    nowMs,
    nonceCache: new NonceCache(),
    ...overrides,
  }
}

function code(overrides: Partial<VerifyWechatpayInput> = {}): string {
  const result = verifyWechatpayNotification(input(overrides))
  return result.ok ? 'OK' : result.error.code
}

describe('verifyWechatpayNotification', () => {
  it('verifies the wechatpay-go notification vector', () => {
    expect(code()).toBe('OK')
  })

  it('re-signing with the public test private key reproduces the header signature', () => {
    const message = wechatpaySignedMessage(go.headers['Wechatpay-Timestamp'], go.headers['Wechatpay-Nonce'], go.body)
    expect(rsaSha256Sign(message, goTestPrivateKeyPem(go))).toBe(go.headers['Wechatpay-Signature'])
  })

  it('compares the serial case-insensitively', () => {
    expect(code({ headers: { ...headers, serial: 'd7ce59d1f522d701' } })).toBe('OK')
  })

  it('accepts 299 s of skew either way and refuses 300 s', () => {
    expect(code({ nowMs: nowMs + 299_999 })).toBe('OK')
    expect(code({ nowMs: nowMs - 299_999 })).toBe('OK')
    expect(code({ nowMs: nowMs + 300_000 })).toBe('TIMESTAMP_STALE')
    expect(code({ nowMs: nowMs - 300_000 })).toBe('TIMESTAMP_STALE')
  })

  it('refuses a replayed nonce within the window, and remembers only verified nonces', () => {
    const nonceCache = new NonceCache()
    expect(code({ nonceCache, rawBody: `${go.body} ` })).toBe('SIGNATURE_INVALID')
    expect(code({ nonceCache })).toBe('OK')
    expect(code({ nonceCache, nowMs: nowMs + 1000 })).toBe('NONCE_REPLAYED')
    expect(code({ nonceCache, nowMs: nowMs + 300_000 })).toBe('TIMESTAMP_STALE')
  })

  it.each<[string, Partial<WechatpayHeaders> | undefined, string, string?]>([
    ['a probe signature', { signature: 'WECHATPAY/SIGNTEST/abcdef' }, 'SIGNATURE_PROBE'],
    ['an unknown serial', { serial: 'PUB_KEY_ID_0000' }, 'UNKNOWN_SERIAL'],
    ['a missing timestamp', { timestamp: undefined }, 'MISSING_HEADER'],
    ['a missing nonce', { nonce: '' }, 'MISSING_HEADER'],
    ['a missing signature', { signature: undefined }, 'MISSING_HEADER'],
    ['a missing serial', { serial: undefined }, 'MISSING_HEADER'],
    ['a non-numeric timestamp', { timestamp: '1624523846.5' }, 'MALFORMED_HEADER'],
    ['a huge nonce', { nonce: 'n'.repeat(129) }, 'MALFORMED_HEADER'],
    ['another signature type', { signatureType: 'WECHATPAY2-SM2-WITH-SM3' }, 'SIGNATURE_INVALID'],
    ['a signature that is not base64', { signature: '!!!!' }, 'SIGNATURE_INVALID'],
    ['another nonce', { nonce: 'EcZ9Cmy4Xyx1i6RlJQzLcCyEqDa26NBZ' }, 'SIGNATURE_INVALID'],
    ['a tampered body', undefined, 'SIGNATURE_INVALID', go.body.replace('签约成功', '支付成功')],
    ['a re-serialised body', undefined, 'SIGNATURE_INVALID', JSON.stringify(JSON.parse(go.body), null, 1)],
  ])('refuses %s', (_, changed, expected, rawBody = go.body) => {
    expect(code({ headers: { ...headers, ...changed }, rawBody })).toBe(expected)
  })
})

describe('verifyWechatpayNotification fuzz', () => {
  it('never verifies a mutated body or mutated headers', () => {
    const mutation = fc.oneof(
      fc.record({
        field: fc.constant('body' as const),
        at: fc.nat(),
        text: fc.string({ maxLength: 3 }),
        cut: fc.nat(2),
      }),
      fc.record({
        field: fc.constantFrom('nonce' as const, 'signature' as const, 'timestamp' as const),
        at: fc.nat(),
        text: fc.string({ maxLength: 3 }),
        cut: fc.nat(2),
      }),
    )
    fc.assert(
      fc.property(mutation, ({ field, at, text, cut }) => {
        const edit = (value: string) => {
          const i = at % (value.length + 1)
          return value.slice(0, i) + text + value.slice(i + cut)
        }
        const rawBody = field === 'body' ? edit(go.body) : go.body
        const changed = field === 'body' ? headers : { ...headers, [field]: edit(headers[field] ?? '') }
        fc.pre(
          rawBody !== go.body || changed[field as keyof WechatpayHeaders] !== headers[field as keyof WechatpayHeaders],
        )
        const result = verifyWechatpayNotification(input({ headers: changed, rawBody }))
        expect(result.ok).toBe(false)
      }),
      { numRuns: 1000 },
    )
  })

  it('answers garbage headers and bodies with a typed error, never a throw', () => {
    const header = fc.option(fc.string({ unit: 'binary', maxLength: 400 }), { nil: undefined })
    fc.assert(
      fc.property(
        header,
        header,
        header,
        header,
        fc.string({ unit: 'binary' }),
        (timestamp, nonce, signature, serial, rawBody) => {
          const result = verifyWechatpayNotification(
            input({
              headers: { timestamp, nonce, signature, serial, signatureType: undefined },
              rawBody,
              resolveKey: () => platformKey,
            }),
          )
          expect(result.ok).toBe(false)
        },
      ),
      { numRuns: 1000 },
    )
  })
})
