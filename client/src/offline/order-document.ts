import type { Order } from '@xiaodian/domain'
import type { OrderDocument } from '@xiaodian/shared'

/** The fields of a domain order, in one place, so RxDB's own fields never leak into an `Order`. */
const ORDER_KEYS = [
  'id',
  'storeId',
  'channel',
  'externalId',
  'businessDay',
  'fulfilmentType',
  'pickupNumber',
  'customer',
  'lines',
  'amounts',
  'promotions',
  'linesStamp',
  'acceptance',
  'notes',
  'notesStamp',
  'fulfilment',
  'cancelReason',
  'payment',
  'payments',
  'refunds',
  'timestamps',
] as const satisfies readonly (keyof Order)[]

// Adding a field to the domain order must add it above: this stops compiling when the lists differ.
type Missing = Exclude<keyof Order, (typeof ORDER_KEYS)[number]>
const _complete: Missing extends never ? true : Missing = true
void _complete

/** The domain order inside an RxDB document state (drops `_deleted`, `_meta`, `_rev`, `_attachments`). */
export function toOrder(doc: Order): Order {
  const out: Record<string, unknown> = {}
  for (const key of ORDER_KEYS) out[key] = doc[key]
  // Documents stored before the domain had `acceptance` (or sent by a BFF that predates it) have none.
  out.acceptance ??= null
  return out as unknown as Order
}

/** An order as a replicated document. Orders are never deleted: cancelling is a status. */
export function toDocument(order: Order): OrderDocument {
  return { ...toOrder(order), _deleted: false }
}
