import type { Menu, Promotion } from '@xiaodian/domain'
import { describe, expect, it } from 'vitest'
import { createCounterCart, defaultSelection, priceCounterCart, toggleOption } from './counter-cart'
import { type CounterSale, counterOrder } from './counter-order'
import type { StoreMenu } from './store-menu'

const sugar = {
  id: 'sugar',
  name: '甜度',
  kind: 'single' as const,
  required: true,
  options: [
    { id: 's50', name: '五分糖', priceDeltaFen: 0, isDefault: true },
    { id: 's0', name: '无糖', priceDeltaFen: 0 },
  ],
}
const toppings = {
  id: 'top',
  name: '加料',
  kind: 'multi' as const,
  required: false,
  maxPicks: 2,
  options: [
    { id: 'pearl', name: '珍珠', priceDeltaFen: 200 },
    { id: 'coco', name: '椰果', priceDeltaFen: 200 },
    { id: 'pudding', name: '布丁', priceDeltaFen: 300 },
  ],
}
const menu: Menu = {
  id: 'm',
  categories: [
    {
      id: 'milk-tea',
      name: '奶茶',
      items: [
        {
          id: 'tea',
          name: '珍珠奶茶',
          skus: [
            { id: 'tea-m', name: '中杯', priceFen: 1200 },
            { id: 'tea-l', name: '大杯', priceFen: 1500 },
          ],
          optionGroups: [sugar, toppings],
        },
      ],
    },
  ],
}
const promotions: Promotion[] = [
  {
    id: 'manjian',
    name: '满30减5',
    rule: { kind: 'threshold', tiers: [{ minFen: 3000, offFen: 500 }] },
    stackable: true,
  },
]
const storeMenu = (p: Promotion[] = promotions): StoreMenu => ({
  store: { id: 's', name: '店', kind: 'tea', timeZone: 'Asia/Shanghai' },
  menu,
  promotions: p,
  promotionNames: p.map(({ id, name }) => ({ id, name })),
  soldOut: { items: [], skus: [], options: [] },
  fetchedAt: 0,
})
const item = menu.categories[0]!.items[0]!

describe('the counter', () => {
  it('starts the option picker on the defaults and toggles within each group’s rules', () => {
    let s = defaultSelection(item)
    expect(s).toEqual({ itemId: 'tea', skuId: 'tea-m', options: { sugar: ['s50'], top: [] }, quantity: 1 })
    s = toggleOption(s, sugar, 's0')
    expect(s.options?.sugar).toEqual(['s0'])
    s = toggleOption(toggleOption(toggleOption(s, toppings, 'pearl'), toppings, 'coco'), toppings, 'pudding')
    expect(s.options?.top).toEqual(['pearl', 'coco'])
    expect(toggleOption(s, toppings, 'pearl').options?.top).toEqual(['coco'])
  })

  it('prices the cart with the domain: promotions applied and the next one within reach', () => {
    const cart = createCounterCart()
    cart.getState().add({ ...defaultSelection(item), skuId: 'tea-l' })
    const one = priceCounterCart(storeMenu(), cart.getState().lines, Date.UTC(2026, 10, 22, 4))
    expect(one.ok && one.value.amounts.totalFen).toBe(1500)
    expect(one.ok && one.value.nudge?.message).toBe('再买¥15.00 立减¥5')
    cart.getState().setQuantity('l1', 2)
    const two = priceCounterCart(storeMenu(), cart.getState().lines, Date.UTC(2026, 10, 22, 4))
    expect(two.ok && two.value.amounts).toEqual({ subtotalFen: 3000, discountFen: 500, feesFen: 0, totalFen: 2500 })
    expect(two.ok && two.value.promotions.map((p) => p.promotionId)).toEqual(['manjian'])
    cart.getState().setQuantity('l1', 0)
    expect(cart.getState().lines).toEqual([])
  })

  it('turns a paid sale into a pos order with one payment for the total', () => {
    const cart = createCounterCart()
    cart.getState().add({ ...defaultSelection(item), quantity: 3 })
    const priced = priceCounterCart(storeMenu(), cart.getState().lines, 0)
    if (!priced.ok) throw new Error(priced.error.message)
    const sale: CounterSale = {
      id: '0190a0b0-0000-7000-8000-000000000001',
      storeId: 's',
      deviceId: 'tab-1',
      businessDay: '2026-11-22',
      pickupNumber: 1201,
      priced: priced.value,
      fulfilmentType: 'dine_in',
      notes: '少冰',
      paidWith: 'qr',
      at: 5,
    }
    const made = counterOrder(sale)
    if (!made.ok) throw new Error(made.error.message)
    const o = made.value
    expect(o).toMatchObject({ channel: 'pos', externalId: o.id, pickupNumber: 1201, payment: 'paid', notes: '少冰' })
    expect(o.amounts.totalFen).toBe(3100)
    expect(o.promotions).toEqual([{ promotionId: 'manjian', name: '满30减5', savingFen: 500 }])
    expect(Object.values(o.payments)).toEqual([{ id: `qr:${o.id}`, amountFen: 3100, method: 'qr', at: 5 }])
    const unpaid = counterOrder({ ...sale, paidWith: null })
    expect(unpaid.ok && unpaid.value.payment).toBe('unpaid')
  })
})
