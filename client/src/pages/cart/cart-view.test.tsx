import Taro from '@tarojs/taro'
import { fireEvent, waitFor } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { orderBody } from '@/consumer/fixtures'
import { renderConsumer, scriptedHttp, testServices, text } from '@/consumer/testing'
import { CartView } from './cart-view'

vi.mock('@tarojs/taro', async (importOriginal) => {
  const mod = await importOriginal<{ default: object }>()
  return { ...mod, default: Object.assign(mod.default, { redirectTo: vi.fn(async () => ({})) }) }
})

const PRICED = {
  lines: [
    {
      id: 'L',
      itemName: '珍珠奶茶',
      skuName: '大杯',
      quantity: 2,
      unitPriceFen: 1700,
      subtotalFen: 3400,
      totalFen: 2900,
      options: [{ name: '珍珠', priceDeltaFen: 200 }],
    },
  ],
  amounts: { subtotalFen: 3400, discountFen: 500, feesFen: 0, totalFen: 2900 },
  promotions: [{ promotionId: 'manjian', name: '满30减5 · 满50减12', savingFen: 500 }],
  nudge: { message: '再买¥16.00 立减¥12' },
}

/** The BFF echoes the cart's line ids in the priced lines. */
const priceRoute = (req: { body?: unknown }) => {
  const id = (req.body as { lines: { id: string }[] }).lines[0]?.id ?? 'L'
  return { status: 200, data: { ...PRICED, lines: [{ ...PRICED.lines[0], id }] } }
}

function withCart(http: ReturnType<typeof scriptedHttp>['http']) {
  const services = testServices(http)
  services.cart
    .getState()
    .add(
      'tea-01',
      { itemId: 'pearl-milk-tea', skuId: 'pearl-milk-tea-l', options: { toppings: ['pearl'] }, quantity: 2 },
      { name: '珍珠奶茶', detail: '大杯 · 珍珠', unitPriceFen: 1700 },
    )
  return services
}

describe('cart and checkout (real Taro H5 components in jsdom)', () => {
  it('shows the BFF’s pricing: promotions, saving, nudge and total', async () => {
    const { http, requests } = scriptedHttp({ 'POST /api/stores/tea-01/cart/price': priceRoute })
    const { container } = renderConsumer(<CartView storeId='tea-01' />, http, withCart(http))
    expect(container.querySelector('#price-loading')).not.toBeNull()
    await waitFor(() => expect(text(container, '#cart-total')).toBe('¥29.00'))
    expect(text(container, '#promo-manjian')).toBe('满30减5 · 满50减12-¥5.00')
    expect(text(container, '#cart-saving')).toBe('已优惠 ¥5.00')
    expect(text(container, '#cart-nudge')).toContain('再买¥16.00 立减¥12')
    expect(text(container, '#line-total-0')).toBe('¥29.00')
    expect(requests[0]?.body).toMatchObject({
      lines: [{ selection: { itemId: 'pearl-milk-tea', skuId: 'pearl-milk-tea-l', quantity: 2 } }],
    })
  })

  it('places the order and goes to the sandbox payment page; the cart is emptied', async () => {
    const { http, requests } = scriptedHttp({
      'POST /api/stores/tea-01/cart/price': priceRoute,
      'POST /api/auth/consumer': { status: 200, data: { token: 't', openid: 'o' } },
      'POST /api/stores/tea-01/orders': { status: 201, data: { order: orderBody() } },
    })
    const services = withCart(http)
    const { container } = renderConsumer(<CartView storeId='tea-01' />, http, services)
    await waitFor(() => expect(text(container, '#cart-total')).toBe('¥29.00'))
    fireEvent.click(container.querySelector('#ful-dine_in')!)
    fireEvent.click(container.querySelector('#checkout-pay')!)
    await waitFor(() =>
      expect(vi.mocked(Taro.redirectTo).mock.calls.at(-1)?.[0].url).toBe(
        '/pages/pay/index?storeId=tea-01&orderId=order0000000001',
      ),
    )
    const placed = requests.find((r) => r.path === '/api/stores/tea-01/orders')
    expect(placed?.body).toMatchObject({ fulfilment: 'dine_in', orderId: 'order0000000001' })
    expect(JSON.stringify(placed?.body)).not.toContain('Fen')
    expect(services.cart.getState().lines).toHaveLength(0)
  })

  it('says why an order was refused and keeps the cart', async () => {
    const { http } = scriptedHttp({
      'POST /api/stores/tea-01/cart/price': priceRoute,
      'POST /api/auth/consumer': { status: 200, data: { token: 't', openid: 'o' } },
      'POST /api/stores/tea-01/orders': {
        status: 422,
        data: { error: { code: 'SOLD_OUT', message: '珍珠奶茶(大杯) 已售罄' } },
      },
    })
    const services = withCart(http)
    const { container } = renderConsumer(<CartView storeId='tea-01' />, http, services)
    await waitFor(() => expect(text(container, '#cart-total')).toBe('¥29.00'))
    fireEvent.click(container.querySelector('#checkout-pay')!)
    await waitFor(() => expect(text(container, '#checkout-error')).toBe('珍珠奶茶(大杯) 已售罄'))
    expect(services.cart.getState().lines).toHaveLength(1)
  })

  it('shows an empty cart with a way back to the menu', () => {
    const { http } = scriptedHttp({})
    const { container } = renderConsumer(<CartView storeId='tea-01' />, http)
    expect(text(container, '#cart-empty')).toContain('购物车是空的')
  })
})
