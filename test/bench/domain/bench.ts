/**
 * Domain benchmarks: best promotion combination, booking slots and allocation, order merge throughput and
 * daily sales. Run with `npx tsx test/bench/domain/bench.ts`; `BENCH_SMOKE=1` shrinks it to seconds.
 */
import {
  allocate,
  applyOrderEvent,
  availableSlots,
  type Booking,
  type BookingDay,
  type BookingPolicy,
  bestPromotions,
  createOrder,
  dailySales,
  mergeOrders,
  type Order,
  type OrderEvent,
  type OrderLine,
  type Promotion,
  type PromotionContext,
  type PromotionLine,
  type Resource,
  type Service,
} from '@xiaodian/domain'
import { availableParallelism, loadavg } from 'node:os'
import { performance } from 'node:perf_hooks'
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

  // Adversarial sets that defeat weak bounds: fifteen overlapping per-unit discounts, fifteen 第N件 offers.
  const overlapping: Promotion[] = Array.from({ length: 15 }, (_, i) => ({
    id: `pct-${String(i).padStart(2, '0')}`,
    name: `折扣${i}`,
    rule: { kind: 'item_percent', percentOff: 5 + i },
    ...(i % 2 === 0 ? {} : { scope: { categoryIds: [CATEGORIES[i % CATEGORIES.length] as string] } }),
    stackable: true,
  }))
  const nth: Promotion[] = Array.from({ length: 15 }, (_, i) => ({
    id: `nth-${String(i).padStart(2, '0')}`,
    name: `第${2 + (i % 3)}件优惠${i}`,
    rule: { kind: 'nth_item', n: 2 + (i % 3), percentOff: 20 + i * 5 },
    ...(i % 2 === 0 ? {} : { scope: { categoryIds: [CATEGORIES[i % CATEGORIES.length] as string] } }),
    stackable: true,
  }))
  const hard = await timeRuns(
    size(1000, 50),
    (i) => bestPromotions(carts[i % carts.length] as PromotionLine[], i % 2 ? overlapping : nth, ctx),
    size(200, 10),
  )
  record({
    bench: 'domain',
    metric: 'best promotions p99, adversarial (15 overlapping per-unit or 15 第N件)',
    value: percentile(hard, 99),
    unit: 'ms',
  })
}

const H = 3_600_000
const M = 60_000
const DAY0 = Date.UTC(2026, 10, 25, 0) // 08:00 in Shanghai

/** 12 bays (4 with a lift) open 08:00–24:00 holding 300 bookings of 20–30 minutes. */
function busyDay(rand: () => number): BookingDay {
  const resources: Resource[] = Array.from({ length: 12 }, (_, i) => ({
    id: `bay-${String(i).padStart(2, '0')}`,
    name: `${i + 1}号位`,
    capabilities: i < 4 ? ['lift'] : [],
  }))
  const open = [{ start: DAY0, end: DAY0 + 16 * H }]
  const bookings: Booking[] = []
  const free = resources.map(() => DAY0)
  for (let i = 0, misses = 0; bookings.length < 300 && misses < 12; i = (i + 1) % 12) {
    const start = (free[i] as number) + ([0, 0, 0, 30, 40][Math.floor(rand() * 5)] as number) * M
    const end = start + ([20, 20, 30][Math.floor(rand() * 3)] as number) * M
    if (end > DAY0 + 16 * H) {
      misses++
      continue
    }
    misses = 0
    free[i] = end
    const bay = resources[i] as Resource
    bookings.push({
      id: `bk-${bookings.length}`,
      resourceId: bay.id,
      serviceId: 'wash',
      start,
      end,
      status: 'confirmed',
      holdExpiresAt: null,
    })
  }
  return { open, resources, bookings }
}

async function benchBooking(): Promise<void> {
  const rand = rng(7)
  const day = busyDay(rand)
  const wash: Service = { id: 'wash', name: '普洗', durationMin: 20, bufferMin: 10, requires: [], slotIntervalMin: 10 }
  const policy: BookingPolicy = { minNoticeMin: 30, windowDays: 14, shortestServiceMin: 30 }
  const now = DAY0 - 24 * H
  const slotSamples = await timeRuns(size(2000, 100), () => availableSlots(day, wash, { now, policy }))
  const slotsP99 = percentile(slotSamples, 99)
  const offered = availableSlots(day, wash, { now, policy })
  record({
    bench: 'domain',
    metric: `available slots p99 (12 bays, ${day.bookings.length} bookings, ${offered.length} slots offered)`,
    value: slotsP99,
    unit: 'ms',
    goal: '≤ 1 ms',
    ok: slotsP99 <= 1,
  })
  const allocSamples = await timeRuns(size(2000, 100), (i) =>
    allocate({
      bookingId: `new-${i}`,
      day,
      service: wash,
      start: (offered[i % offered.length] as { start: number }).start,
      now,
      policy,
    }),
  )
  const allocP99 = percentile(allocSamples, 99)
  record({
    bench: 'domain',
    metric: 'one allocation p99',
    value: allocP99,
    unit: 'ms',
    goal: '≤ 1 ms',
    ok: allocP99 <= 1,
  })
}

function sampleLines(rand: () => number, n: number): OrderLine[] {
  return Array.from({ length: n }, (_, i) => {
    const item = Math.floor(rand() * 20)
    const qty = 1 + Math.floor(rand() * 3)
    const unit = 900 + item * 50
    const pearls = rand() < 0.4
    const discount = rand() < 0.5 ? Math.floor(rand() * 300) : 0
    return {
      id: `l${i}`,
      itemId: `item-${item}`,
      itemName: `饮品${item}`,
      categoryId: CATEGORIES[item % CATEGORIES.length] as string,
      skuId: `sku-${item}`,
      skuName: '中杯',
      options: [
        { groupId: 'sugar', optionId: rand() < 0.5 ? 'sugar-half' : 'sugar-full', name: '糖', priceDeltaFen: 0 },
        ...(pearls ? [{ groupId: 'toppings', optionId: 'pearls', name: '珍珠', priceDeltaFen: 200 }] : []),
      ],
      unitPriceFen: unit,
      quantity: qty,
      subtotalFen: unit * qty,
      discounts: discount > 0 ? [{ promotionId: 'mj', amountFen: discount }] : [],
      totalFen: unit * qty - discount,
    }
  })
}

function must(order: Order, event: OrderEvent): Order {
  const r = applyOrderEvent(order, event)
  return r.ok ? r.value : order
}

/** Pairs of replicas of one order that diverged on two tablets. */
function replicaPairs(rand: () => number, n: number): [Order, Order][] {
  return Array.from({ length: n }, (_, i) => {
    const base = createOrder({
      id: `o${i}`,
      storeId: 's1',
      channel: 'pos',
      businessDay: '2026-11-25',
      fulfilmentType: 'pickup',
      pickupNumber: 100 + i,
      lines: sampleLines(rand, 3),
      at: DAY0,
      by: 'bff',
    })
    let a = must(base, {
      type: 'payment_received',
      at: DAY0 + 1,
      by: 't1',
      payment: { id: `wx${i}`, amountFen: 5000, method: 'wechat', at: DAY0 + 1 },
    })
    let b = must(base, { type: 'accepted', at: DAY0 + 2, by: 't2' })
    if (rand() < 0.5) a = must(a, { type: 'note_set', at: DAY0 + 3, by: 't1', notes: '少冰' })
    if (rand() < 0.5) b = must(b, { type: 'making_started', at: DAY0 + 4, by: 't2' })
    if (rand() < 0.3)
      a = must(a, {
        type: 'refunded',
        at: DAY0 + 5,
        by: 't1',
        refund: { id: `r${i}`, amountFen: 500, at: DAY0 + 5, reason: '', lines: {} },
      })
    return [a, b]
  })
}

function mergesPerSecond(pairs: readonly [Order, Order][], n: number): number {
  let sink = 0
  for (let i = 0; i < 20_000; i++) {
    const [a, b] = pairs[i % pairs.length] as [Order, Order]
    sink += mergeOrders(a, b).timestamps.updatedAt
  }
  const t0 = performance.now()
  for (let i = 0; i < n; i++) {
    const [a, b] = pairs[i % pairs.length] as [Order, Order]
    sink += mergeOrders(i & 1 ? a : b, i & 1 ? b : a).timestamps.updatedAt
  }
  const perSecond = n / ((performance.now() - t0) / 1000)
  return sink > 0 ? perSecond : 0
}

function benchMerge(): void {
  const pairs = replicaPairs(rng(11), 1000)
  const n = size(400_000, 20_000)
  // As the RxDB conflict handler sees them: both sides parsed from storage, so no shared objects.
  const parsed = pairs.map(([a, b]) => [JSON.parse(JSON.stringify(a)), JSON.parse(JSON.stringify(b))] as [Order, Order])
  const cold = mergesPerSecond(parsed, n)
  record({
    bench: 'domain',
    metric: 'order merges per second (replicas parsed from JSON)',
    value: cold,
    unit: 'merges/s',
    goal: '≥ 200,000',
    ok: cold >= 200_000,
  })
  const warm = mergesPerSecond(pairs, n)
  record({
    bench: 'domain',
    metric: 'order merges per second (in-memory replicas sharing structure)',
    value: warm,
    unit: 'merges/s',
    goal: '≥ 200,000',
    ok: warm >= 200_000,
  })
}

/** 5,000 orders across channels and hours of one business day, some refunded or cancelled. */
function dayOfOrders(rand: () => number, n: number): Order[] {
  const channels = ['meituan', 'miniprogram', 'pos', 'group'] as const
  return Array.from({ length: n }, (_, i) => {
    const at = DAY0 + Math.floor(rand() * 16 * H)
    let o = createOrder({
      id: `o${i}`,
      storeId: 's1',
      channel: channels[i % channels.length] as (typeof channels)[number],
      businessDay: '2026-11-25',
      fulfilmentType: 'pickup',
      lines: sampleLines(rand, 1 + Math.floor(rand() * 4)),
      promotions: rand() < 0.6 ? [{ promotionId: 'mj', name: '满30减5', savingFen: 500 }] : [],
      at,
      by: 'bff',
    })
    o = must(o, {
      type: 'payment_received',
      at,
      by: 'wx',
      payment: { id: `p${i}`, amountFen: o.amounts.totalFen, method: 'wechat', at },
    })
    if (rand() < 0.05)
      o = must(o, {
        type: 'refunded',
        at: at + H,
        by: 'wx',
        refund: { id: `r${i}`, amountFen: 300, at: at + H, reason: '', lines: {} },
      })
    if (rand() < 0.03) o = must(o, { type: 'cancelled', at: at + M, by: 't1', reason: '顾客取消' })
    return o
  })
}

async function benchDailySales(): Promise<void> {
  const orders = dayOfOrders(rng(5), 5000)
  // 200 samples so the p99 is not simply the slowest run.
  const samples = await timeRuns(
    size(200, 5),
    () => dailySales({ orders, day: '2026-11-25', timeZone: 'Asia/Shanghai', cutoffMinutes: 240 }),
    size(10, 2),
  )
  const p99 = percentile(samples, 99)
  record({
    bench: 'domain',
    metric: 'daily sales p99 (5,000 orders)',
    value: p99,
    unit: 'ms',
    goal: '≤ 50 ms',
    ok: p99 <= 50,
  })
  record({ bench: 'domain', metric: 'daily sales p50', value: percentile(samples, 50), unit: 'ms' })
}

// Tail latencies on a shared machine say as much about the neighbours as about the code: print the load.
const cores = availableParallelism()
const loadBefore = loadavg()[0] ?? 0
await benchPromotions()
await benchBooking()
benchMerge()
await benchDailySales()
record({
  bench: 'domain',
  metric: `load average per core (${cores} cores), start → end`,
  value: loadBefore / cores,
  unit: `→ ${((loadavg()[0] ?? 0) / cores).toFixed(2)}`,
})
summary()
