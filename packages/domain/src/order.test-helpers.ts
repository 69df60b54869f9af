import fc from 'fast-check'
import { applyOrderEvent } from './apply-order-event'
import { createOrder } from './create-order'
import type { Order, OrderLine } from './order'
import type { OrderEvent } from './order-event'

/** A one-line order fixture for tests. */
export function sampleOrder(overrides: Partial<Parameters<typeof createOrder>[0]> = {}): Order {
  const line: OrderLine = {
    id: 'l1',
    itemId: 'pearl-tea',
    itemName: '珍珠奶茶',
    categoryId: 'milk-tea',
    skuId: 'pearl-m',
    skuName: '中杯',
    options: [{ groupId: 'toppings', optionId: 'pearls', name: '珍珠', priceDeltaFen: 200 }],
    unitPriceFen: 1400,
    quantity: 2,
    subtotalFen: 2800,
    discounts: [{ promotionId: 'p1', amountFen: 300 }],
    totalFen: 2500,
  }
  return createOrder({
    id: 'o1',
    storeId: 's1',
    channel: 'pos',
    businessDay: '2026-11-23',
    fulfilmentType: 'pickup',
    lines: [line],
    promotions: [{ promotionId: 'p1', name: '满25减3', savingFen: 300 }],
    at: 1_000,
    by: 'tablet-1',
    ...overrides,
  })
}

/** One step of an order's history on some device, at some time. */
export type OrderOp = (at: number, by: string) => OrderEvent

/** Any order event: status moves, cancels, note and line edits, payments and refunds. */
export const orderOpArb: fc.Arbitrary<OrderOp> = fc.oneof(
  fc.constantFrom<OrderOp>(
    (at, by) => ({ type: 'accepted', at, by }),
    (at, by) => ({ type: 'making_started', at, by }),
    (at, by) => ({ type: 'ready', at, by }),
    (at, by) => ({ type: 'done', at, by }),
  ),
  fc.constantFrom('顾客取消', '缺货').map<OrderOp>((reason) => (at, by) => ({ type: 'cancelled', at, by, reason })),
  fc.string({ maxLength: 4 }).map<OrderOp>((notes) => (at, by) => ({ type: 'note_set', at, by, notes })),
  fc.integer({ min: 0, max: 3 }).map<OrderOp>((n) => (at, by) => ({
    type: 'lines_replaced',
    at,
    by,
    lines: [],
    promotions: [],
    feesFen: n * 100,
  })),
  fc.constantFrom('wx1', 'wx2').map<OrderOp>((id) => (at, by) => ({
    type: 'payment_received',
    at,
    by,
    payment: { id, amountFen: 2500, method: 'wechat', at: 7 },
  })),
  fc
    .record({ id: fc.constantFrom('r1', 'r2', 'r3'), amountFen: fc.integer({ min: 1, max: 1500 }) })
    .map<OrderOp>(({ id, amountFen }) => (at, by) => ({
      type: 'refunded',
      at,
      by,
      refund: { id, amountFen, at: 9, reason: '', lines: {} },
    })),
)

/** Applies the steps one device took, each `dt` ms after the last; refused steps are skipped. */
export function replayOps(base: Order, device: string, ops: readonly [OrderOp, number][]): Order {
  let o = base
  let at = 1_000
  for (const [op, dt] of ops) {
    at += dt
    const r = applyOrderEvent(o, op(at, device))
    if (r.ok) o = r.value
  }
  return o
}

/** A replica of `base` after a random history of up to eight events on one device. */
export const replicaArb = (device: string, base: Order = sampleOrder()): fc.Arbitrary<Order> =>
  fc
    .array(fc.tuple(orderOpArb, fc.integer({ min: 1, max: 50 })), { maxLength: 8 })
    .map((ops) => replayOps(base, device, ops))
