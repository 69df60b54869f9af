import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { applyOrderEvent } from './apply-order-event'
import { compareStamps, mergeOrders, ordersEqual } from './merge-orders'
import type { Order } from './order'
import { fulfilmentRank } from './order'
import type { OrderEvent } from './order-event'
import { orderOpArb, replayOps, replicaArb, sampleOrder } from './order.test-helpers'

// Replicas that have themselves merged with others, so laws are tested beyond fresh branches.
const deepReplicaArb = fc
  .tuple(
    replicaArb('t1'),
    replicaArb('t2'),
    fc.array(fc.tuple(orderOpArb, fc.integer({ min: 1, max: 50 })), { maxLength: 4 }),
  )
  .map(([x, y, ops]) => replayOps(mergeOrders(x, y), 't3', ops))

const anyReplica = fc.oneof(replicaArb('t1'), replicaArb('t2'), replicaArb('bff'), deepReplicaArb)
const runs = { numRuns: 150 }

describe('mergeOrders', () => {
  it('[ORD-4] merge is commutative', () => {
    fc.assert(
      fc.property(anyReplica, anyReplica, (a, b) => ordersEqual(mergeOrders(a, b), mergeOrders(b, a))),
      runs,
    )
  })

  it('[ORD-4] merge is associative', () => {
    fc.assert(
      fc.property(anyReplica, anyReplica, anyReplica, (a, b, c) =>
        ordersEqual(mergeOrders(mergeOrders(a, b), c), mergeOrders(a, mergeOrders(b, c))),
      ),
      runs,
    )
  })

  it('[ORD-4] merge is idempotent and survives a JSON round trip', () => {
    fc.assert(
      fc.property(anyReplica, anyReplica, (a, b) => {
        const m = mergeOrders(a, b)
        expect(mergeOrders(a, a)).toBe(a)
        expect(ordersEqual(mergeOrders(m, a), m)).toBe(true)
        expect(ordersEqual(JSON.parse(JSON.stringify(m)) as Order, m)).toBe(true)
      }),
      runs,
    )
  })

  it('[ORD-5] progress only moves forward: the merge is at least as far as either side', () => {
    fc.assert(
      fc.property(anyReplica, anyReplica, (a, b) => {
        const m = mergeOrders(a, b)
        expect(fulfilmentRank(m.fulfilment)).toBe(Math.max(fulfilmentRank(a.fulfilment), fulfilmentRank(b.fulfilment)))
        expect(Object.keys(m.refunds).length).toBeGreaterThanOrEqual(Object.keys(a.refunds).length)
      }),
      runs,
    )
  })

  it('[ORD-5] cancel wins over anything before done; done wins over cancel', () => {
    const by = 't'
    const base = sampleOrder()
    const ready = [
      { type: 'accepted', at: 2, by },
      { type: 'ready', at: 3, by },
    ] as const
    let making = base
    for (const e of ready) making = (applyOrderEvent(making, e) as { value: Order }).value
    const cancelled = (applyOrderEvent(base, { type: 'cancelled', at: 5, by, reason: 'x' }) as { value: Order }).value
    expect(mergeOrders(making, cancelled).fulfilment).toBe('cancelled')
    const done = (applyOrderEvent(making, { type: 'done', at: 4, by }) as { value: Order }).value
    expect(mergeOrders(cancelled, done).fulfilment).toBe('done')
    expect(mergeOrders(cancelled, done).cancelReason).toBe('x')
  })

  it('[ORD-6] once accepted, lines stay at the accepted version whatever is merged in', () => {
    fc.assert(
      fc.property(anyReplica, anyReplica, (a, b) => {
        const m = mergeOrders(a, b)
        if (m.acceptance !== null) expect(compareStamps(m.linesStamp, m.acceptance.lines)).toBe(0)
      }),
      runs,
    )
    const base = sampleOrder()
    const accepted = (applyOrderEvent(base, { type: 'accepted', at: 5, by: 'bff' }) as { value: Order }).value
    const edited = (
      applyOrderEvent(base, { type: 'lines_replaced', at: 6, by: 't1', lines: [], promotions: [], feesFen: 0 }) as {
        value: Order
      }
    ).value
    const m = mergeOrders(edited, accepted)
    expect(m.lines).toEqual(base.lines)
    expect(m.fulfilment).toBe('accepted')
  })

  it('[ORD-6] the newer lines version wins whole (lines, amounts and promotions together)', () => {
    const base = sampleOrder()
    const e = (feesFen: number, at: number, by: string): OrderEvent => ({
      type: 'lines_replaced',
      at,
      by,
      lines: [],
      promotions: [],
      feesFen,
    })
    const a = (applyOrderEvent(base, e(100, 5, 't1')) as { value: Order }).value
    const b1 = (applyOrderEvent(base, e(200, 4, 't2')) as { value: Order }).value
    const b2 = (applyOrderEvent(b1, e(300, 6, 't2')) as { value: Order }).value
    expect(mergeOrders(a, b1).amounts.feesFen).toBe(100)
    expect(mergeOrders(a, b2).amounts.feesFen).toBe(300)
  })

  it('[ORD-7] refunds from both replicas accumulate by refund id', () => {
    const pay: OrderEvent = {
      type: 'payment_received',
      at: 2,
      by: 't',
      payment: { id: 'wx', amountFen: 2500, method: 'wechat', at: 2 },
    }
    const paid = (applyOrderEvent(sampleOrder(), pay) as { value: Order }).value
    const refund = (id: string): OrderEvent => ({
      type: 'refunded',
      at: 3,
      by: 't',
      refund: { id, amountFen: 1000, at: 3, reason: '', lines: {} },
    })
    const a = (applyOrderEvent(paid, refund('r1')) as { value: Order }).value
    const b = (applyOrderEvent(paid, refund('r2')) as { value: Order }).value
    const m = mergeOrders(a, b)
    expect(Object.keys(m.refunds).sort()).toEqual(['r1', 'r2'])
    expect(m.payment).toBe('partially_refunded')
  })

  it('[ORD-4] merging a replica with its JSON copy changes nothing', () => {
    fc.assert(
      fc.property(anyReplica, (a) => {
        const copy = JSON.parse(JSON.stringify(a)) as Order
        expect(mergeOrders(a, copy)).toBe(a)
      }),
      runs,
    )
  })

  it('[ORD-9] ordersEqual tells replicas apart by content, not identity', () => {
    const a = sampleOrder()
    expect(ordersEqual(a, JSON.parse(JSON.stringify(a)) as Order)).toBe(true)
    expect(ordersEqual(a, { ...a, notes: 'x' })).toBe(false)
  })
})
