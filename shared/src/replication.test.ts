import { applyOrderEvent, createOrder, type Order } from '@xiaodian/domain'
import { describe, expect, it } from 'vitest'
import { ORDER_FIELDS, ORDERS_RXDB_SCHEMA, OrderDocument, PullQuery, PushRequest } from './replication'

function order(): Order {
  const o = createOrder({
    id: '0190a000-0000-7000-8000-000000000001',
    storeId: 'tea-01',
    channel: 'pos',
    businessDay: '2026-11-23',
    fulfilmentType: 'pickup',
    pickupNumber: 1001,
    customer: { name: '王先生' },
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
        discounts: [{ promotionId: 'p1', amountFen: 100 }],
        totalFen: 1400,
      },
    ],
    at: 1_790_000_000_000,
    by: 'tablet-a',
  })
  const paid = applyOrderEvent(o, {
    type: 'payment_received',
    payment: { id: 'cash:1', amountFen: 1400, method: 'cash', at: 1_790_000_000_100 },
    at: 1_790_000_000_100,
    by: 'tablet-a',
  })
  if (!paid.ok) throw new Error(paid.error.message)
  const accepted = applyOrderEvent(paid.value, { type: 'accepted', at: 1_790_000_000_200, by: 'tablet-a' })
  if (!accepted.ok) throw new Error(accepted.error.message)
  return accepted.value
}

describe('the replicated order document', () => {
  it('carries every field of the domain order unchanged, so a round trip loses nothing', () => {
    const doc = { ...order(), _deleted: false }
    expect(OrderDocument.parse(JSON.parse(JSON.stringify(doc)))).toEqual(doc)
    // Every domain field is in the contract, declared in the RxDB schema and required there.
    expect([...ORDER_FIELDS].sort()).toEqual(Object.keys(order()).sort())
    expect(Object.keys(ORDERS_RXDB_SCHEMA.properties).sort()).toEqual([...ORDER_FIELDS].sort())
    expect([...ORDERS_RXDB_SCHEMA.required].sort()).toEqual([...ORDER_FIELDS].sort())
  })

  it("drops RxDB's own fields and refuses what is not an order", () => {
    const doc = { ...order(), _deleted: false }
    expect(OrderDocument.parse({ ...doc, _meta: { lwt: 1 }, _rev: '1-a', _attachments: {} })).toEqual(doc)
    expect(OrderDocument.safeParse({ ...doc, fulfilment: 'lost' }).success).toBe(false)
    expect(OrderDocument.safeParse({ ...doc, id: 'x'.repeat(200) }).success).toBe(false)
    expect(PushRequest.safeParse([{ newDocumentState: doc }]).success).toBe(true)
    expect(PushRequest.safeParse([{ assumedMasterState: doc }]).success).toBe(false)
  })

  it('reads the pull checkpoint as JSON or as two parameters', () => {
    expect(PullQuery.parse({})).toEqual({ checkpoint: { updatedAt: 0, id: '' }, limit: 100 })
    expect(PullQuery.parse({ checkpoint: '{"updatedAt":5,"id":"a&b#c"}', limit: '20' })).toEqual({
      checkpoint: { updatedAt: 5, id: 'a&b#c' },
      limit: 20,
    })
    expect(PullQuery.parse({ updatedAt: '7', id: 'x' })).toEqual({ checkpoint: { updatedAt: 7, id: 'x' }, limit: 100 })
    expect(PullQuery.safeParse({ checkpoint: '{oops' }).success).toBe(false)
    expect(PullQuery.safeParse({ limit: '0' }).success).toBe(false)
  })
})
