import type { Order } from '@xiaodian/domain'
import { PurchaseSuggestionResponse, StockResponse } from '@xiaodian/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_RECIPES } from '../seed/demo-recipes'
import { seedDemo } from '../seed/seed-demo'
import { testApp } from '../test-app'

// Sunday 2026-11-22, 14:30 in Shanghai; the purchase list is for Monday the 23rd.
const NOW = Date.UTC(2026, 10, 22, 6, 30)
const HOUR = 3_600_000
const dayOf = (t: number) => new Date(t + 4 * HOUR).toISOString().slice(0, 10)
const recipes = DEMO_RECIPES['tea-01']!.recipes

/** Grams of pearls an order uses, by the demo recipes, worked out here from its lines. */
function pearlsOf(o: Order): number {
  let g = 0
  for (const l of o.lines) {
    g += (recipes.skus[l.skuId]?.find((x) => x.ingredientId === 'pearls')?.quantity ?? 0) * l.quantity
    for (const op of l.options)
      g += (recipes.options[op.optionId]?.find((x) => x.ingredientId === 'pearls')?.quantity ?? 0) * l.quantity
  }
  return g
}

describe('以销定采 purchase list', () => {
  let t: Awaited<ReturnType<typeof testApp>>
  let owner: string
  let all: Order[]
  beforeAll(async () => {
    t = await testApp({ now: () => NOW })
    await seedDemo(t.services, { days: 29, scale: 0.4, storeIds: ['tea-01'], attention: false })
    owner = await t.staffToken('tea-01', '9999')
    const rows = await t.db.query<{ doc: string }>(`select doc::text as doc from orders where store_id = 'tea-01'`)
    all = rows.map((r) => JSON.parse(r.doc) as Order).filter((o) => o.fulfilment !== 'cancelled')
  })
  afterAll(() => t.close())

  const suggestion = async () => {
    const r = await t.json('GET', '/api/stores/tea-01/purchasing', undefined, owner)
    expect(r.status).toBe(200)
    return PurchaseSuggestionResponse.parse(r.body)
  }

  it('forecasts tomorrow from the same weekdays, weighting recent weeks more', async () => {
    const s = await suggestion()
    expect(s.forDay).toBe('2026-11-23')
    expect(s.history).toEqual(['2026-11-16', '2026-11-09', '2026-11-02', '2026-10-26'])
    const pearls = s.lines.find((l) => l.ingredientId === 'pearls')!
    const perDay = s.history.map((d) =>
      all.filter((o) => dayOf(o.timestamps.createdAt) === d).reduce((a, o) => a + pearlsOf(o), 0),
    )
    const forecast = (perDay[0]! * 4 + perDay[1]! * 3 + perDay[2]! * 2 + perDay[3]!) / 10
    expect(pearls.forecastUse).toBeCloseTo(forecast, 0)
    // Counted at 09:00 this morning; what was sold since comes off.
    const counted = Date.UTC(2026, 10, 22, 1, 0)
    expect(pearls.countedAt).toBe(counted)
    const used = all.filter((o) => o.timestamps.createdAt >= counted).reduce((a, o) => a + pearlsOf(o), 0)
    expect(pearls.usedSinceCount).toBeCloseTo(used, 0)
    expect(pearls.expectedOpening).toBeLessThan(4200 - used)
    expect(pearls.need).toBeCloseTo(forecast * 1.15, 0)
    expect(pearls.suggestedQuantity % 3000).toBe(0)
    expect(pearls.suggestedQuantity).toBeGreaterThanOrEqual(pearls.need - Math.max(0, pearls.expectedOpening) - 1e-6)
    // Stock-outs first.
    const firstOk = s.lines.findIndex((l) => !l.stockOutBeforeDay)
    expect(s.lines.slice(firstOk).every((l) => !l.stockOutBeforeDay)).toBe(true)
  })

  it('adds demand already known: a drink plan order made ahead for tomorrow', async () => {
    const before = (await suggestion()).lines.find((l) => l.ingredientId === 'pearls')!
    const template = all.find((o) => o.lines.some((l) => l.skuId === 'pearl-milk-tea-l' && l.options.length === 2))!
    const plan: Order = {
      ...template,
      id: 'plan-2026-11-23',
      channel: 'subscription',
      externalId: 'plan-2026-11-23',
      businessDay: '2026-11-23',
      refunds: {},
      fulfilment: 'submitted',
      timestamps: { ...template.timestamps, createdAt: NOW - HOUR, doneAt: null, updatedAt: NOW - HOUR },
    }
    await t.services.ingestor.submit({ kind: 'order.upsert', storeId: 'tea-01', order: plan, at: NOW })
    const after = (await suggestion()).lines.find((l) => l.ingredientId === 'pearls')!
    expect(after.knownUse).toBe(before.knownUse + pearlsOf(plan))
  })

  it('takes stock counts from staff and refuses unknown ingredients', async () => {
    const staff = await t.staffToken('tea-01', '1111')
    const r = await t.json(
      'PUT',
      '/api/stores/tea-01/stock',
      { counts: [{ ingredientId: 'pearls', quantity: 20000 }] },
      staff,
    )
    expect(r.status).toBe(200)
    const stock = StockResponse.parse(r.body)
    expect(stock.items.find((i) => i.ingredientId === 'pearls')).toMatchObject({
      quantity: 20000,
      countedAt: NOW,
      countedBy: '小李',
    })
    const pearls = (await suggestion()).lines.find((l) => l.ingredientId === 'pearls')!
    expect([pearls.usedSinceCount, pearls.packs]).toEqual([0, 0])
    expect(pearls.stockOutHour).toBeNull()
    const bad = await t.json(
      'PUT',
      '/api/stores/tea-01/stock',
      { counts: [{ ingredientId: 'gold', quantity: 1 }] },
      staff,
    )
    expect(bad.status).toBe(422)
    expect(bad.body.error.unknown).toEqual(['gold'])
    expect(
      (await t.json('PUT', '/api/stores/tea-01/stock', { counts: [{ ingredientId: 'pearls', quantity: -1 }] }, staff))
        .status,
    ).toBe(400)
    expect((await t.json('PUT', '/api/stores/tea-01/stock', { counts: [] }, staff)).status).toBe(400)
    expect((await t.json('GET', '/api/stores/tea-01/purchasing', undefined, staff)).status).toBe(403)
  })

  it('lets the owner replace the recipes, checking every line names an ingredient', async () => {
    const bad = { ...recipes, options: { pearl: [{ ingredientId: 'nope', quantity: 50 }] } }
    expect((await t.json('PUT', '/api/stores/tea-01/recipes', bad, owner)).status).toBe(400)
    const more = { ...recipes, options: { ...recipes.options, pearl: [{ ingredientId: 'pearls', quantity: 70 }] } }
    const r = await t.json('PUT', '/api/stores/tea-01/recipes', more, owner)
    expect(r.status).toBe(200)
    expect(r.body.options.pearl).toEqual([{ ingredientId: 'pearls', quantity: 70 }])
    expect((await t.json('GET', '/api/stores/tea-01/purchasing?day=2026-02-30', undefined, owner)).status).toBe(400)
  })
})
