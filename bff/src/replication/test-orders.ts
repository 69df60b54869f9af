import { type Order, type OrderEvent, applyOrderEvent, createOrder } from '@xiaodian/domain'
import type { OrderDocument } from '@xiaodian/shared'

/** 12:00 on 2026-11-23 in Shanghai. */
export const T0 = Date.UTC(2026, 10, 23, 4, 0)

/** A counter order as a tablet creates it offline. */
export function posOrder(id: string, opts: { storeId?: string; pickupNumber?: number; by?: string; at?: number } = {}) {
  return createOrder({
    id,
    storeId: opts.storeId ?? 'tea-01',
    channel: 'pos',
    businessDay: '2026-11-23',
    fulfilmentType: 'pickup',
    pickupNumber: opts.pickupNumber ?? 1001,
    lines: [
      {
        id: '1',
        itemId: 'milk-tea',
        itemName: '珍珠奶茶',
        categoryId: 'tea',
        skuId: 'milk-tea-l',
        skuName: '大杯',
        options: [{ groupId: 'sugar', optionId: 'sugar-50', name: '五分糖', priceDeltaFen: 0 }],
        unitPriceFen: 1500,
        quantity: 1,
        subtotalFen: 1500,
        discounts: [],
        totalFen: 1500,
      },
    ],
    at: opts.at ?? T0,
    by: opts.by ?? 'tab-a',
  })
}

/** Applies events with the domain reducer; throws on a refused one (tests only build valid histories). */
export function apply(order: Order, ...events: OrderEvent[]): Order {
  let o = order
  for (const ev of events) {
    const r = applyOrderEvent(o, ev)
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`)
    o = r.value
  }
  return o
}

/** The document a tablet would push for an order. */
export function doc(order: Order, deleted = false): OrderDocument {
  return { ...order, _deleted: deleted }
}
