import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { bestPromotions } from './best-promotions'
import type { Promotion, PromotionContext, PromotionLine } from './promotion'
import { evaluateCombination } from './evaluate-combination'
import { preparePromotions } from './promotion-problem'

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

// ---- properties ----

const lineArb = fc.record({
  unitPriceFen: fc.integer({ min: 100, max: 3000 }),
  quantity: fc.integer({ min: 1, max: 4 }),
  item: fc.integer({ min: 0, max: 4 }),
})
const linesArb = fc
  .array(lineArb, { minLength: 1, maxLength: 8 })
  .map((ls) =>
    ls.map((l, i) => line(`l${i}`, l.unitPriceFen, l.quantity, l.item < 3 ? 'milk-tea' : 'fruit', `item-${l.item}`)),
  )
const ruleArb: fc.Arbitrary<Promotion['rule']> = fc.oneof(
  fc
    .tuple(
      fc.integer({ min: 500, max: 4000 }),
      fc.integer({ min: 100, max: 500 }),
      fc.integer({ min: 0, max: 4000 }),
      fc.integer({ min: 100, max: 600 }),
      fc.integer({ min: 0, max: 3 }),
    )
    .map(([m1, o1, dm, o2, r]) => ({
      kind: 'threshold' as const,
      tiers: [
        { minFen: m1, offFen: o1 },
        { minFen: m1 + dm, offFen: o1 + o2 },
      ],
      ...(r === 0 ? { repeat: true } : {}),
    })),
  fc.record({
    kind: fc.constant('order_percent' as const),
    percentOff: fc.integer({ min: 5, max: 30 }),
    minFen: fc.integer({ min: 0, max: 5000 }),
  }),
  fc.record({ kind: fc.constant('item_percent' as const), percentOff: fc.integer({ min: 5, max: 50 }) }),
  fc.record({ kind: fc.constant('item_amount' as const), offFen: fc.integer({ min: 50, max: 800 }) }),
  fc.record({ kind: fc.constant('item_price' as const), priceFen: fc.integer({ min: 100, max: 1500 }) }),
  fc.record({
    kind: fc.constant('nth_item' as const),
    n: fc.integer({ min: 2, max: 3 }),
    percentOff: fc.integer({ min: 20, max: 100 }),
  }),
  fc.record({ kind: fc.constant('buy_x_get_y' as const), buy: fc.integer({ min: 1, max: 3 }), get: fc.constant(1) }),
)
const promoArb = (i: number) =>
  fc
    .record({
      rule: ruleArb,
      solo: fc.integer({ min: 0, max: 5 }),
      group: fc.constantFrom(undefined, 'coupon', 'member'),
      scope: fc.constantFrom(undefined, 'milk-tea', 'item-1'),
      limit: fc.constantFrom(undefined, undefined, 1, 2),
    })
    .map(
      ({ rule, solo, group, scope, limit }): Promotion => ({
        id: `p${i}`,
        name: `p${i}`,
        rule,
        stackable: solo !== 0,
        ...(group === undefined ? {} : { exclusivityGroup: group }),
        ...(scope === undefined
          ? {}
          : { scope: scope === 'milk-tea' ? { categoryIds: [scope] } : { itemIds: [scope] } }),
        ...(limit === undefined ? {} : { perOrderLimit: limit }),
      }),
    )
const promosArb = fc
  .integer({ min: 1, max: 6 })
  .chain((k) => fc.tuple(...Array.from({ length: k }, (_, i) => promoArb(i))))
const runs = { numRuns: 120 }

function validCombination(ps: readonly Promotion[]): boolean {
  if (ps.length <= 1) return true
  const groups = new Set<string>()
  for (const p of ps) {
    if (!p.stackable) return false
    if (p.exclusivityGroup !== undefined) {
      if (groups.has(p.exclusivityGroup)) return false
      groups.add(p.exclusivityGroup)
    }
  }
  return true
}

describe('bestPromotions properties', () => {
  it('[PRM-6] total = subtotal − discounts, never negative, and allocations sum exactly', () => {
    fc.assert(
      fc.property(linesArb, promosArb, (lines, promos) => {
        const r = bestPromotions(lines, promos, ctx)
        expect(r.totalFen).toBe(r.subtotalFen - r.discountFen)
        expect(r.totalFen).toBeGreaterThanOrEqual(0)
        let lineTotals = 0
        for (const l of r.lines) {
          const d = l.discounts.reduce((s, x) => s + x.amountFen, 0)
          expect(l.totalFen).toBe(l.subtotalFen - d)
          expect(l.totalFen).toBeGreaterThanOrEqual(0)
          lineTotals += l.totalFen
        }
        expect(lineTotals).toBe(r.totalFen)
        for (const a of r.applied) {
          const allocated = r.lines.reduce(
            (s, l) => s + (l.discounts.find((d) => d.promotionId === a.promotionId)?.amountFen ?? 0),
            0,
          )
          expect(allocated).toBe(a.savingFen)
        }
      }),
      runs,
    )
  })

  it('[PRM-5] the chosen combination saves at least as much as every valid single promotion', () => {
    fc.assert(
      fc.property(linesArb, promosArb, (lines, promos) => {
        const r = bestPromotions(lines, promos, ctx)
        for (const p of promos)
          expect(r.discountFen).toBeGreaterThanOrEqual(bestPromotions(lines, [p], ctx).discountFen)
      }),
      runs,
    )
  })

  it('[PRM-5] the search is exact: it matches brute force over every valid combination', () => {
    fc.assert(
      fc.property(linesArb, promosArb, (lines, promos) => {
        const prob = preparePromotions(lines, promos, ctx)
        let best = 0
        for (let m = 1; m < 1 << promos.length; m++) {
          const set = promos.filter((_, i) => (m >> i) & 1)
          if (!validCombination(set)) continue
          best = Math.max(best, evaluateCombination(prob, new Set(set.map((p) => p.id))).savingFen)
        }
        expect(bestPromotions(lines, promos, ctx).discountFen).toBe(best)
      }),
      runs,
    )
  })

  it('[PRM-5] exact at full size: 15 promotions × 30 lines match brute force', () => {
    const bigLines = fc
      .array(lineArb, { minLength: 30, maxLength: 30 })
      .map((ls) =>
        ls.map((l, i) =>
          line(
            `l${String(i).padStart(2, '0')}`,
            l.unitPriceFen,
            l.quantity,
            l.item < 3 ? 'milk-tea' : 'fruit',
            `item-${l.item}`,
          ),
        ),
      )
    const bigPromos = fc.tuple(...Array.from({ length: 15 }, (_, i) => promoArb(i)))
    fc.assert(
      fc.property(bigLines, bigPromos, (lines, promos) => {
        const prob = preparePromotions(lines, promos, ctx)
        let best = 0
        for (let m = 1; m < 1 << promos.length; m++) {
          const set = promos.filter((_, i) => (m >> i) & 1)
          if (!validCombination(set)) continue
          best = Math.max(best, evaluateCombination(prob, new Set(set.map((p) => p.id))).savingFen)
        }
        expect(bestPromotions(lines, promos, ctx).discountFen).toBe(best)
      }),
      { numRuns: 3 },
    )
  }, 30_000)

  it('[PRM-9] the result does not depend on line or promotion order', () => {
    fc.assert(
      fc.property(linesArb, promosArb, fc.nat(), (lines, promos, seed) => {
        const shuffle = <T>(xs: readonly T[]) =>
          xs
            .map((x, i) => ({ x, k: (i * 7919 + seed) % 104729 }))
            .sort((a, b) => a.k - b.k)
            .map((o) => o.x)
        const a = bestPromotions(lines, promos, ctx)
        const b = bestPromotions(shuffle(lines), shuffle(promos), ctx)
        expect(b.applied).toEqual(a.applied)
        const byId = (r: typeof a) => Object.fromEntries(r.lines.map((l) => [l.lineId, l]))
        expect(byId(b)).toEqual(byId(a))
      }),
      runs,
    )
  })
})
