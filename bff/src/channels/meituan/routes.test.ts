import fc from 'fast-check'
import { Hono } from 'hono'
import pino from 'pino'
import { describe, expect, it } from 'vitest'
import type { ChannelLog, MeituanStore } from '../deps'
import { fakeDeps } from '../__fixtures__/fake-deps'
import { MEITUAN_BASE_PATH } from './push-types'
import { meituanCancelFields, meituanOrderFields, type SimulatedMeituanPush, simulateMeituanPush } from './simulate'
import { meituanRoutes } from './routes'

const store: MeituanStore = {
  storeId: 'store-1',
  appId: '4242',
  appSecret: 'route-secret-0123456789abcdef',
  appPoiCode: 'xd-001',
  publicBaseUrl: 'https://shop.example.com',
}
const order = meituanOrderFields({
  orderId: '88001',
  appPoiCode: 'xd-001',
  daySeq: 3,
  items: [{ code: 'A', name: '奶茶', quantity: 1, priceYuan: '9.9' }],
  ctimeSec: 1_700_000_000,
})

function setup(overrides: Partial<MeituanStore> = {}) {
  const deps = fakeDeps({ meituan: [{ ...store, ...overrides }], menu: new Map([['A', 'sku-a']]) })
  const app = new Hono().route(MEITUAN_BASE_PATH, meituanRoutes(deps))
  return { deps, app }
}

function push(
  fields: Record<string, string> = order,
  pushType: 'order-paid' | 'order-cancelled' = 'order-paid',
): SimulatedMeituanPush {
  return simulateMeituanPush({ ...store, pushType, timestampSec: 1_700_000_000, fields })
}

function post(app: Hono, path: string, body: string): Promise<Response> {
  return Promise.resolve(
    app.request(path, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    }),
  )
}

describe('POST /channels/meituan/:pushType', () => {
  it('ingests a signed push and answers {"data":"ok"}', async () => {
    const { deps, app } = setup()
    const signed = push()
    const response = await post(app, signed.path, signed.body)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ data: 'ok' })
    expect(deps.commands).toMatchObject([
      { kind: 'order.placed', storeId: 'store-1', externalId: '88001', order: { lines: [{ skuId: 'sku-a' }] } },
    ])
  })

  it('answers a duplicate delivery ok without a second command', async () => {
    const { deps, app } = setup()
    const signed = push()
    await post(app, signed.path, signed.body)
    expect((await post(app, signed.path, signed.body)).status).toBe(200)
    expect(deps.commands).toHaveLength(1)
  })

  it('answers only after ingest resolves', async () => {
    const { deps, app } = setup()
    let release = () => {}
    deps.ingest = () =>
      new Promise((resolve) => {
        release = () => resolve({ duplicate: false })
      })
    let answered = false
    const signed = push()
    const pending = post(app, signed.path, signed.body).then((response) => {
      answered = true
      return response
    })
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(answered).toBe(false)
    release()
    expect((await pending).status).toBe(200)
  })

  it('finds the store by app_id when the push has no app_poi_code', async () => {
    const { deps, app } = setup()
    const signed = push(meituanCancelFields('88001'), 'order-cancelled')
    expect((await post(app, signed.path, signed.body)).status).toBe(200)
    expect(deps.commands).toMatchObject([{ kind: 'order.status', status: 'cancelled', externalId: '88001' }])
  })

  it('verifies and ingests a GET whose query carries sig', async () => {
    const { deps, app } = setup()
    const signed = push(meituanCancelFields('88001'), 'order-cancelled')
    expect((await app.request(`${signed.path}?${signed.body}`)).status).toBe(200)
    expect(deps.commands).toMatchObject([{ kind: 'order.status', status: 'cancelled' }])
    const tampered = signed.body.replace('order_id=88001', 'order_id=88002')
    expect((await app.request(`${signed.path}?${tampered}`)).status).toBe(401)
  })

  it('answers heartbeats: GET, an empty POST, /heartbeat', async () => {
    const { deps, app } = setup()
    for (const response of [
      await app.request('/channels/meituan/order-paid'),
      await post(app, '/channels/meituan/order-paid', ''),
      await post(app, '/channels/meituan/heartbeat', 'anything'),
      await app.request('/channels/meituan/heartbeat'),
    ]) {
      expect(response.status).toBe(200)
      expect(await response.json()).toEqual({ data: 'ok' })
    }
    expect(deps.commands).toEqual([])
  })

  it.each([
    ['a bad signature', (): string => push().body.replace('day_seq=3', 'day_seq=4'), 401, 'SIGNATURE_INVALID'],
    ['an unknown app', (): string => push({ ...order, app_poi_code: 'other' }).body, 401, 'UNKNOWN_APP'],
    ['a malformed body', (): string => 'a=%E5', 400, 'MALFORMED_BODY'],
    ['no app_id', (): string => 'order_id=1', 400, 'MISSING_FIELD'],
    ['a bad amount', (): string => push({ ...order, total: 'free' }).body, 400, 'MALFORMED_FIELD'],
  ] as const)('refuses %s', async (_, body, status, code) => {
    const { deps, app } = setup()
    const response = await post(app, '/channels/meituan/order-paid', body())
    expect(response.status).toBe(status)
    expect(await response.json()).toMatchObject({ data: 'fail', error: { code } })
    expect(deps.commands).toEqual([])
  })

  it('signs over the configured public URL, not the internal one', async () => {
    const { app } = setup({ publicBaseUrl: 'https://other.example.com/' })
    expect((await post(app, push().path, push().body)).status).toBe(401)
  })

  it('refuses a stale push when the store sets maxSkewSeconds', async () => {
    const { deps, app } = setup({ maxSkewSeconds: 600 })
    deps.nowMs = 1_700_000_600_000
    const response = await post(app, push().path, push().body)
    expect(response.status).toBe(401)
    expect(await response.json()).toMatchObject({ error: { code: 'TIMESTAMP_STALE' } })
  })

  it('answers 404 to an unknown push type and 413 to an oversized body', async () => {
    const { app } = setup()
    expect((await post(app, '/channels/meituan/order-eaten', push().body)).status).toBe(404)
    expect((await app.request('/channels/meituan/toString')).status).toBe(404)
    expect((await post(app, '/channels/meituan/order-paid', 'a='.padEnd(70_000, 'x'))).status).toBe(413)
  })

  it('answers 503 when ingest fails, and logs no secret', async () => {
    const { deps, app } = setup()
    deps.ingest = async () => {
      throw new Error('database is down')
    }
    const response = await post(app, push().path, push().body)
    expect(response.status).toBe(503)
    expect(await response.json()).toMatchObject({ data: 'fail', error: { code: 'INGEST_FAILED' } })
    expect(JSON.stringify(deps.logs, (_, v) => (v instanceof Error ? v.message : v))).not.toContain(store.appSecret)
  })

  it('answers fuzzed bodies with 200 (heartbeat) or 4xx, never a 500', async () => {
    const { deps, app } = setup()
    const valid = push().body
    const body = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc
        .dictionary(fc.constantFrom('app_id', 'sig', 'timestamp', 'app_poi_code', 'detail', 'x'), fc.string())
        .map((d) => new URLSearchParams(d).toString()),
      fc.tuple(fc.nat(), fc.string()).map(([at, s]) => valid.slice(0, at % valid.length) + s),
    )
    await fc.assert(
      fc.asyncProperty(body, async (raw) => {
        const response = await post(app, '/channels/meituan/order-paid', raw)
        expect([200, 400, 401]).toContain(response.status)
        if (response.status === 200) expect(raw.trim()).toBe('')
      }),
      { numRuns: 500 },
    )
    expect(deps.commands).toEqual([])
  })

  it('takes a pino logger as its log', () => {
    const log: ChannelLog = pino({ enabled: false })
    expect(log).toBeDefined()
  })
})
