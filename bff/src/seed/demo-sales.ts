import {
  addDays,
  applyOrderEvent,
  businessDayOf,
  businessDayRange,
  type CartLine,
  createOrder,
  findItem,
  localTime,
  type Menu,
  type Order,
  type OrderEvent,
  type Promotion,
  priceCart,
  zonedTimeToEpoch,
} from '@xiaodian/domain'
import type { Catalog } from '../catalog/demo-catalog'
import type { ChannelCommand } from '../ingest/command'
import { orderIdFor } from '../ingest/fold'
import { cutoffMinutes } from '../reports/sales-reports'
import type { Services } from '../services'
import { DEMO_SHAPES, type ShopShape, type Weighted } from './demo-shape'

/** How much to seed. */
export interface SeedOptions {
  /** Full business days before today (today is seeded up to `now`). */
  readonly days?: number
  /** Multiplies every shop's daily volume (tests use less, benchmarks more). */
  readonly scale?: number
  /** PRNG seed: the same seed and clock give the same month. */
  readonly seed?: number
  /** Only these stores (default: every demo store with a demo shape). */
  readonly storeIds?: readonly string[]
  /** Live trouble for today's needs-attention list (default true). */
  readonly attention?: boolean
}

/** What a seeding run did. */
export interface SeedResult {
  readonly stores: string[]
  readonly orders: number
  readonly commands: number
  readonly ms: number
}

/** A small deterministic PRNG (mulberry32), so a seed always gives the same month. */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function pick<T>(rnd: () => number, choices: Weighted<T>): T {
  let total = 0
  for (const [, w] of choices) total += w
  let r = rnd() * total
  for (const [v, w] of choices) {
    r -= w
    if (r < 0) return v
  }
  return (choices.at(-1) as readonly [T, number])[0]
}

/**
 * Seeds `days` days of sales (and today up to now) for each demo store that has no orders yet, through
 * the one ingest path: own orders as `order.upsert` of domain orders priced by the domain, Meituan orders
 * likewise, WeChat Pay notifications as `payment.succeeded`, refunds as `refund` commands. Commands are
 * submitted together so the ingestor writes them in large batches.
 */
export async function seedDemoSales(s: Services, opts: SeedOptions = {}): Promise<SeedResult> {
  const t0 = performance.now()
  const rnd = prng(opts.seed ?? 20261122)
  const now = s.now()
  const stores: string[] = []
  const commands: ChannelCommand[] = []
  let orders = 0
  for (const store of s.stores.list()) {
    const shape = DEMO_SHAPES[store.id]
    if (!shape || (opts.storeIds && !opts.storeIds.includes(store.id))) continue
    const has = await s.db.query('select 1 from orders where store_id = $1 limit 1', [store.id])
    const catalog = await s.catalogs.get(store.id)
    if (has.length > 0 || !catalog) continue
    stores.push(store.id)
    const month = new ShopMonth(store.id, store.timeZone, cutoffMinutes(store.businessDayCutoff), catalog, shape, rnd)
    const today = businessDayOf(now, store.timeZone, cutoffMinutes(store.businessDayCutoff))
    for (let k = opts.days ?? 30; k >= 0; k--) {
      orders += month.day(addDays(today, -k), now, opts.scale ?? 1, commands)
    }
    if (opts.attention ?? true) month.trouble(now, commands)
  }
  await Promise.all(commands.map((c) => s.ingestor.submit(c)))
  return { stores, orders, commands: commands.length, ms: Math.round(performance.now() - t0) }
}

/** One shop's generated month. */
class ShopMonth {
  readonly #customers = new Set<string>()
  #n = 0

  constructor(
    readonly storeId: string,
    readonly timeZone: string,
    readonly cutoffMinutes: number,
    readonly catalog: Catalog,
    readonly shape: ShopShape,
    readonly rnd: () => number,
  ) {}

  /** Appends one business day's commands (orders placed before `now` only); returns the order count. */
  day(day: string, now: number, scale: number, out: ChannelCommand[]): number {
    const { start } = businessDayRange(day, this.timeZone, this.cutoffMinutes)
    const weekday = localTime(start, this.timeZone).weekday
    const weekend = weekday === 0 || weekday === 6
    const mean = (weekend ? this.shape.weekendOrders : this.shape.weekdayOrders) * scale
    const count = Math.max(0, Math.round(mean * (0.85 + this.rnd() * 0.3)))
    const hours = Object.entries(this.shape.hours).map(([h, w]) => [Number(h), w] as const)
    let placed = 0
    for (let i = 0; i < count; i++) {
      const hour = pick(this.rnd, hours)
      const at =
        zonedTimeToEpoch(day, hour * 60 + Math.floor(this.rnd() * 60), this.timeZone) + Math.floor(this.rnd() * 60_000)
      if (at > now) continue
      if (this.#order(day, at, now, out)) placed++
    }
    return placed
  }

  #order(day: string, at: number, now: number, out: ChannelCommand[], force?: Partial<OrderPlan>): Order | null {
    const channel = force?.channel ?? pick(this.rnd, this.shape.channels)
    const lines = this.#cart()
    const local = localTime(at, this.timeZone)
    let customerId: string | null = null
    let isNew = false
    if (channel === 'miniprogram') {
      customerId = `o-demo-${this.storeId}-${Math.floor(this.rnd() * 400)}`
      isNew = !this.#customers.has(customerId)
      this.#customers.add(customerId)
    }
    const priced = priceCart(
      this.catalog.menu,
      { lines, feesFen: channel === 'meituan' ? this.shape.meituanFeesFen : 0 },
      this.catalog.promotions as Promotion[],
      {
        now: at,
        channel,
        minuteOfDay: local.minuteOfDay,
        weekday: local.weekday,
        customer: { isNew, couponIds: [], usage: {} },
      },
    )
    // An item outside its hours (鸡蛋仔 before 10:00) is simply not ordered.
    if (!priced.ok) return null
    this.#n++
    const serial = String(this.#n).padStart(5, '0')
    const externalId = channel === 'meituan' ? `27${String(Math.floor(at / 1000))}${serial}` : null
    const id =
      channel === 'meituan'
        ? orderIdFor('meituan', externalId as string)
        : `${this.storeId}-${day.replaceAll('-', '')}-${serial}`
    let order = createOrder({
      id,
      storeId: this.storeId,
      channel,
      externalId: externalId ?? id,
      businessDay: day,
      fulfilmentType: channel === 'meituan' ? 'delivery' : 'pickup',
      pickupNumber: this.#n % 999,
      customer: { id: customerId, name: null, phoneMasked: null },
      lines: priced.value.lines,
      promotions: priced.value.promotions.map((p) => ({
        promotionId: p.promotionId,
        name: p.name,
        savingFen: p.savingFen,
      })),
      feesFen: priced.value.amounts.feesFen,
      at,
      by: channel === 'pos' ? 'staff:demo' : channel,
    })
    const total = order.amounts.totalFen
    const by = 'seed'
    const step = (e: OrderEvent) => {
      const r = applyOrderEvent(order, e)
      if (r.ok) order = r.value
    }
    // Money first: the counter and Meituan collect with the order; WeChat Pay tells us by notification.
    if (channel !== 'miniprogram') {
      const method = channel === 'meituan' ? 'meituan' : this.rnd() < 0.7 ? 'qr' : 'cash'
      step({ type: 'payment_received', at, by, payment: { id: `${method}:${id}`, amountFen: total, method, at } })
    }
    const cancel = force?.cancel ?? (channel === 'meituan' && this.rnd() < this.shape.cancelRate)
    const stages: [OrderEvent['type'], number][] = [
      ['accepted', 40_000 + this.rnd() * 120_000],
      ['making_started', 60_000 + this.rnd() * 60_000],
      ['ready', 120_000 + this.rnd() * 300_000],
      ['done', 60_000 + this.rnd() * 900_000],
    ]
    let t = at
    for (const [type, gap] of force?.stages ?? (cancel ? [] : stages)) {
      t += Math.round(gap)
      if (t > now) break
      step({ type, at: t, by } as OrderEvent)
    }
    if (cancel) step({ type: 'cancelled', at: at + 90_000, by: 'meituan', reason: '用户取消' })
    out.push({ kind: 'order.upsert', storeId: this.storeId, order, at })
    if (channel === 'miniprogram' && !force?.unpaid) {
      const paidAt = at + 15_000 + Math.floor(this.rnd() * 30_000)
      out.push({
        kind: 'payment.succeeded',
        storeId: this.storeId,
        provider: 'wechatpay',
        notificationId: `seed-${id}`,
        outTradeNo: id,
        transactionId: `42000${String(paidAt).slice(-12)}${String(this.#n).padStart(11, '0')}`,
        amountFen: total,
        payerTotalFen: total,
        at: paidAt,
      })
    }
    if (!cancel && this.rnd() < this.shape.refundRate && !force) this.#refund(order, now, out)
    return order
  }

  /** A refund an hour or so later: Meituan agrees a full refund; WeChat Pay refunds one line or all. */
  #refund(order: Order, now: number, out: ChannelCommand[]): void {
    const at = order.timestamps.createdAt + 30 * 60_000 + Math.floor(this.rnd() * 4 * 3_600_000)
    if (at > now) return
    const refundId = `r${order.id.slice(-10)}`
    if (order.channel === 'meituan') {
      out.push({
        kind: 'refund',
        storeId: this.storeId,
        channel: 'meituan',
        externalId: order.externalId as string,
        refundId,
        state: 'agreed',
        full: true,
        reason: '商品洒了',
        at,
      })
    } else if (order.channel === 'miniprogram') {
      const line = order.lines[0]
      const full = order.lines.length === 1 || this.rnd() < 0.5
      out.push({
        kind: 'refund',
        storeId: this.storeId,
        channel: 'wechatpay',
        externalId: order.id,
        refundId: `50300${refundId}`,
        state: 'succeeded',
        amountFen: full ? order.amounts.totalFen : (line?.totalFen ?? 0),
        full,
        reason: full ? '顾客取消' : '少做一杯',
        at,
      })
    }
  }

  #cart(): CartLine[] {
    const n = pick(this.rnd, this.shape.linesPerOrder)
    const lines: CartLine[] = []
    for (let i = 0; i < n; i++) {
      const itemId = pick(this.rnd, this.shape.items)
      const skus = this.shape.skus[itemId]
      const options: Record<string, string[]> = {}
      for (const group of optionGroupsOf(this.catalog.menu, itemId)) {
        const single = this.shape.single[group]
        const multi = this.shape.multi[group]
        if (single) options[group] = [pick(this.rnd, single)]
        else if (multi) options[group] = Object.entries(multi).flatMap(([o, p]) => (this.rnd() < p ? [o] : []))
      }
      lines.push({
        id: `l${i + 1}`,
        selection: {
          itemId,
          quantity: this.rnd() < 0.12 ? 2 : 1,
          ...(skus ? { skuId: pick(this.rnd, skus) } : {}),
          options,
        },
      })
    }
    return lines
  }

  /** Today's live trouble, so the needs-attention list has something to show. */
  trouble(now: number, out: ChannelCommand[]): void {
    const day = businessDayOf(now, this.timeZone, this.cutoffMinutes)
    if (this.shape.channels.some(([c]) => c === 'meituan')) {
      // A Meituan order nobody accepted for nine minutes.
      this.#order(day, now - 9 * 60_000, now, out, { channel: 'meituan', stages: [] })
      // A Meituan customer asking for a refund, waiting for the shop's answer.
      const asked = this.#order(day, now - 70 * 60_000, now, out, { channel: 'meituan' })
      if (asked?.externalId) {
        out.push({
          kind: 'refund',
          storeId: this.storeId,
          channel: 'meituan',
          externalId: asked.externalId,
          refundId: `req-${asked.id.slice(-8)}`,
          state: 'requested',
          full: true,
          reason: '送达太慢,奶茶凉了',
          at: now - 12 * 60_000,
        })
      }
    }
    // Paid in the mini-program 47 minutes ago and still being made.
    this.#order(day, now - 47 * 60_000, now, out, {
      channel: 'miniprogram',
      stages: [
        ['accepted', 60_000],
        ['making_started', 60_000],
      ],
    })
    // A WeChat Pay notification for an order that never reached the shop.
    out.push({
      kind: 'payment.succeeded',
      storeId: this.storeId,
      provider: 'wechatpay',
      notificationId: `seed-orphan-${this.storeId}`,
      outTradeNo: `${this.storeId}-lost-${String(now).slice(-6)}`,
      transactionId: `4200009${String(now).slice(-12)}00000000`,
      amountFen: 2800,
      payerTotalFen: 2800,
      at: now - 6 * 60_000,
    })
  }
}

interface OrderPlan {
  channel: 'meituan' | 'miniprogram' | 'pos'
  stages: [OrderEvent['type'], number][]
  cancel: boolean
  unpaid: boolean
}

function optionGroupsOf(menu: Menu, itemId: string): string[] {
  return findItem(menu, itemId)?.item.optionGroups.map((g) => g.id) ?? []
}
