import { type Order, type OrderEvent, applyOrderEvent } from '@xiaodian/domain'
import type { OrderCollection } from './database'
import { toDocument, toOrder } from './order-document'

/**
 * Applies a domain event to the local order with `applyOrderEvent` and writes it; replication carries it
 * to the BFF. Answers why not when the domain refuses (the order moved on meanwhile, e.g. Meituan
 * cancelled it), or null when written.
 */
export async function applyLocally(
  collection: OrderCollection,
  orderId: string,
  event: OrderEvent,
): Promise<string | null> {
  const doc = await collection.findOne(orderId).exec()
  if (doc === null) return `没有这个订单: ${orderId}`
  let refusal: string | null = null
  await doc.incrementalModify((data) => {
    const applied = applyOrderEvent(toOrder(data as Order), event)
    if (!applied.ok) {
      refusal = applied.error.message
      return data
    }
    return toDocument(applied.value) as typeof data
  })
  return refusal
}

/** Writes a new order made on this device (a counter sale). */
export async function insertOrder(collection: OrderCollection, order: Order): Promise<void> {
  await collection.insert(toDocument(order))
}
