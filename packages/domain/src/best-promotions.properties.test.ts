import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { bestPromotions } from './best-promotions'
import { evaluateCombination } from './evaluate-combination'
import type { Promotion, PromotionContext, PromotionLine } from './promotion'
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
