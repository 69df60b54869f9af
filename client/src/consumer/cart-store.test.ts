import { describe, expect, it } from 'vitest'
import { cartCount, cartEstimateFen, cartRequestLines, createCartStore } from './cart-store'
import { memoryStorage } from './testing'

const sel = (toppings: string[], quantity = 1) => ({
  itemId: 'pearl-milk-tea',
  skuId: 'pearl-milk-tea-l',
  options: { sugar: ['sugar-50'], toppings },
  quantity,
})
const display = { name: '珍珠奶茶', detail: '大杯', unitPriceFen: 1700 }

describe('cart store', () => {
  it('merges the same choice into one line and keeps different ones apart', () => {
    const cart = createCartStore(memoryStorage())
    cart.getState().add('tea-01', sel(['pearl']), display)
    cart.getState().add('tea-01', sel(['pearl'], 2), display)
    cart.getState().add('tea-01', sel([]), { ...display, unitPriceFen: 1500 })
    const { lines } = cart.getState()
    expect(lines.map((l) => l.quantity)).toEqual([3, 1])
    expect(cartCount(lines)).toBe(4)
    expect(cartEstimateFen(lines)).toBe(3 * 1700 + 1500)
    // Empty option groups are left out: the BFF takes the group's defaults (none for toppings).
    expect(cartRequestLines(lines)[1]!.selection.options).toEqual({ sugar: ['sugar-50'] })
  })

  it('starts over when the customer switches store, and drops a line at quantity 0', () => {
    const cart = createCartStore(memoryStorage())
    cart.getState().add('tea-01', sel(['pearl']), display)
    cart.getState().add('wash-01', { itemId: 'basic-wash', skuId: 'basic-wash-r', options: {}, quantity: 1 }, display)
    expect(cart.getState().storeId).toBe('wash-01')
    expect(cart.getState().lines).toHaveLength(1)
    cart.getState().setQuantity(cart.getState().lines[0]!.id, 0)
    expect(cart.getState().lines).toHaveLength(0)
  })

  it('survives a relaunch through the storage adapter', () => {
    const storage = memoryStorage()
    const a = createCartStore(storage)
    a.getState().add('tea-01', sel(['pearl']), display)
    a.getState().setFulfilment('dine_in')
    a.getState().addCoupon(' WELCOME ')
    const b = createCartStore(storage)
    expect(b.getState().lines).toHaveLength(1)
    expect(b.getState().fulfilment).toBe('dine_in')
    expect(b.getState().coupons).toEqual(['WELCOME'])
  })
})
