import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  forecastUnits,
  hourShares,
  ingredientUse,
  optionKey,
  type PurchaseInput,
  type PurchasePlanLine,
  purchasePlan,
  skuKey,
  stockOutHour,
  type Units,
} from './purchase-plan'

const recipes = {
  [skuKey('pearl-milk-tea-l')]: [
    { ingredientId: 'tea-base', quantity: 300 },
    { ingredientId: 'pearls', quantity: 60 },
  ],
  [skuKey('pearl-milk-tea-m')]: [
    { ingredientId: 'tea-base', quantity: 220 },
    { ingredientId: 'pearls', quantity: 45 },
  ],
  [optionKey('pearl')]: [{ ingredientId: 'pearls', quantity: 50 }],
}
const ingredients = [
  { id: 'tea-base', name: '茶底', unit: 'ml', packSize: 5000 },
  { id: 'pearls', name: '珍珠', unit: 'g', packSize: 3000 },
  { id: 'cups', name: '杯子', unit: '个', packSize: 500 },
]
// Lunch and afternoon: half the day's cups by 14:00.
const curve = Array(24).fill(0)
for (const [h, n] of [
  [11, 2],
  [12, 3],
  [13, 5],
  [15, 5],
  [16, 3],
  [17, 2],
] as const)
  curve[h] = n

describe('以销定采 forecast', () => {
  it('[FOR-5] turns units into ingredients through SKU and option recipes', () => {
    expect(
      ingredientUse({ [skuKey('pearl-milk-tea-l')]: 10, [optionKey('pearl')]: 4, 'sku:unknown': 3 }, recipes),
    ).toEqual({
      'tea-base': 3000,
      pearls: 600 + 200,
    })
  })

  it('[FOR-1] weighs recent weeks more and ignores weeks it has no history for', () => {
    const f = forecastUnits([{ a: 40 }, { a: 30 }, { a: 20 }, { a: 10 }])
    expect(f.a).toBe((40 * 4 + 30 * 3 + 20 * 2 + 10) / 10)
    expect(forecastUnits([{ a: 40, b: 10 }]).a).toBe(40)
    expect(forecastUnits([])).toEqual({})
  })

  it('[FOR-2][FOR-3] buys whole packs to cover forecast, known demand and safety stock after what is left', () => {
    const input: PurchaseInput = {
      ingredients,
      recipes,
      history: [{ [skuKey('pearl-milk-tea-l')]: 100, [optionKey('pearl')]: 40 }],
      hourShare: hourShares(curve),
      known: { [skuKey('pearl-milk-tea-l')]: 20 },
      counted: { pearls: 9000, 'tea-base': 50000 },
      usedSinceCount: { pearls: 1200 },
      restOfToday: { [skuKey('pearl-milk-tea-l')]: 30 },
    }
    const [pearls, tea] = purchasePlan(input)
    // 珍珠: forecast 100×60 + 40×50 = 8000 g, known 20×60 = 1200 g, safety 15 % of 8000 = 1200 g → need 10 400 g.
    // Opening: 9000 − 1200 used − 30×60 still to sell today = 6000 g. Short 4400 g → two 3 kg bags.
    expect(pearls).toMatchObject({
      ingredientId: 'pearls',
      forecastUse: 8000,
      knownUse: 1200,
      need: 10400,
      expectedOpening: 6000,
      packs: 2,
      suggestedQuantity: 6000,
      stockOutBeforeDay: false,
    })
    // Without buying, 6000 g of 9200 g runs out in the afternoon: by 15:00 the cumulative share passes 6000/9200.
    expect(pearls?.stockOutHour).toBe(15)
    expect(tea).toMatchObject({ ingredientId: 'tea-base', packs: 0, suggestedQuantity: 0, stockOutHour: null })
  })

  it('[FOR-4][FOR-6] flags what runs out before the day starts, first, and leaves out what nothing uses', () => {
    const plan = purchasePlan({
      ingredients,
      recipes,
      history: [{ [skuKey('pearl-milk-tea-m')]: 50 }],
      hourShare: hourShares(curve),
      known: {},
      counted: { pearls: 500, 'tea-base': 1_000_000 },
      usedSinceCount: {},
      restOfToday: { [skuKey('pearl-milk-tea-m')]: 20 },
    })
    expect(plan[0]).toMatchObject({
      ingredientId: 'pearls',
      stockOutBeforeDay: true,
      stockOutHour: 11,
      expectedOpening: -400,
    })
    // Cups have no recipe and were never counted: left out.
    expect(plan.map((l) => l.ingredientId)).toEqual(['pearls', 'tea-base'])
  })

  it('[FOR-4] spreads a day over the hours it sells in', () => {
    const share = hourShares(curve)
    expect(share.reduce((a, b) => a + b, 0)).toBeCloseTo(1)
    expect(stockOutHour(1000, 500, share)).toBeNull()
    expect(stockOutHour(0, 500, share)).toBe(11)
    expect(hourShares(Array(24).fill(0))[5]).toBeCloseTo(1 / 24)
  })
})

// Every units record carries every target (zero or more), so raising one count changes no iteration order
// and the float sums stay comparable term by term.
const TARGETS = [skuKey('l'), skuKey('m'), optionKey('pearl')] as const
const INGREDIENTS = ['i0', 'i1', 'i2'] as const
const unitsArb: fc.Arbitrary<Units> = fc.record(
  Object.fromEntries(TARGETS.map((t) => [t, fc.nat({ max: 300 })])) as Record<string, fc.Arbitrary<number>>,
)
const recipeLinesArb = fc
  .subarray([...INGREDIENTS])
  .chain((ids) =>
    fc.tuple(...ids.map((id) => fc.integer({ min: 1, max: 500 }).map((quantity) => ({ ingredientId: id, quantity })))),
  )
const inputArb: fc.Arbitrary<PurchaseInput> = fc.record({
  ingredients: fc.tuple(
    ...INGREDIENTS.map((id) =>
      fc.integer({ min: 1, max: 5000 }).map((packSize) => ({ id, name: id, unit: 'g', packSize })),
    ),
  ),
  recipes: fc.record(
    Object.fromEntries(TARGETS.map((t) => [t, recipeLinesArb])) as Record<
      string,
      fc.Arbitrary<{ ingredientId: string; quantity: number }[]>
    >,
  ),
  history: fc.array(unitsArb, { maxLength: 6 }),
  hourShare: fc.array(fc.nat({ max: 50 }), { minLength: 24, maxLength: 24 }).map(hourShares),
  known: unitsArb,
  // Some ingredients never counted.
  counted: fc.dictionary(fc.constantFrom(...INGREDIENTS), fc.nat({ max: 50_000 })),
  usedSinceCount: fc.record(Object.fromEntries(INGREDIENTS.map((id) => [id, fc.nat({ max: 20_000 })]))),
  restOfToday: unitsArb,
  safetyShare: fc.constantFrom(0, 0.15, 0.5),
})

/** More demand of one kind: one count in one week of history, in the known demand, still to sell today, or used. */
const bumpArb = fc.record({
  where: fc.constantFrom('history', 'known', 'restOfToday', 'usedSinceCount'),
  week: fc.nat({ max: 5 }),
  target: fc.constantFrom(...TARGETS),
  ingredient: fc.constantFrom(...INGREDIENTS),
  by: fc.integer({ min: 1, max: 200 }),
})
type Bump = typeof bumpArb extends fc.Arbitrary<infer T> ? T : never
const add = (u: Readonly<Record<string, number>>, k: string, by: number) => ({ ...u, [k]: (u[k] ?? 0) + by })
function bump(input: PurchaseInput, b: Bump): PurchaseInput {
  switch (b.where) {
    case 'history':
      return {
        ...input,
        history: input.history.map((d, i) => (i === b.week % input.history.length ? add(d, b.target, b.by) : d)),
      }
    case 'known':
      return { ...input, known: add(input.known, b.target, b.by) }
    case 'restOfToday':
      return { ...input, restOfToday: add(input.restOfToday, b.target, b.by) }
    case 'usedSinceCount':
      return { ...input, usedSinceCount: add(input.usedSinceCount, b.ingredient, b.by) }
  }
}

const byId = (plan: readonly PurchasePlanLine[]) => new Map(plan.map((l) => [l.ingredientId, l]))
const runs = { numRuns: 300 }

describe('以销定采 forecast properties', () => {
  it('[FOR-1] a steady weekday forecasts itself, and the forecast stays between the weeks it weighs', () => {
    fc.assert(
      fc.property(fc.array(unitsArb, { minLength: 1, maxLength: 6 }), (history) => {
        const f = forecastUnits(history)
        const used = history.slice(0, 4)
        for (const t of TARGETS) {
          const seen = used.map((d) => d[t] ?? 0)
          expect(f[t]).toBeGreaterThanOrEqual(Math.min(...seen) - 1e-9)
          expect(f[t]).toBeLessThanOrEqual(Math.max(...seen) + 1e-9)
        }
        const steady = forecastUnits(history.map(() => history[0] as Units))
        for (const t of TARGETS) expect(steady[t]).toBeCloseTo(history[0]?.[t] ?? 0, 9)
        // Weeks past the four weighed ones do not count.
        expect(forecastUnits(history)).toEqual(forecastUnits(used))
      }),
      runs,
    )
  })

  it('[FOR-3] buys a non-negative whole number of packs, the fewest that cover the need', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const packSize = new Map(input.ingredients.map((i) => [i.id, i.packSize]))
        for (const l of purchasePlan(input)) {
          const p = packSize.get(l.ingredientId) as number
          expect(Number.isInteger(l.packs)).toBe(true)
          expect(l.packs).toBeGreaterThanOrEqual(0)
          expect(l.suggestedQuantity).toBe(l.packs * p)
          // need and opening are shown rounded to 0.1: allow for it.
          const onHand = Math.max(0, l.expectedOpening)
          expect(l.suggestedQuantity + onHand).toBeGreaterThanOrEqual(l.need - 0.11)
          if (l.packs > 0) expect((l.packs - 1) * p + onHand).toBeLessThan(l.need + 0.11)
        }
      }),
      runs,
    )
  })

  it('[FOR-3][FOR-4] more demand never buys less and never runs out later; a higher count never buys more', () => {
    fc.assert(
      fc.property(inputArb, bumpArb, fc.constantFrom(...INGREDIENTS), fc.nat({ max: 5000 }), (input, b, id, more) => {
        const before = byId(purchasePlan(input))
        const after = byId(purchasePlan(bump(input, b)))
        for (const ing of INGREDIENTS) {
          const x = before.get(ing)
          const y = after.get(ing)
          expect(y?.packs ?? 0).toBeGreaterThanOrEqual(x?.packs ?? 0)
          expect(y?.stockOutHour ?? 24).toBeLessThanOrEqual(x?.stockOutHour ?? 24)
          if (x?.stockOutBeforeDay) expect(y?.stockOutBeforeDay).toBe(true)
        }
        const recounted = byId(purchasePlan({ ...input, counted: add(input.counted, id, more) }))
        for (const ing of INGREDIENTS)
          expect(recounted.get(ing)?.packs ?? 0).toBeLessThanOrEqual(before.get(ing)?.packs ?? 0)
      }),
      runs,
    )
  })
})
