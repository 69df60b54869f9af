import { type Order, applyOrderEvent, mergeOrders } from '@xiaodian/domain'
import type { WithDeleted } from 'rxdb'
import { describe, expect, it } from 'vitest'
import { orderConflictHandler } from './conflict-handler'
import { meituanOrder } from './fake-bff.test-helpers'

const base = meituanOrder('tea-01', '1', 1000, '2026-11-22')
const step = (o: Order, e: Parameters<typeof applyOrderEvent>[1]) => {
  const r = applyOrderEvent(o, e)
  if (!r.ok) throw new Error(r.error.message)
  return r.value
}
const doc = (o: Order): WithDeleted<Order> => ({ ...o, _deleted: false })

describe('the orders conflict handler', () => {
  it('calls two states equal when the orders are, whatever RxDB fields ride along', () => {
    const withMeta = { ...doc(base), _meta: { lwt: 5 }, _rev: '1-abc' } as WithDeleted<Order>
    const throughJson = JSON.parse(JSON.stringify(doc(base))) as WithDeleted<Order>
    expect(orderConflictHandler.isEqual(withMeta, throughJson, 'test')).toBe(true)
    const moved = doc(step(base, { type: 'accepted', at: 2000, by: 'a' }))
    expect(orderConflictHandler.isEqual(doc(base), moved, 'test')).toBe(false)
    expect(orderConflictHandler.isEqual(doc(base), { ...doc(base), _deleted: true }, 'test')).toBe(false)
  })

  it('resolves with the domain merge: progress forward, payments joined, never last-writer-wins', async () => {
    const accepted = step(base, { type: 'accepted', at: 2000, by: 'tablet-a' })
    const master = step(accepted, { type: 'making_started', at: 3000, by: 'tablet-a' })
    // This tablet, offline, marked it ready straight from accepted and took a payment.
    const mine = step(step(accepted, { type: 'ready', at: 2500, by: 'tablet-b' }), {
      type: 'payment_received',
      payment: { id: 'cash:1', amountFen: 100, method: 'cash', at: 2600 },
      at: 2600,
      by: 'tablet-b',
    })
    const resolved = await orderConflictHandler.resolve(
      { assumedMasterState: doc(accepted), realMasterState: doc(master), newDocumentState: doc(mine) },
      'test',
    )
    expect(resolved.fulfilment).toBe('ready')
    expect(resolved.timestamps.makingAt).toBe(3000)
    expect(Object.keys(resolved.payments)).toEqual(['cash:1'])
    expect(resolved._deleted).toBe(false)
    expect(orderConflictHandler.isEqual(resolved, doc(mergeOrders(mine, master)), 'test')).toBe(true)
  })

  it('reads documents stored before orders had `acceptance` as not accepted', async () => {
    const { acceptance: _drop, ...old } = base
    const resolved = await orderConflictHandler.resolve(
      { realMasterState: doc(base), newDocumentState: { ...old, _deleted: false } as WithDeleted<Order> },
      'test',
    )
    expect(resolved.acceptance).toBeNull()
  })
})
