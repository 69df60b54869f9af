import fc from 'fast-check'
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

  it('[PRM-10] two cart lines with one id are DUPLICATE_LINE', () => {
    const sel = { itemId: 'lemon-tea', quantity: 1 }
    const r = priceCart(
      teaMenu,
      {
        lines: [
          { id: 'x', selection: sel },
          { id: 'x', selection: sel },
        ],
      },
      [],
      ctx,
    )
    expect(r.ok || r.error.code).toBe('DUPLICATE_LINE')
  })

  it('[PRM-10] a line that fails pricing names its line id', () => {
    const r = priceCart(teaMenu, { lines: [{ id: 'z', selection: { itemId: 'mango-tea', quantity: 1 } }] }, [], ctx)
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error.code).toBe('SOLD_OUT')
    expect(r.error.details?.lineId).toBe('z')
  })

  it('[MNY-1] every amount pricing produces is a whole number of fen', () => {
    const promos: Promotion[] = [
      { id: 'pct', name: '8.8折', rule: { kind: 'item_percent', percentOff: 12 }, stackable: true },
      { id: 'half', name: '第二杯半价', rule: { kind: 'nth_item', n: 2, percentOff: 50 }, stackable: true },
      { id: 'mz', name: '满折', rule: { kind: 'order_percent', percentOff: 7.5, minFen: 2000 }, stackable: true },
      manjian,
    ]
    const items = ['oolong-latte', 'lemon-tea']
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 1 }), fc.integer({ min: 1, max: 7 })), {
          minLength: 1,
          maxLength: 6,
        }),
        (picks) => {
          const r = priceCart(
            teaMenu,
            {
              lines: picks.map(([i, q], k) => ({
                id: `l${k}`,
                selection: { itemId: items[i] as string, quantity: q },
              })),
            },
            promos,
            ctx,
          )
          expect(r.ok).toBe(true)
          if (!r.ok) return
          const amounts = [
            ...Object.values(r.value.amounts),
            ...r.value.lines.flatMap((l) => [l.totalFen, ...l.discounts.map((d) => d.amountFen)]),
          ]
          for (const a of amounts) expect(Number.isSafeInteger(a) && a >= 0).toBe(true)
        },
      ),
      { numRuns: 100 },
    )
  })
})
