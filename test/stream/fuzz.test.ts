import { simulatorFor } from '@xiaodian/bff/simulator'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BffProcess } from '../support/bff-process'

const sim = simulatorFor()
let bff: BffProcess
beforeAll(async () => {
  bff = await BffProcess.start()
})
afterAll(async () => {
  await bff.stop()
})

const validMeituan = sim.meituanOrder('tea-01', { orderId: '990001' })
const validWechat = sim.wechatPaid('tea-01', 'fuzz-order', 1200)

/** Flips, inserts or deletes characters of a valid body: close to real, never valid. */
const mutated = (body: string) =>
  fc
    .array(
      fc.tuple(
        fc.nat(body.length - 1),
        fc.constantFrom('flip', 'insert', 'delete'),
        fc.string({ minLength: 1, maxLength: 1 }),
      ),
      { minLength: 1, maxLength: 4 },
    )
    .map((edits) => {
      let b = body
      for (const [at, op, ch] of edits) {
        const i = at % Math.max(1, b.length)
        if (op === 'delete') b = b.slice(0, i) + b.slice(i + 1)
        else if (op === 'insert') b = b.slice(0, i) + ch + b.slice(i)
        else b = b.slice(0, i) + (b[i] === ch ? String.fromCharCode(ch.charCodeAt(0) ^ 1) : ch) + b.slice(i + 1)
      }
      return b
    })
    .filter((b) => b !== body && b.length > 0)

function sameForm(a: string, b: string): boolean {
  const entries = (body: string) => {
    try {
      return [...new URLSearchParams(body)].map(([k, v]) => `${k}=${v}`).sort()
    } catch {
      return []
    }
  }
  return JSON.stringify(entries(a)) === JSON.stringify(entries(b))
}

const junk = fc.oneof(
  fc.string({ minLength: 1, maxLength: 300 }),
  fc.json().filter((j) => j.length > 0),
  fc.stringMatching(/^[a-z_]{1,12}=[%A-Za-z0-9+]{0,40}(&[a-z_]{1,12}=[%A-Za-z0-9+]{0,40}){0,6}$/),
  fc.constant('x'.repeat(70 * 1024)),
  fc.constant('%E4%B8%AD%ZZ=1&sig=%'),
  fc.constant('{"lines":[{"id":"a","selection":{"itemId":"americano","quantity":-1}}],"fulfilment":"pickup"}'),
  fc.constant('{"storeId":"tea-01","pin":"12"}'),
)

const request = fc.oneof(
  fc.record({
    path: fc.constantFrom(
      '/channels/meituan/order-paid',
      '/channels/meituan/refund-full',
      '/channels/meituan/no-such-push',
    ),
    headers: fc.constantFrom(
      { 'content-type': 'application/x-www-form-urlencoded' },
      { 'content-type': 'application/json' },
      {},
    ),
    body: fc.oneof(mutated(validMeituan.body), junk),
  }),
  fc.record({
    path: fc.constant('/channels/wechatpay/notify'),
    headers: fc.oneof(
      fc.constant(validWechat.headers),
      fc.record({
        'content-type': fc.constant('application/json'),
        'wechatpay-timestamp': fc.oneof(fc.string(), fc.constant(String(Math.floor(Date.now() / 1000)))),
        'wechatpay-nonce': fc.string(),
        'wechatpay-serial': fc.oneof(fc.string(), fc.constant(validWechat.headers['Wechatpay-Serial'] as string)),
        'wechatpay-signature': fc.oneof(fc.base64String(), fc.constant('WECHATPAY/SIGNTEST/abc')),
      }),
    ),
    body: fc.oneof(mutated(validWechat.body), junk),
  }),
  fc.record({
    path: fc.constantFrom(
      '/api/stores/tea-01/orders',
      '/api/stores/tea-01/cart/price',
      '/api/auth/staff',
      '/api/auth/consumer',
      '/api/stores/nope/cart/price',
      '/api/stores/tea-01/devices',
    ),
    headers: fc.oneof(
      fc.constant({ 'content-type': 'application/json' }),
      fc.record({
        'content-type': fc.constant('application/json'),
        authorization: fc.string().map((s) => `Bearer ${s}`),
      }),
    ),
    body: junk,
  }),
)

describe('fuzz', () => {
  it('2,000 malformed bodies and headers get only 4xx with a JSON code, and the server stays up', async () => {
    const seen = new Map<number, number>()
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const headers = Object.fromEntries(
          Object.entries(r.headers).filter(([, v]) => typeof v === 'string' && /^[\t\x20-\x7e]*$/.test(v)),
        )
        const res = await fetch(bff.baseUrl + r.path, { method: 'POST', headers, body: r.body })
        const text = await res.text()
        seen.set(res.status, (seen.get(res.status) ?? 0) + 1)
        // A mutation can leave the form meaning the same (an extra '&'): that is a valid push, not malformed.
        // A blank POST is Meituan's heartbeat / URL check, answered ok.
        if (
          r.path.startsWith('/channels/meituan/') &&
          r.path !== '/channels/meituan/no-such-push' &&
          r.body.trim() === ''
        ) {
          expect(res.status).toBe(200)
          return
        }
        if (r.path === '/channels/meituan/order-paid' && sameForm(r.body, validMeituan.body)) {
          expect(res.status).toBe(200)
          return
        }
        expect(res.status, `${r.path} ${text.slice(0, 200)}`).toBeGreaterThanOrEqual(400)
        expect(res.status, `${r.path} ${text.slice(0, 200)}`).toBeLessThan(500)
        expect(JSON.parse(text)).toBeTypeOf('object')
      }),
      { numRuns: 2000 },
    )
    const health = await fetch(`${bff.baseUrl}/healthz`)
    expect(health.status).toBe(200)
    expect(seen.size).toBeGreaterThan(2)
  }, 240_000)
})
