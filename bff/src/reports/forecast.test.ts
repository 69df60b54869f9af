import { describe, expect, it } from 'vitest'
import {
  forecastUnits,
  hourShares,
  ingredientUse,
  optionKey,
  type PurchaseInput,
  purchasePlan,
  skuKey,
  stockOutHour,
} from './forecast'

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
  it('turns units into ingredients through SKU and option recipes', () => {
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

  it('[FOR-4] flags what runs out before the day starts, first', () => {
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

  it('spreads a day over the hours it sells in', () => {
    const share = hourShares(curve)
    expect(share.reduce((a, b) => a + b, 0)).toBeCloseTo(1)
    expect(stockOutHour(1000, 500, share)).toBeNull()
    expect(stockOutHour(0, 500, share)).toBe(11)
    expect(hourShares(Array(24).fill(0))[5]).toBeCloseTo(1 / 24)
  })
})
