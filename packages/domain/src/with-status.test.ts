import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { mergeOrders, ordersEqual } from './merge-orders'
import type { FulfilmentStatus, Order } from './order'
import { FULFILMENT_MILESTONES, FULFILMENT_STATUSES, fulfilmentRank } from './order'
import { replicaArb, sampleOrder } from './order.test-helpers'
import { withStatus } from './with-status'

const runs = { numRuns: 150 }
const MILESTONE_FIELDS = ['acceptedAt', 'makingAt', 'readyAt', 'doneAt', 'cancelledAt'] as const

const orderArb = fc.oneof(
  replicaArb('t1'),
  fc.tuple(replicaArb('t1'), replicaArb('t2')).map(([a, b]) => mergeOrders(a, b)),
)
const reportArb = fc.record(
  { status: fc.constantFrom(...FULFILMENT_STATUSES), at: fc.integer({ min: 0, max: 2_000 }), reason: fc.string() },
  { requiredKeys: ['status', 'at'] },
)
type Report = { status: FulfilmentStatus; at: number; reason?: string }

const report = (o: Order, r: Report) => mergeOrders(o, withStatus(o, r.status, r.at, r.reason))

describe('withStatus', () => {
  it('[ORD-13] the delta carries the status, its milestone, updatedAt and a cancel reason, nothing else', () => {
    fc.assert(
      fc.property(orderArb, reportArb, (o, r) => {
        const d = withStatus(o, r.status, r.at, r.reason)
        const field = FULFILMENT_MILESTONES[r.status]
        expect(d.fulfilment).toBe(r.status)
        expect(d.cancelReason).toBe(r.status === 'cancelled' ? (r.reason ?? '') : o.cancelReason)
        expect(d.timestamps.updatedAt).toBe(Math.max(o.timestamps.updatedAt, r.at))
        expect(d.timestamps.createdAt).toBe(o.timestamps.createdAt)
        for (const f of MILESTONE_FIELDS) expect(d.timestamps[f]).toBe(f === field ? r.at : o.timestamps[f])
        const { fulfilment, cancelReason, timestamps, ...rest } = d
        const { fulfilment: _f, cancelReason: _c, timestamps: _t, ...before } = o
        expect(rest).toEqual(before)
      }),
      runs,
    )
  })

  it('[ORD-13] joined, a report never takes progress back, never erases or postpones a milestone, never moves updatedAt back', () => {
    fc.assert(
      fc.property(orderArb, reportArb, (o, r) => {
        const m = report(o, r)
        expect(fulfilmentRank(m.fulfilment)).toBe(Math.max(fulfilmentRank(o.fulfilment), fulfilmentRank(r.status)))
        for (const f of MILESTONE_FIELDS) {
          const was = o.timestamps[f]
          if (was !== null)
            expect(m.timestamps[f]).toBe(f === FULFILMENT_MILESTONES[r.status] ? Math.min(was, r.at) : was)
        }
        const field = FULFILMENT_MILESTONES[r.status]
        if (field) expect(m.timestamps[field]).not.toBeNull()
        expect(m.timestamps.updatedAt).toBe(Math.max(o.timestamps.updatedAt, r.at))
      }),
      runs,
    )
  })

  it('[ORD-13] reports joined in any order and any number of times end the same', () => {
    fc.assert(
      fc.property(orderArb, fc.array(reportArb, { maxLength: 6 }), (o, rs) => {
        const inOrder = rs.reduce(report, o)
        expect(ordersEqual(inOrder, [...rs].reverse().reduce(report, o))).toBe(true)
        expect(ordersEqual(inOrder, [...rs, ...rs].reduce(report, o))).toBe(true)
      }),
      runs,
    )
  })

  it('[ORD-13] checks no transition and records no acceptance: the join decides', () => {
    const o = withStatus(sampleOrder({ at: 1 }), 'done', 40)
    expect(o.acceptance).toBeNull()
    expect(o.timestamps).toMatchObject({ acceptedAt: null, doneAt: 40, updatedAt: 40 })
    const back = withStatus(o, 'accepted', 30)
    expect(back.fulfilment).toBe('accepted')
    expect(mergeOrders(o, back).fulfilment).toBe('done')
    expect(withStatus(o, 'submitted', 50).timestamps).toEqual({ ...o.timestamps, updatedAt: 50 })
  })
})
