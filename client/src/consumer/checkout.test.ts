import { describe, expect, it, vi } from 'vitest'
import { ApiError, type OrderView } from './api'
import { type CheckoutDeps, createCheckout } from './checkout'
import { randomId } from './random-id'
import { orderBody } from './fixtures'

const line = {
  id: 'l1',
  itemId: 'pearl-milk-tea',
  skuId: 'pearl-milk-tea-l',
  options: { toppings: ['pearl'] },
  quantity: 2,
  name: '珍珠奶茶',
  detail: '大杯 · 珍珠',
  unitPriceFen: 1700,
}
const input = { storeId: 'tea-01', lines: [line], fulfilment: 'pickup' as const, notes: ' 少冰 ', coupons: [] }

function deps(patch: Partial<CheckoutDeps['api']> = {}, mode: CheckoutDeps['paymentMode'] = 'sandbox') {
  const order = orderBody() as unknown as OrderView
  const api = {
    placeOrder: vi.fn(async () => order),
    jsapiPayment: vi.fn(async () => ({
      timeStamp: '1',
      nonceStr: 'n',
      package: 'prepay_id=x',
      signType: 'RSA' as const,
      paySign: 's',
    })),
    sandboxPay: vi.fn(async () => ({ ...order, payment: 'paid' }) as OrderView),
    ...patch,
  }
  let n = 0
  return {
    api,
    paymentMode: mode,
    requestPayment: vi.fn(async () => {}),
    newOrderId: () => `id-${++n}-0000`,
  }
}

describe('checkout flow', () => {
  it('places the order with the cart, never an amount, and hands over to the sandbox page on h5', async () => {
    const d = deps()
    const checkout = createCheckout(d)
    const order = await checkout.submit(input)
    expect(order?.id).toBe('order0000000001')
    expect(d.api.placeOrder).toHaveBeenCalledWith('tea-01', {
      orderId: 'id-1-0000',
      lines: [
        {
          id: 'l1',
          selection: {
            itemId: 'pearl-milk-tea',
            skuId: 'pearl-milk-tea-l',
            options: { toppings: ['pearl'] },
            quantity: 2,
          },
        },
      ],
      fulfilment: 'pickup',
      notes: '少冰',
    })
    expect(checkout.store.getState().status).toBe('awaitingSandbox')
    const paid = await checkout.paySandbox('tea-01', 'order0000000001')
    expect(paid?.payment).toBe('paid')
  })

  it('retries with the same order id after a failure, so the BFF sees one order', async () => {
    const placeOrder = vi
      .fn()
      .mockRejectedValueOnce(new Error('request failed: timeout'))
      .mockResolvedValueOnce(orderBody())
    const d = deps({ placeOrder })
    const checkout = createCheckout(d)
    expect(await checkout.submit(input)).toBeNull()
    expect(checkout.store.getState().status).toBe('failed')
    await checkout.submit(input)
    expect(placeOrder.mock.calls.map((c) => c[1].orderId)).toEqual(['id-1-0000', 'id-1-0000'])
    checkout.reset()
    await checkout.submit(input).catch(() => {})
    expect(checkout.store.getState().orderId).toBe('id-2-0000')
  })

  it('pays in the mini-program with the parameters the BFF signed', async () => {
    const d = deps({}, 'jsapi')
    const checkout = createCheckout(d)
    await checkout.submit(input)
    expect(d.api.jsapiPayment).toHaveBeenCalledWith('tea-01', 'order0000000001')
    expect(d.requestPayment).toHaveBeenCalledWith(expect.objectContaining({ package: 'prepay_id=x', signType: 'RSA' }))
    expect(checkout.store.getState().status).toBe('paid')
  })

  it('reports a refused order (sold out) as failed with the BFF message', async () => {
    const d = deps({ placeOrder: vi.fn(async () => Promise.reject(new ApiError(422, 'SOLD_OUT', '珍珠 已售罄'))) })
    const checkout = createCheckout(d)
    expect(await checkout.submit(input)).toBeNull()
    expect((checkout.store.getState().error as ApiError).message).toBe('珍珠 已售罄')
    expect(await createCheckout(deps()).submit({ ...input, lines: [] })).toBeNull()
  })

  it('makes order ids that are valid WeChat Pay out_trade_no values', () => {
    const id = randomId()
    expect(id).toMatch(/^[0-9a-f]{32}$/)
    expect(id).not.toBe(randomId())
  })
})
