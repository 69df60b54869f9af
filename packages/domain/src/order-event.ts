import type { Fen } from './money'
import type { AppliedPromotionSummary, OrderLine, PaymentRecord, RefundRecord } from './order'

/** Every kind of order event, for exhaustive switches and schemas. */
export const ORDER_EVENT_TYPES = [
  'accepted',
  'making_started',
  'ready',
  'done',
  'cancelled',
  'lines_replaced',
  'note_set',
  'payment_received',
  'refunded',
  'pickup_number_assigned',
] as const
/** One of {@link ORDER_EVENT_TYPES}. */
export type OrderEventType = (typeof ORDER_EVENT_TYPES)[number]

/** Who did it and when; every event carries it so replicas can order concurrent writes. */
interface EventMeta {
  /** Epoch ms. */
  readonly at: number
  /** Device or actor id (tablet id, `bff`, `meituan`). */
  readonly by: string
}

/**
 * Something that happened to an order. Applied with `applyOrderEvent`; fulfilment events move the
 * fulfilment axis, payment events the payment axis.
 */
export type OrderEvent =
  | ({ readonly type: 'accepted' } & EventMeta)
  | ({ readonly type: 'making_started' } & EventMeta)
  | ({ readonly type: 'ready' } & EventMeta)
  | ({ readonly type: 'done' } & EventMeta)
  | ({ readonly type: 'cancelled'; readonly reason: string } & EventMeta)
  | ({
      readonly type: 'lines_replaced'
      readonly lines: readonly OrderLine[]
      readonly promotions: readonly AppliedPromotionSummary[]
      readonly feesFen: Fen
    } & EventMeta)
  | ({ readonly type: 'note_set'; readonly notes: string } & EventMeta)
  | ({ readonly type: 'payment_received'; readonly payment: PaymentRecord } & EventMeta)
  | ({ readonly type: 'refunded'; readonly refund: RefundRecord } & EventMeta)
  | ({ readonly type: 'pickup_number_assigned'; readonly pickupNumber: number } & EventMeta)
