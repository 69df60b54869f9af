import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testApp } from '../test-app'

let t: Awaited<ReturnType<typeof testApp>>
beforeAll(async () => {
  t = await testApp()
})
afterAll(() => t.close())

const lines = [
  {
    id: 'a',
    selection: { itemId: 'pearl-milk-tea', skuId: 'pearl-milk-tea-l', options: { toppings: ['pearl'] }, quantity: 2 },
  },
]

async function placeOrder(token: string, orderId: string) {
  const r = await t.json('POST', '/api/stores/tea-01/orders', { orderId, lines, fulfilment: 'pickup' }, token)
  expect(r.status).toBe(201)
  return r.body.order as { id: string; amounts: { totalFen: number }; payment: string; fulfilment: string }
}

describe('consumer orders, sandbox payment and staff status', () => {
  it('pays through the real WeChat Pay notify path, once, for the stored amount', async () => {
    const token = await t.consumerToken('code-pay-1')
    const order = await placeOrder(token, '0123456789abcdef0123456789abcdef')
    const paid = await t.json('POST', `/api/stores/tea-01/orders/${order.id}/sandbox-pay`, {}, token)
    expect(paid.status).toBe(200)
    expect(paid.body.order.payment).toBe('paid')
    const payments = Object.values(paid.body.order.payments) as { amountFen: number; method: string }[]
    expect(payments).toEqual([expect.objectContaining({ amountFen: order.amounts.totalFen, method: 'wechatpay' })])
    // Paying again is answered with the paid order and sends nothing.
    const again = await t.json('POST', `/api/stores/tea-01/orders/${order.id}/sandbox-pay`, {}, token)
    expect(again.body.alreadyPaid).toBe(true)
    expect(Object.keys(again.body.order.payments)).toHaveLength(1)
  })

  it('answers 404 for another consumer’s order and 401 without a token', async () => {
    const owner = await t.consumerToken('code-owner')
    const stranger = await t.consumerToken('code-stranger')
    const order = await placeOrder(owner, 'aaaaaaaa-bbbb-cccc-dddd-000000000001')
    expect((await t.json('GET', `/api/stores/tea-01/my-orders/${order.id}`, undefined, stranger)).status).toBe(404)
    expect((await t.json('POST', `/api/stores/tea-01/orders/${order.id}/sandbox-pay`, {}, stranger)).status).toBe(404)
    expect((await t.json('GET', `/api/stores/tea-01/my-orders/${order.id}`)).status).toBe(401)
    const mine = await t.json('GET', `/api/stores/tea-01/my-orders/${order.id}`, undefined, owner)
    expect(mine.status).toBe(200)
    expect(mine.body.seq).toBeGreaterThan(0)
  })

  it('lists a consumer’s own orders, newest first', async () => {
    const token = await t.consumerToken('code-history')
    await placeOrder(token, 'history-order-0001')
    await placeOrder(token, 'history-order-0002')
    const r = await t.json('GET', '/api/stores/tea-01/my-orders', undefined, token)
    expect(r.body.orders.map((o: { id: string }) => o.id)).toEqual(['history-order-0002', 'history-order-0001'])
    const staff = await t.staffToken()
    expect((await t.json('GET', '/api/stores/tea-01/my-orders', undefined, staff)).status).toBe(403)
  })

  it('lets staff move an order forward with the domain rules, and refuses a step back', async () => {
    const token = await t.consumerToken('code-status')
    const order = await placeOrder(token, 'status-order-0001')
    const staff = await t.staffToken()
    const url = `/api/stores/tea-01/orders/${order.id}/status`
    expect((await t.json('POST', url, { status: 'making' }, token)).status).toBe(403)
    expect((await t.json('POST', url, { status: 'making' }, staff)).body.order.fulfilment).toBe('making')
    const ready = await t.json('POST', url, { status: 'ready' }, staff)
    expect(ready.body.order.fulfilment).toBe('ready')
    expect(ready.body.order.timestamps.readyAt).toBeGreaterThan(0)
    expect((await t.json('POST', url, { status: 'making' }, staff)).status).toBe(409)
    expect((await t.json('POST', url, { status: 'bogus' }, staff)).status).toBe(400)
    const seen = await t.json('GET', `/api/stores/tea-01/my-orders/${order.id}`, undefined, token)
    expect(seen.body.order.fulfilment).toBe('ready')
  })

  it('signs the wx.requestPayment parameters for an unpaid order', async () => {
    const token = await t.consumerToken('code-jsapi')
    const order = await placeOrder(token, 'jsapi-order-0001')
    const r = await t.json('POST', `/api/stores/tea-01/orders/${order.id}/jsapi`, {}, token)
    expect(r.status).toBe(200)
    expect(r.body.params).toMatchObject({ appId: 'wxd0000000demo0001', signType: 'RSA' })
    expect(r.body.params.package).toMatch(/^prepay_id=wx/)
    expect(r.body.params.paySign.length).toBeGreaterThan(300)
  })
})
