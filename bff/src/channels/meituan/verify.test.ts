import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { meituanFixtureBody, type MeituanPushFixture, readFixture } from '../__fixtures__/load'
import { javaUrlEncode } from './encoding'
import { parseMeituanForm } from './parse'
import { meituanCancelFields, meituanOrderFields, simulateMeituanPush } from './simulate'
import { verifyMeituanPush } from './verify'

const captured = readFixture<MeituanPushFixture>('meituan-waimai-push-captured.json')
const capturedBody = meituanFixtureBody(captured, javaUrlEncode)
const credentials = { callbackUrl: captured.callbackUrl, appId: captured.appId, appSecret: captured.appSecret }

function codeOf(result: ReturnType<typeof verifyMeituanPush>): string {
  return result.ok ? 'OK' : result.error.code
}

describe('verifyMeituanPush', () => {
  it('accepts the captured push', () => {
    const result = verifyMeituanPush({ ...credentials, rawBody: capturedBody })
    expect(result.ok).toBe(true)
    if (result.ok) expect(result.params.get('order_id')).toBe('2310763339')
  })

  it('accepts an upper-case hex sig', () => {
    const rawBody = capturedBody.replace(captured.expectedSig, captured.expectedSig.toUpperCase())
    expect(codeOf(verifyMeituanPush({ ...credentials, rawBody }))).toBe('OK')
  })

  it.each([
    ['a changed amount', capturedBody.replace('total=9.1', 'total=0.1'), 'SIGNATURE_INVALID'],
    ['another callback URL', capturedBody, 'SIGNATURE_INVALID', { callbackUrl: 'https://evil.example/cb' }],
    ['another secret', capturedBody, 'SIGNATURE_INVALID', { appSecret: 'x'.repeat(32) }],
    ['a truncated sig', capturedBody.replace(captured.expectedSig, 'abc'), 'SIGNATURE_INVALID'],
    ['another app', capturedBody, 'APP_ID_MISMATCH', { appId: '410' }],
    ['no sig', capturedBody.replace(`sig=${captured.expectedSig}`, 'x=1'), 'MISSING_FIELD'],
    ['no timestamp', capturedBody.replace('timestamp=1476355830', 'x=1'), 'MISSING_FIELD'],
    ['a malformed escape', `${capturedBody}&bad=%E5%8`, 'MALFORMED_BODY'],
  ] as [string, string, string, Partial<typeof credentials>?][])('refuses %s', (_, rawBody, code, override = {}) => {
    expect(codeOf(verifyMeituanPush({ ...credentials, ...override, rawBody }))).toBe(code)
  })

  it('never puts the secret or the expected sig in an error message', () => {
    const tampered = capturedBody.replace('total=9.1', 'total=0.1')
    const result = verifyMeituanPush({ ...credentials, rawBody: tampered })
    expect(JSON.stringify(result)).not.toContain(captured.appSecret)
    expect(JSON.stringify(result)).not.toContain(captured.expectedSig)
  })

  it('applies no freshness rule by default, and maxSkewSeconds when asked', () => {
    const at = (seconds: number) => ({ maxSkewSeconds: 600, nowMs: seconds * 1000 })
    expect(codeOf(verifyMeituanPush({ ...credentials, rawBody: capturedBody, freshness: at(1476355830 + 599) }))).toBe(
      'OK',
    )
    expect(codeOf(verifyMeituanPush({ ...credentials, rawBody: capturedBody, freshness: at(1476355830 + 600) }))).toBe(
      'TIMESTAMP_STALE',
    )
    expect(codeOf(verifyMeituanPush({ ...credentials, rawBody: capturedBody, freshness: at(1476355830 - 600) }))).toBe(
      'TIMESTAMP_STALE',
    )
  })
})

describe('verifyMeituanPush fuzz', () => {
  const signed = simulateMeituanPush({
    pushType: 'order-paid',
    publicBaseUrl: 'https://shop.example.com',
    appId: '409',
    appSecret: 'fuzz-secret',
    timestampSec: 1_700_000_000,
    fields: meituanOrderFields({
      orderId: '9001',
      appPoiCode: 'poi',
      daySeq: 7,
      items: [{ code: 'A1', name: '珍珠奶茶 Large', quantity: 2, priceYuan: '12.5' }],
      shippingFeeYuan: '3',
      ctimeSec: 1_700_000_000,
      caution: '少冰 50%',
    }),
  })
  const fuzzCredentials = { callbackUrl: signed.url, appId: '409', appSecret: 'fuzz-secret' }
  const original = parseMeituanForm(signed.body)

  it('verifies the unmutated body', () => {
    expect(codeOf(verifyMeituanPush({ ...fuzzCredentials, rawBody: signed.body }))).toBe('OK')
  })

  it('never verifies a mutated body unless the mutation decodes to the same parameters', () => {
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('replace'), at: fc.nat(), char: fc.string({ minLength: 1, maxLength: 1 }) }),
      fc.record({ kind: fc.constant('insert'), at: fc.nat(), char: fc.string({ minLength: 1, maxLength: 3 }) }),
      fc.record({ kind: fc.constant('delete'), at: fc.nat(), char: fc.constant('') }),
    )
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        let body = signed.body
        for (const { kind, at, char } of mutations) {
          const i = at % (body.length + 1)
          body = body.slice(0, i) + char + body.slice(kind === 'insert' ? i : i + 1)
        }
        const result = verifyMeituanPush({ ...fuzzCredentials, rawBody: body })
        if (result.ok && original.ok) expect(new Map(result.params)).toEqual(new Map(original.params))
      }),
      { numRuns: 2000 },
    )
  })

  it('answers random garbage with a typed error, never a throw', () => {
    const garbage = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.string({ unit: fc.constantFrom('%', '&', '=', '+', 'a', 'E', '5', '\uD800', 's', 'i', 'g') }),
      fc.dictionary(fc.string(), fc.string()).map((d) => new URLSearchParams(d).toString()),
      fc.constant(meituanCancelFields('1')).map((fields) => new URLSearchParams(fields).toString()),
    )
    fc.assert(
      fc.property(garbage, (rawBody) => {
        const result = verifyMeituanPush({ ...fuzzCredentials, rawBody })
        expect(result.ok).toBe(false)
        if (!result.ok) expect(result.error.message).not.toContain('fuzz-secret')
      }),
      { numRuns: 2000 },
    )
  })
})
