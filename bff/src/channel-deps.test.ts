import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PlatformSimulator, type PlatformRequest } from './simulator/platform'
import { demoStores, testApp } from './test-app'

let t: Awaited<ReturnType<typeof testApp>>
const sim = new PlatformSimulator(demoStores())
beforeAll(async () => {
  t = await testApp()
})
afterAll(() => t.close())

const post = (r: PlatformRequest) => t.app.request(r.path, { method: 'POST', headers: r.headers, body: r.body })

async function events(storeId = 'tea-01') {
  const token = await t.staffToken(storeId, storeId === 'tea-01' ? '1111' : '2222')
  return (await t.json('GET', `/api/stores/${storeId}/events?after=0&limit=1000`, undefined, token)).body.events as {
    type: string
    orderId: string
    order: { fulfilment: string; payment: string; pickupNumber: number; lines: { skuId: string }[] } | null
  }[]
}

describe('channels into the one order stream', () => {
  it('lands a signed Meituan order once, with its menu mapping and pickup number, however often it is pushed', async () => {
    const push = sim.meituanOrder('tea-01', { orderId: '880001', daySeq: 17 })
    const first = await post(push)
    expect(first.status).toBe(200)
    expect(await first.json()).toEqual({ data: 'ok' })
    expect((await post(push)).status).toBe(200)
    const mine = (await events()).filter((e) => e.orderId === 'meituan-880001')
    expect(mine).toHaveLength(1)
    expect(mine[0]!.order).toMatchObject({ pickupNumber: 17, payment: 'paid' })
    expect(mine[0]!.order!.lines.map((l) => l.skuId)).toEqual(['pearl-milk-tea-l', 'mango-pomelo-l'])
  })

  it('refuses a push whose signature does not match, and keeps nothing from it', async () => {
    const push = sim.meituanOrder('tea-01', { orderId: '880002' })
    const forged = { ...push, body: push.body.replace('day_seq=', 'day_seq=9') }
    expect((await post(forged)).status).toBe(401)
    expect((await events()).some((e) => e.orderId === 'meituan-880002')).toBe(false)
  })

  it('applies a cancel that arrives before its order', async () => {
    expect((await post(sim.meituanCancel('tea-01', '880003'))).status).toBe(200)
    expect((await post(sim.meituanOrder('tea-01', { orderId: '880003' }))).status).toBe(200)
    const last = (await events()).filter((e) => e.orderId === 'meituan-880003').at(-1)!
    expect(last.order).toMatchObject({ fulfilment: 'cancelled', payment: 'paid' })
  })

  it('marks our own order paid by WeChat Pay, also when the payment arrives first', async () => {
    const consumer = await t.consumerToken('code-pay-first')
    const lines = [{ id: 'a', selection: { itemId: 'americano', quantity: 1 } }]
    const paidFirst = sim.wechatPaid('tea-01', 'order-pay-first-01', 1200, { transactionId: 'tx-pay-first-01' })
    expect((await post(paidFirst)).status).toBe(200)
    expect((await events()).at(-1)!.type).toBe('payment.unmatched')
    const placed = await t.json(
      'POST',
      '/api/stores/tea-01/orders',
      { orderId: 'order-pay-first-01', lines, fulfilment: 'pickup' },
      consumer,
    )
    expect(placed.status).toBe(201)
    expect((await events()).filter((e) => e.orderId === 'order-pay-first-01').at(-1)!.order).toMatchObject({
      payment: 'paid',
    })
    // WeChat Pay redelivers with a fresh nonce and signature: acknowledged, and nothing changes.
    const before = (await events()).length
    expect(
      (await post(sim.wechatPaid('tea-01', 'order-pay-first-01', 1200, { transactionId: 'tx-pay-first-01' }))).status,
    ).toBe(200)
    expect((await events()).length).toBe(before)
    // The very same request again is a replay: its nonce was already seen.
    expect((await post(paidFirst)).status).toBe(401)
  })

  it('rejects a WeChat Pay probe signature and a stale timestamp with 4xx and FAIL', async () => {
    const n = sim.wechatPaid('tea-01', 'order-x', 100)
    const probe = {
      ...n,
      headers: { ...n.headers, 'Wechatpay-Signature': `WECHATPAY/SIGNTEST/${n.headers['Wechatpay-Signature']}` },
    }
    const r1 = await post(probe)
    expect(r1.status).toBe(401)
    expect(await r1.json()).toMatchObject({ code: 'FAIL' })
    const stale = sim.wechatPaid('tea-01', 'order-x', 100, { nowMs: Date.now() - 301_000 })
    expect((await post(stale)).status).toBe(401)
  })
})
