import type { DailySales, SalesFigures } from '@xiaodian/domain'
import type { SalesSummary } from '@xiaodian/shared'

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

const zero = (): Mutable<SalesFigures> => ({ orders: 0, grossFen: 0, discountFen: 0, refundFen: 0, netFen: 0 })

function add(into: Mutable<SalesFigures>, f: SalesFigures): void {
  into.orders += f.orders
  into.grossFen += f.grossFen
  into.discountFen += f.discountFen
  into.refundFen += f.refundFen
  into.netFen += f.netFen
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/**
 * Adds up daily reports into one period. Sums are exact (integer fen); the average ticket and each
 * promotion's rate are recomputed over the whole period, and the lists are ordered as `dailySales`
 * orders them. Pure. It belongs beside `dailySales` in the domain and should move there.
 */
export function combineSales(days: readonly DailySales[]): SalesSummary {
  const total = zero()
  let fees = 0
  let cancelled = 0
  const channels = new Map<string, Mutable<SalesFigures>>()
  const hours = Array.from({ length: 24 }, zero)
  const items = new Map<string, { itemId: string; name: string; quantity: number; grossFen: number; netFen: number }>()
  const options = new Map<string, { groupId: string; optionId: string; name: string; quantity: number }>()
  const promos = new Map<string, { promotionId: string; name: string; orders: number; costFen: number }>()
  const passes = { soldCount: 0, soldFen: 0, redeemedCount: 0, redeemedValueFen: 0 }
  for (const d of days) {
    add(total, d)
    fees += d.feesFen
    cancelled += d.cancelledOrders
    for (const [c, f] of Object.entries(d.byChannel)) {
      if (!f) continue
      let ch = channels.get(c)
      if (!ch) {
        ch = zero()
        channels.set(c, ch)
      }
      add(ch, f)
    }
    for (const [i, h] of d.byHour.entries()) add(hours[i] as Mutable<SalesFigures>, h)
    for (const it of d.byItem) {
      const x = items.get(it.itemId) ?? { itemId: it.itemId, name: it.name, quantity: 0, grossFen: 0, netFen: 0 }
      x.quantity += it.quantity
      x.grossFen += it.grossFen
      x.netFen += it.netFen
      items.set(it.itemId, x)
    }
    for (const op of d.byOption) {
      const key = `${op.groupId}\u0000${op.optionId}`
      const x = options.get(key) ?? { groupId: op.groupId, optionId: op.optionId, name: op.name, quantity: 0 }
      x.quantity += op.quantity
      options.set(key, x)
    }
    for (const p of d.promotions) {
      const x = promos.get(p.promotionId) ?? { promotionId: p.promotionId, name: p.name, orders: 0, costFen: 0 }
      x.orders += p.orders
      x.costFen += p.costFen
      promos.set(p.promotionId, x)
    }
    passes.soldCount += d.passes.soldCount
    passes.soldFen += d.passes.soldFen
    passes.redeemedCount += d.passes.redeemedCount
    passes.redeemedValueFen += d.passes.redeemedValueFen
  }
  return {
    ...total,
    averageTicketFen: total.orders === 0 ? 0 : Math.round((total.grossFen - total.discountFen) / total.orders),
    feesFen: fees,
    cancelledOrders: cancelled,
    byChannel: Object.fromEntries(channels),
    byItem: [...items.values()].sort((a, b) => b.quantity - a.quantity || byText(a.itemId, b.itemId)),
    byOption: [...options.values()].sort((a, b) => b.quantity - a.quantity || byText(a.optionId, b.optionId)),
    byHour: hours,
    promotions: [...promos.values()]
      .sort((a, b) => b.costFen - a.costFen || byText(a.promotionId, b.promotionId))
      .map((p) => ({ ...p, rate: total.orders === 0 ? 0 : p.orders / total.orders })),
    passes,
  }
}
