import type { Fen } from './money'
import type {
  AppliedPromotionSummary,
  Channel,
  FulfilmentType,
  Order,
  OrderAmounts,
  OrderCustomer,
  OrderLine,
} from './order'

/** What a channel adapter, the POS or the mini-program supplies to create an order. */
export interface CreateOrderInput {
  /** Client-generated id (UUIDv7 on tablets), or the server's. */
  readonly id: string
  readonly storeId: string
  readonly channel: Channel
  readonly externalId?: string | null
  readonly businessDay: string
  readonly fulfilmentType: FulfilmentType
  readonly pickupNumber?: number | null
  readonly customer?: Partial<OrderCustomer>
  readonly lines: readonly OrderLine[]
  readonly promotions?: readonly AppliedPromotionSummary[]
  readonly feesFen?: Fen
  readonly notes?: string
  /** Epoch ms of creation. */
  readonly at: number
  /** Creating device or actor id. */
  readonly by: string
}

/** Sums lines and fees into the order amounts: subtotal − discount + fees = total. */
export function computeAmounts(lines: readonly OrderLine[], feesFen: Fen): OrderAmounts {
  let subtotal = 0
  let lineTotal = 0
  for (const l of lines) {
    subtotal += l.subtotalFen
    lineTotal += l.totalFen
  }
  return { subtotalFen: subtotal, discountFen: subtotal - lineTotal, feesFen, totalFen: lineTotal + feesFen }
}

/** Builds a new order in `submitted`, `unpaid`, with version-0 stamps. */
export function createOrder(input: CreateOrderInput): Order {
  const stamp = { v: 0, at: input.at, by: input.by }
  return {
    id: input.id,
    storeId: input.storeId,
    channel: input.channel,
    externalId: input.externalId ?? null,
    businessDay: input.businessDay,
    fulfilmentType: input.fulfilmentType,
    pickupNumber: input.pickupNumber ?? null,
    customer: {
      id: input.customer?.id ?? null,
      name: input.customer?.name ?? null,
      phoneMasked: input.customer?.phoneMasked ?? null,
    },
    lines: input.lines,
    amounts: computeAmounts(input.lines, input.feesFen ?? 0),
    promotions: input.promotions ?? [],
    linesStamp: stamp,
    acceptance: null,
    notes: input.notes ?? '',
    notesStamp: stamp,
    fulfilment: 'submitted',
    cancelReason: null,
    payment: 'unpaid',
    payments: {},
    refunds: {},
    timestamps: {
      createdAt: input.at,
      acceptedAt: null,
      makingAt: null,
      readyAt: null,
      doneAt: null,
      cancelledAt: null,
      updatedAt: input.at,
    },
  }
}
