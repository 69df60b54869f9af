/**
 * Domain benchmarks: best promotion combination, booking slots and allocation, order merge throughput and
 * daily sales. Run with `npx tsx test/bench/domain/bench.ts`; `BENCH_SMOKE=1` shrinks it to seconds.
 */
import { bestPromotions, type Promotion, type PromotionContext, type PromotionLine } from '@xiaodian/domain'
import { percentile, record, size, summary, timeRuns } from '../lib'

// A deterministic pseudo-random source so every run measures the same inputs.
function rng(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

const CATEGORIES = ['milk-tea', 'fruit-tea', 'coffee', 'snack']

function cartLines(rand: () => number, n: number): PromotionLine[] {
  return Array.from({ length: n }, (_, i) => {
    const item = Math.floor(rand() * 20)
    return {
      id: `line-${i}`,
      itemId: `item-${item}`,
      categoryId: CATEGORIES[item % CATEGORIES.length] as string,
      skuId: `sku-${item}-${Math.floor(rand() * 2)}`,
      unitPriceFen: 800 + Math.floor(rand() * 25) * 100,
      quantity: 1 + Math.floor(rand() * 3),
    }
  })
}

/** Fifteen promotions of every kind, as a busy shop might run them at once. */
function shopPromotions(): Promotion[] {
  return [
    {
      id: 'mj',
      name: '满30减5/满50减12/满100减30',
      rule: {
        kind: 'threshold',
        tiers: [
          { minFen: 3000, offFen: 500 },
          { minFen: 5000, offFen: 1200 },
          { minFen: 10000, offFen: 3000 },
        ],
      },
      stackable: true,
    },
    {
      id: 'mj-tea',
      name: '奶茶满60减10',
      rule: { kind: 'threshold', tiers: [{ minFen: 6000, offFen: 1000 }] },
      scope: { categoryIds: ['milk-tea'] },
      stackable: true,
    },
    {
      id: 'half2',
      name: '第二杯半价',
      rule: { kind: 'nth_item', n: 2, percentOff: 50 },
      scope: { categoryIds: ['milk-tea'] },
      stackable: true,
    },
    {
      id: 'b2g1',
      name: '果茶买二送一',
      rule: { kind: 'buy_x_get_y', buy: 2, get: 1 },
      scope: { categoryIds: ['fruit-tea'] },
      stackable: true,
      perOrderLimit: 2,
    },
    {
      id: 'third',
      name: '第三杯1元',
      rule: { kind: 'nth_item', n: 3, priceFen: 100 },
      scope: { categoryIds: ['coffee'] },
      stackable: true,
    },
    {
      id: 'pct-coffee',
      name: '咖啡8折',
      rule: { kind: 'item_percent', percentOff: 20 },
      scope: { categoryIds: ['coffee'] },
      stackable: true,
    },
    {
      id: 'pct-all',
      name: '会员9折',
      rule: { kind: 'item_percent', percentOff: 10 },
      stackable: true,
      exclusivityGroup: 'member',
    },
    {
      id: 'amt-snack',
      name: '小食立减2元',
      rule: { kind: 'item_amount', offFen: 200 },
      scope: { categoryIds: ['snack'] },
      stackable: true,
    },
    {
      id: 'special',
      name: '招牌特价9.9',
      rule: { kind: 'item_price', priceFen: 990 },
      scope: { itemIds: ['item-0', 'item-4'] },
      stackable: true,
      perOrderLimit: 3,
    },
    {
      id: 'happy',
      name: '下午茶7.5折',
      rule: { kind: 'item_percent', percentOff: 25 },
      scope: { categoryIds: ['milk-tea', 'fruit-tea'] },
      conditions: { windows: [{ fromMinute: 14 * 60, toMinute: 17 * 60 }] },
      stackable: true,
      exclusivityGroup: 'member',
    },
    {
      id: 'new',
      name: '新客立减8元',
      rule: { kind: 'threshold', tiers: [{ minFen: 0, offFen: 800 }] },
      conditions: { newCustomerOnly: true },
      stackable: true,
    },
    {
      id: 'coupon-10',
      name: '满80减10券',
      rule: { kind: 'threshold', tiers: [{ minFen: 8000, offFen: 1000 }] },
      conditions: { couponId: 'c10' },
      stackable: true,
      exclusivityGroup: 'coupon',
    },
    {
      id: 'coupon-pct',
      name: '95折券',
      rule: { kind: 'order_percent', percentOff: 5, maxOffFen: 2000 },
      conditions: { couponId: 'c95' },
      stackable: true,
      exclusivityGroup: 'coupon',
    },
    { id: 'mz', name: '满200打88折', rule: { kind: 'order_percent', percentOff: 12, minFen: 20000 }, stackable: true },
    {
      id: 'solo',
      name: '周三全场7折(不同享)',
      rule: { kind: 'item_percent', percentOff: 30 },
      conditions: { channels: ['miniprogram', 'pos'] },
      stackable: false,
    },
  ]
}

async function benchPromotions(): Promise<void> {
  const rand = rng(42)
  const promos = shopPromotions()
  const ctx: PromotionContext = {
    now: Date.UTC(2026, 10, 25, 7),
    channel: 'miniprogram',
    minuteOfDay: 15 * 60,
    weekday: 3,
    customer: { isNew: true, couponIds: ['c10', 'c95'], usage: {} },
  }
  const carts = Array.from({ length: 64 }, () => cartLines(rand, 30))
  const samples = await timeRuns(
    size(2000, 100),
    (i) => bestPromotions(carts[i % carts.length] as PromotionLine[], promos, ctx),
    size(500, 20),
  )
  const p99 = percentile(samples, 99)
  record({
    bench: 'domain',
    metric: 'best promotions p99 (30 lines × 15 promotions)',
    value: p99,
    unit: 'ms',
    goal: '≤ 2 ms',
    ok: p99 <= 2,
  })
  record({ bench: 'domain', metric: 'best promotions p50', value: percentile(samples, 50), unit: 'ms' })
  record({ bench: 'domain', metric: 'best promotions p95', value: percentile(samples, 95), unit: 'ms' })
}

if (process.env.BENCH_PER_CART === '1') {
  const { performance } = await import('node:perf_hooks')
  const rand = rng(42)
  const promos = shopPromotions()
  const ctx: PromotionContext = {
    now: Date.UTC(2026, 10, 25, 7),
    channel: 'miniprogram',
    minuteOfDay: 15 * 60,
    weekday: 3,
    customer: { isNew: true, couponIds: ['c10', 'c95'], usage: {} },
  }
  const carts = Array.from({ length: 64 }, () => cartLines(rand, 30))
  for (let r = 0; r < 20; r++) for (const c of carts) bestPromotions(c, promos, ctx)
  const times = carts.map((c) => {
    let m = 1e9
    for (let r = 0; r < 10; r++) {
      const t = performance.now()
      bestPromotions(c, promos, ctx)
      m = Math.min(m, performance.now() - t)
    }
    return m
  })
  console.log(times.map((t) => t.toFixed(2)).join(' '))
}
await benchPromotions()
summary()
