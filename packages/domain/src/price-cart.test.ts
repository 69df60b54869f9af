import { describe, expect, it } from 'vitest'
import { priceCart } from './price-cart'
import type { Promotion, PromotionContext } from './promotion'
import { teaMenu } from './test-fixtures'

const ctx: PromotionContext = { now: 0, channel: 'pos', minuteOfDay: 600, weekday: 1 }
const manjian: Promotion = {
  id: 'mj',
  name: '满30减5',
  rule: { kind: 'threshold', tiers: [{ minFen: 3000, offFen: 500 }] },
  stackable: true,
}

describe('priceCart', () => {
  it('[PRM-10] prices lines, applies the best promotions and allocates them to order lines', () => {
    const r = priceCart(
      teaMenu,
      {
        lines: [
          { id: 'x', selection: { itemId: 'oolong-latte', quantity: 1 } },
          { id: 'y', selection: { itemId: 'lemon-tea', quantity: 2 } },
        ],
        feesFen: 200,
      },
      [manjian],
      ctx,
    )
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.value.amounts).toEqual({ subtotalFen: 3600, discountFen: 500, feesFen: 200, totalFen: 3300 })
    expect(r.value.lines.map((l) => l.totalFen)).toEqual([1600 - 222, 2000 - 278])
    expect(r.value.promotions[0]?.savingFen).toBe(500)
  })

  it('[PRM-10] a line that fails pricing names its line id', () => {
    const r = priceCart(teaMenu, { lines: [{ id: 'z', selection: { itemId: 'mango-tea', quantity: 1 } }] }, [], ctx)
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error.code).toBe('SOLD_OUT')
    expect(r.error.details?.lineId).toBe('z')
  })
})
