import type { Order } from '@xiaodian/domain'
import { ORDER_FIELDS, type OrderDocument } from '@xiaodian/shared'

/**
 * The domain order inside an RxDB document state: the contract's fields only, so RxDB's own fields
 * (`_deleted`, `_meta`, `_rev`, `_attachments`) never leak into an `Order`.
 */
export function toOrder(doc: Order): Order {
  const out: Record<string, unknown> = {}
  for (const key of ORDER_FIELDS) out[key] = doc[key]
  // Stored documents gain `acceptance` when the collection migrates at open (see database.ts); a state
  // that reaches here some other way from before the field existed has none.
  out.acceptance ??= null
  return out as unknown as Order
}

/** An order as a replicated document. Orders are never deleted: cancelling is a status. */
export function toDocument(order: Order): OrderDocument {
  return { ...toOrder(order), _deleted: false }
}
