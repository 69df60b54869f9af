import { describe, expect, it } from 'vitest'
import { bestPromotions } from './best-promotions'
import type { Promotion, PromotionContext, PromotionLine } from './promotion'

const ctx: PromotionContext = {
  now: 1_800_000_000_000,
  channel: 'miniprogram',
  minuteOfDay: 15 * 60,
  weekday: 3,
  customer: { isNew: false, couponIds: [], usage: {} },
}

const line = (
  id: string,
  unitPriceFen: number,
  quantity = 1,
  categoryId = 'milk-tea',
  itemId = `item-${id}`,
): PromotionLine => ({
  id,
  itemId,
  categoryId,
  skuId: `sku-${itemId}`,
  unitPriceFen,
  quantity,
})

const manjian: Promotion = {
  id: 'manjian',
  name: '满30减5/满50减12',
  rule: {
    kind: 'threshold',
    tiers: [
      { minFen: 3000, offFen: 500 },
      { minFen: 5000, offFen: 1200 },
    ],
  },
  stackable: true,
}
const secondHalf: Promotion = {
  id: 'second-half',
  name: '第二杯半价',
  rule: { kind: 'nth_item', n: 2, percentOff: 50 },
  scope: { categoryIds: ['milk-tea'] },
  stackable: true,
}

describe('bestPromotions', () => {
  it('[PRM-2] 满减 applies the highest tier reached, on the amount after item discounts', () => {
    const r = bestPromotions([line('a', 2000), line('b', 1500)], [manjian], ctx)
    expect(r.discountFen).toBe(500)
    expect(r.totalFen).toBe(3000)
    const r2 = bestPromotions([line('a', 3000), line('b', 2500)], [manjian], ctx)
    expect(r2.discountFen).toBe(1200)
  })

  it('[PRM-2] 第二杯半价 discounts the cheaper cup of each pair; 买二送一 frees the cheapest of three', () => {
    const r = bestPromotions([line('a', 1800), line('b', 1200), line('c', 1000, 1, 'fruit')], [secondHalf], ctx)
    expect(r.discountFen).toBe(600)
    expect(r.lines.find((l) => l.lineId === 'b')?.discounts).toEqual([{ promotionId: 'second-half', amountFen: 600 }])
    const bxgy: Promotion = {
      id: 'b2g1',
      name: '买二送一',
      rule: { kind: 'buy_x_get_y', buy: 2, get: 1 },
      stackable: true,
    }
    expect(bestPromotions([line('a', 1500, 2), line('b', 900, 2)], [bxgy], ctx).discountFen).toBe(900)
  })

  it('[PRM-1] conditions: channel, happy hour, validity, new customer, coupon, per-customer cap', () => {
    const lines = [line('a', 2000)]
    const off = (conditions: NonNullable<Promotion['conditions']>): Promotion => ({
      id: 'p',
      name: 'p',
      rule: { kind: 'item_amount', offFen: 300 },
      conditions,
      stackable: true,
    })
    const saving = (c: NonNullable<Promotion['conditions']>, x: PromotionContext = ctx) =>
      bestPromotions(lines, [off(c)], x).discountFen
    expect(saving({ channels: ['pos', 'miniprogram'] })).toBe(300)
    expect(saving({ channels: ['pos'] })).toBe(0)
    expect(saving({ windows: [{ fromMinute: 14 * 60, toMinute: 17 * 60 }] })).toBe(300)
    expect(saving({ windows: [{ days: [6, 0], fromMinute: 14 * 60, toMinute: 17 * 60 }] })).toBe(0)
    expect(saving({ validFrom: ctx.now + 1 })).toBe(0)
    expect(saving({ validUntil: ctx.now })).toBe(0)
    expect(saving({ newCustomerOnly: true })).toBe(0)
    expect(saving({ newCustomerOnly: true }, { ...ctx, customer: { isNew: true, couponIds: [], usage: {} } })).toBe(300)
    expect(saving({ couponId: 'c1' })).toBe(0)
    expect(saving({ couponId: 'c1' }, { ...ctx, customer: { isNew: false, couponIds: ['c1'], usage: {} } })).toBe(300)
    expect(
      saving({ perCustomerLimit: 1 }, { ...ctx, customer: { isNew: false, couponIds: [], usage: { p: 1 } } }),
    ).toBe(0)
  })

  it('[PRM-3] at most one item-level discount per unit; order-level applies after item-level', () => {
    const pct: Promotion = {
      id: 'pct',
      name: '奶茶8折',
      rule: { kind: 'item_percent', percentOff: 20 },
      stackable: true,
    }
    const amt: Promotion = { id: 'amt', name: '立减3元', rule: { kind: 'item_amount', offFen: 300 }, stackable: true }
    const r = bestPromotions([line('a', 2000, 2)], [pct, amt], ctx)
    expect(r.discountFen).toBe(800)
    expect(r.applied.map((a) => a.promotionId)).toEqual(['pct'])
    const withOrder = bestPromotions([line('a', 2000, 2)], [pct, manjian], ctx)
    // 8折 brings 40 to 32, still ≥ 30: 8 + 5 beats 12 alone? 40 ≥ 30 → 满30减5 on 32 → 13; 满50 not reached.
    expect(withOrder.discountFen).toBe(1300)
  })

  it('[PRM-4] a non-stackable promotion applies alone; one per exclusivity group', () => {
    const solo: Promotion = {
      id: 'solo',
      name: '全场7折',
      rule: { kind: 'item_percent', percentOff: 30 },
      stackable: false,
    }
    const lines = [line('a', 2000, 2)]
    const r = bestPromotions(lines, [solo, manjian], ctx)
    expect(r.applied.map((a) => a.promotionId)).toEqual(['solo'])
    expect(r.discountFen).toBe(1200)
    const c1: Promotion = {
      id: 'c1',
      name: '券5元',
      rule: { kind: 'threshold', tiers: [{ minFen: 0, offFen: 500 }] },
      stackable: true,
      exclusivityGroup: 'coupon',
    }
    const c2: Promotion = {
      ...c1,
      id: 'c2',
      name: '券8元',
      rule: { kind: 'threshold', tiers: [{ minFen: 0, offFen: 800 }] },
    }
    const r2 = bestPromotions(lines, [c1, c2, manjian], ctx)
    expect(r2.applied.map((a) => a.promotionId).sort()).toEqual(['c2', 'manjian'])
  })

  it('[PRM-4] a per-order limit caps discounted units or groups', () => {
    const once: Promotion = { ...secondHalf, perOrderLimit: 1 }
    expect(bestPromotions([line('a', 1000, 4)], [once], ctx).discountFen).toBe(500)
    const twoUnits: Promotion = {
      id: 'x',
      name: 'x',
      rule: { kind: 'item_price', priceFen: 500 },
      stackable: true,
      perOrderLimit: 2,
    }
    expect(bestPromotions([line('a', 1000, 1), line('b', 2000, 3)], [twoUnits], ctx).discountFen).toBe(3000)
  })

  it('[PRM-7] explains each applied promotion and nudges toward the cheapest next tier', () => {
    const r = bestPromotions([line('a', 2700)], [manjian], ctx)
    expect(r.applied).toEqual([])
    expect(r.nudge?.message).toBe('再买¥3.00 立减¥5')
    const r2 = bestPromotions([line('a', 4500)], [manjian], ctx)
    expect(r2.applied).toEqual([{ promotionId: 'manjian', name: '满30减5/满50减12', level: 'order', savingFen: 500 }])
    expect(r2.nudge).toMatchObject({ needFen: 500, extraSavingFen: 700, message: '再买¥5.00 立减¥12' })
  })

  it('[PRM-2] 每满 repeats the threshold, up to its cap, and nudges to the next multiple', () => {
    const every: Promotion = {
      id: 'every',
      name: '每满30减5',
      rule: { kind: 'threshold', tiers: [{ minFen: 3000, offFen: 500 }], repeat: true, maxOffFen: 1500 },
      stackable: true,
    }
    const r = bestPromotions([line('a', 6500)], [every], ctx)
    expect(r.discountFen).toBe(1000)
    expect(r.nudge?.message).toBe('再买¥25.00 立减¥15')
    expect(bestPromotions([line('a', 20000)], [every], ctx).discountFen).toBe(1500)
  })

  it('[PRM-7] nudges one more cup when a 第二杯半价 pair is one short', () => {
    const r = bestPromotions([line('a', 1800), line('b', 1200), line('c', 1500)], [secondHalf], ctx)
    expect(r.nudge).toEqual({
      promotionId: 'second-half',
      needFen: 1200,
      extraSavingFen: 600,
      message: '再买1件 享第二杯半价',
    })
  })

  it('[PRM-8] ties go to fewer promotions, then the smaller ids', () => {
    const a: Promotion = { id: 'b-off', name: 'b', rule: { kind: 'item_amount', offFen: 300 }, stackable: true }
    const b: Promotion = { id: 'a-off', name: 'a', rule: { kind: 'item_amount', offFen: 300 }, stackable: true }
    const r = bestPromotions([line('a', 2000)], [a, b], ctx)
    expect(r.applied.map((x) => x.promotionId)).toEqual(['a-off'])
  })
})
