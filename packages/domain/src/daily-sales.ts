import type { Fen } from './money'
import type { Channel, Order, PaymentRecord, RefundRecord } from './order'
import { businessDayRange, localTime, zoneOffsetMs } from './zoned-time'

/** Passes sold and redeemed, for the prepaid-liability line of the report. */
export interface PassActivity {
  readonly sold: readonly { readonly at: number; readonly planId: string; readonly priceFen: Fen }[]
  readonly redeemed: readonly { readonly at: number; readonly planId: string; readonly valueFen: Fen }[]
}

/** What to report on. */
export interface DailySalesInput {
  /** Orders created on the day, plus any older orders refunded on the day. */
  readonly orders: readonly Order[]
  /** The business day, `YYYY-MM-DD`. */
  readonly day: string
  readonly timeZone: string
  /** Business-day cutoff in minutes after local midnight (240 = 04:00). */
  readonly cutoffMinutes: number
  readonly passes?: PassActivity
}

/** Money figures shared by the totals and each breakdown. */
export interface SalesFigures {
  readonly orders: number
  readonly grossFen: Fen
  readonly discountFen: Fen
  readonly refundFen: Fen
  readonly netFen: Fen
}

/** One item's sales. */
export interface ItemSales {
  readonly itemId: string
  readonly name: string
  readonly quantity: number
  readonly grossFen: Fen
  readonly netFen: Fen
}

/** How many units carried one option (how many cups had pearls). */
export interface OptionSales {
  readonly groupId: string
  readonly optionId: string
  readonly name: string
  readonly quantity: number
}

/** One promotion's use: orders it applied to, share of orders, and what it cost the shop. */
export interface PromotionSales {
  readonly promotionId: string
  readonly name: string
  readonly orders: number
  readonly rate: number
  readonly costFen: Fen
}

/** The day's report. */
export interface DailySales extends SalesFigures {
  readonly day: string
  /** (gross − discounts) / orders, rounded to the fen. */
  readonly averageTicketFen: Fen
  readonly feesFen: Fen
  readonly cancelledOrders: number
  readonly byChannel: Readonly<Partial<Record<Channel, SalesFigures>>>
  readonly byItem: readonly ItemSales[]
  readonly byOption: readonly OptionSales[]
  /** 24 buckets by local hour of order creation. */
  readonly byHour: readonly SalesFigures[]
  readonly promotions: readonly PromotionSales[]
  /** Money received during the day by payment method, for reconciling with the provider's bill. */
  readonly payments: {
    readonly count: number
    readonly amountFen: Fen
    readonly byMethod: Readonly<Record<string, { readonly count: number; readonly amountFen: Fen }>>
  }
  readonly passes: {
    readonly soldCount: number
    readonly soldFen: Fen
    readonly redeemedCount: number
    readonly redeemedValueFen: Fen
  }
}

interface Acc {
  orders: number
  grossFen: number
  discountFen: number
  refundFen: number
}

const acc = (): Acc => ({ orders: 0, grossFen: 0, discountFen: 0, refundFen: 0 })
const done = (a: Acc): SalesFigures => ({ ...a, netFen: a.grossFen - a.discountFen - a.refundFen })

/**
 * The owner's daily report ([SAL-1]–[SAL-6]). An order counts on the business day it was created unless it
 * was cancelled; gross is the line subtotal before discounts (fees apart); refunds count on the day they
 * were made, for orders that were not cancelled; net = gross − discounts − refunds.
 */
export function dailySales(input: DailySalesInput): DailySales {
  const { start, end } = businessDayRange(input.day, input.timeZone, input.cutoffMinutes)
  const offStart = zoneOffsetMs(start, input.timeZone)
  const fixedOffset = offStart === zoneOffsetMs(end - 1, input.timeZone) ? offStart : null
  const hourOf = (t: number) =>
    fixedOffset !== null
      ? Math.floor((((t + fixedOffset) % 86_400_000) + 86_400_000) / 3_600_000) % 24
      : localTime(t, input.timeZone).hour
  const total = acc()
  let fees = 0
  let cancelled = 0
  const channels = new Map<Channel, Acc>()
  const hours = Array.from({ length: 24 }, acc)
  const items = new Map<string, { itemId: string; name: string; quantity: number; grossFen: number; netFen: number }>()
  const options = new Map<string, Map<string, { groupId: string; optionId: string; name: string; quantity: number }>>()
  const promos = new Map<string, { promotionId: string; name: string; orders: number; costFen: number }>()
  const received = { count: 0, amountFen: 0 }
  const byMethod: Record<string, { count: number; amountFen: number }> = {}
  for (const o of input.orders) {
    for (const k in o.payments) {
      const p = o.payments[k] as PaymentRecord
      if (p.at < start || p.at >= end) continue
      received.count++
      received.amountFen += p.amountFen
      const m = byMethod[p.method] ?? { count: 0, amountFen: 0 }
      m.count++
      m.amountFen += p.amountFen
      byMethod[p.method] = m
    }
    const created = o.timestamps.createdAt
    const onDay = created >= start && created < end
    if (o.fulfilment === 'cancelled') {
      if (onDay) cancelled++
      continue
    }
    let ch = channels.get(o.channel)
    if (ch === undefined) {
      ch = acc()
      channels.set(o.channel, ch)
    }
    const hour = hours[hourOf(created)] as Acc
    if (onDay) {
      const g = o.amounts.subtotalFen
      const d = o.amounts.discountFen
      total.orders++
      total.grossFen += g
      total.discountFen += d
      fees += o.amounts.feesFen
      ch.orders++
      ch.grossFen += g
      ch.discountFen += d
      hour.orders++
      hour.grossFen += g
      hour.discountFen += d
      for (const l of o.lines) {
        let it = items.get(l.itemId)
        if (it === undefined) {
          it = { itemId: l.itemId, name: l.itemName, quantity: 0, grossFen: 0, netFen: 0 }
          items.set(l.itemId, it)
        }
        it.quantity += l.quantity
        it.grossFen += l.subtotalFen
        it.netFen += l.totalFen
        for (const op of l.options) {
          let group = options.get(op.groupId)
          if (group === undefined) {
            group = new Map()
            options.set(op.groupId, group)
          }
          let x = group.get(op.optionId)
          if (x === undefined) {
            x = { groupId: op.groupId, optionId: op.optionId, name: op.name, quantity: 0 }
            group.set(op.optionId, x)
          }
          x.quantity += l.quantity
        }
      }
      for (const p of o.promotions) {
        let x = promos.get(p.promotionId)
        if (x === undefined) {
          x = { promotionId: p.promotionId, name: p.name, orders: 0, costFen: 0 }
          promos.set(p.promotionId, x)
        }
        x.orders++
        x.costFen += p.savingFen
      }
    }
    for (const k in o.refunds) {
      const r = o.refunds[k] as RefundRecord
      if (r.at < start || r.at >= end) continue
      total.refundFen += r.amountFen
      ch.refundFen += r.amountFen
      ;(hours[hourOf(r.at)] as Acc).refundFen += r.amountFen
    }
  }
  const byChannel: Partial<Record<Channel, SalesFigures>> = {}
  for (const [c, a] of channels) byChannel[c] = done(a)
  const passes = { soldCount: 0, soldFen: 0, redeemedCount: 0, redeemedValueFen: 0 }
  for (const s of input.passes?.sold ?? []) {
    if (s.at < start || s.at >= end) continue
    passes.soldCount++
    passes.soldFen += s.priceFen
  }
  for (const r of input.passes?.redeemed ?? []) {
    if (r.at < start || r.at >= end) continue
    passes.redeemedCount++
    passes.redeemedValueFen += r.valueFen
  }
  const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
  return {
    day: input.day,
    ...done(total),
    averageTicketFen: total.orders === 0 ? 0 : Math.round((total.grossFen - total.discountFen) / total.orders),
    feesFen: fees,
    cancelledOrders: cancelled,
    byChannel,
    byItem: [...items.values()].sort((a, b) => b.quantity - a.quantity || byText(a.itemId, b.itemId)),
    byOption: [...options.values()]
      .flatMap((g) => [...g.values()])
      .sort((a, b) => b.quantity - a.quantity || byText(a.groupId, b.groupId) || byText(a.optionId, b.optionId)),
    byHour: hours.map(done),
    promotions: [...promos.values()]
      .sort((a, b) => b.costFen - a.costFen || byText(a.promotionId, b.promotionId))
      .map((p) => ({ ...p, rate: total.orders === 0 ? 0 : p.orders / total.orders })),
    payments: { ...received, byMethod },
    passes,
  }
}
