import { MenuResponse, PricedCartResponse } from '@xiaodian/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testApp } from '../test-app'

// 12:00 on a Monday in Shanghai: outside the afternoon fruit-tea window.
const NOON = Date.UTC(2026, 10, 23, 4, 0)
let t: Awaited<ReturnType<typeof testApp>>
beforeAll(async () => {
  t = await testApp({ now: () => NOON })
})
afterAll(() => t.close())

const twoMilkTeas = [
  {
    id: 'a',
    selection: { itemId: 'pearl-milk-tea', skuId: 'pearl-milk-tea-l', options: { toppings: ['pearl'] }, quantity: 1 },
  },
  { id: 'b', selection: { itemId: 'taro-boba', skuId: 'taro-boba-l', options: { sugar: ['sugar-30'] }, quantity: 1 } },
]

describe('store API', () => {
  it('serves the public menu in the shared contract', async () => {
    const r = await t.json('GET', '/api/stores/tea-01/menu')
    expect(r.status).toBe(200)
    const menu = MenuResponse.parse(r.body)
    expect(menu.menu.categories.map((c) => c.name)).toContain('招牌奶茶')
    expect((await t.json('GET', '/api/stores/nope/menu')).status).toBe(404)
  })

  it('prices a cart with the domain: 第二杯半价, then 满减, with the nudge toward the next tier', async () => {
    const r = await t.json('POST', '/api/stores/tea-01/cart/price', { lines: twoMilkTeas })
    expect(r.status).toBe(200)
    const p = PricedCartResponse.parse(r.body)
    // 珍珠奶茶 大杯 15 + 珍珠 2 = 17; 芋泥波波 大杯 19. Subtotal 36; the cheaper cup half price: −8.50.
    // 满减 counts what is left after item discounts (27.50), so it is not reached yet: the nudge says how far.
    expect(p.amounts.subtotalFen).toBe(3600)
    expect(p.promotions.map((x) => [x.promotionId, x.savingFen])).toEqual([['second-half', 850]])
    expect(p.nudge?.message).toBe('再买¥2.50 立减¥5')
    expect(p.lines.reduce((s, l) => s + l.totalFen, 0)).toBe(p.amounts.totalFen)

    const three = [
      ...twoMilkTeas,
      { id: 'c', selection: { itemId: 'mango-pomelo', skuId: 'mango-pomelo-m', quantity: 1 } },
    ]
    const q = PricedCartResponse.parse((await t.json('POST', '/api/stores/tea-01/cart/price', { lines: three })).body)
    // 27.50 + 18 = 45.50 ≥ 30: 满30减5 applies on top; 满50减12 is 4.50 away.
    expect(q.promotions.map((x) => [x.promotionId, x.savingFen]).sort()).toEqual([
      ['manjian', 500],
      ['second-half', 850],
    ])
    expect(q.amounts.totalFen).toBe(5400 - 850 - 500)
    expect(q.nudge?.message).toBe('再买¥4.50 立减¥12')
  })

  it('refuses a cart it cannot sell with 422 and the domain code', async () => {
    const bad = [
      {
        id: 'x',
        selection: {
          itemId: 'pearl-milk-tea',
          skuId: 'pearl-milk-tea-l',
          options: { toppings: ['pearl', 'coconut', 'pudding', 'taro-ball'] },
          quantity: 1,
        },
      },
    ]
    const r = await t.json('POST', '/api/stores/tea-01/cart/price', { lines: bad })
    expect(r.status).toBe(422)
    expect(r.body.error.code).toBe('TOO_MANY_OPTIONS')
  })

  it('places a consumer order priced by the BFF, once per order id, into the store stream', async () => {
    const token = await t.consumerToken('code-order-test')
    const body = { orderId: 'order-test-0001', lines: twoMilkTeas, fulfilment: 'pickup', totalFen: 1 }
    const first = await t.json('POST', '/api/stores/tea-01/orders', body, token)
    expect(first.status).toBe(201)
    expect(first.body.order.amounts.totalFen).toBeGreaterThan(1000)
    expect(first.body.order.pickupNumber).toBeGreaterThan(0)
    const again = await t.json('POST', '/api/stores/tea-01/orders', body, token)
    expect(again.body.duplicate).toBe(true)
    const staff = await t.staffToken()
    const events = await t.json('GET', '/api/stores/tea-01/events?after=0', undefined, staff)
    expect(events.body.events.filter((e: { orderId: string }) => e.orderId === 'order-test-0001')).toHaveLength(1)
  })

  it('needs a token to order, and keeps staff of one store out of another', async () => {
    expect(
      (await t.json('POST', '/api/stores/tea-01/orders', { lines: twoMilkTeas, fulfilment: 'pickup' })).status,
    ).toBe(401)
    const washStaff = await t.staffToken('wash-01', '2222')
    expect((await t.json('GET', '/api/stores/tea-01/events', undefined, washStaff)).status).toBe(403)
    expect(
      (await t.json('POST', '/api/stores/tea-01/orders', { lines: twoMilkTeas, fulfilment: 'pickup' }, washStaff))
        .status,
    ).toBe(403)
    expect((await t.json('POST', '/api/auth/staff', { storeId: 'tea-01', pin: '0000' })).status).toBe(401)
  })

  it('gives each tablet its own block of pickup numbers, stable per device', async () => {
    const staff = await t.staffToken()
    const a = await t.json('POST', '/api/stores/tea-01/devices', { deviceId: 'tablet-a-01' }, staff)
    const b = await t.json('POST', '/api/stores/tea-01/devices', { deviceId: 'tablet-b-01' }, staff)
    const a2 = await t.json('POST', '/api/stores/tea-01/devices', { deviceId: 'tablet-a-01' }, staff)
    expect(a.body.block).toBeGreaterThanOrEqual(10)
    expect(b.body.block).not.toBe(a.body.block)
    expect(a2.body.block).toBe(a.body.block)
  })
})
