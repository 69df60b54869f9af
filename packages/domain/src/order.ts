import type { PricedOption } from './catalog'
import type { Fen } from './money'

/** Where an order came from. Every channel maps into the one canonical {@link Order}. */
export const CHANNELS = ['meituan', 'eleme', 'miniprogram', 'pos', 'group', 'subscription'] as const
/** One of {@link CHANNELS}. */
export type Channel = (typeof CHANNELS)[number]

/** How the goods reach the customer. */
export const FULFILMENT_TYPES = ['pickup', 'delivery', 'dine_in'] as const
/** One of {@link FULFILMENT_TYPES}. */
export type FulfilmentType = (typeof FULFILMENT_TYPES)[number]

/**
 * The fulfilment axis, listed in lattice order: merge keeps the later one. `cancelled` sits above every
 * state before `done` and below `done` ([ORD-5]): cancel wins over anything before hand-over, done wins
 * over cancel once the goods were handed over.
 */
export const FULFILMENT_STATUSES = ['submitted', 'accepted', 'making', 'ready', 'cancelled', 'done'] as const
/** One of {@link FULFILMENT_STATUSES}. */
export type FulfilmentStatus = (typeof FULFILMENT_STATUSES)[number]

/** The payment axis, in lattice order; derived from the payment and refund sets ([ORD-7]). */
export const PAYMENT_STATUSES = ['unpaid', 'paid', 'partially_refunded', 'refunded'] as const
/** One of {@link PAYMENT_STATUSES}. */
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number]

/** The rank of a fulfilment status in the lattice (higher wins on merge). */
export function fulfilmentRank(status: FulfilmentStatus): number {
  return FULFILMENT_STATUSES.indexOf(status)
}

/** The part of one discount that landed on one line. */
export interface LineDiscount {
  readonly promotionId: string
  readonly amountFen: Fen
}

/** One line of an order: what was sold, at what price, and which discounts it carries. */
export interface OrderLine {
  /** Stable within the order; refunds point at it. */
  readonly id: string
  readonly itemId: string
  readonly itemName: string
  readonly categoryId: string
  readonly skuId: string
  readonly skuName: string
  readonly options: readonly PricedOption[]
  readonly unitPriceFen: Fen
  readonly quantity: number
  /** unitPriceFen × quantity. */
  readonly subtotalFen: Fen
  /** Discounts allocated to this line; their sum plus {@link OrderLine.totalFen} is the subtotal. */
  readonly discounts: readonly LineDiscount[]
  /** What the customer pays for this line. */
  readonly totalFen: Fen
}

/** The order's money: subtotal − discount + fees = total. */
export interface OrderAmounts {
  readonly subtotalFen: Fen
  readonly discountFen: Fen
  /** Delivery and packaging fees, not discounted. */
  readonly feesFen: Fen
  readonly totalFen: Fen
}

/** A promotion applied to the whole order, with what it saved. */
export interface AppliedPromotionSummary {
  readonly promotionId: string
  readonly name: string
  readonly savingFen: Fen
}

/** Who ordered. The phone is stored masked (`138****1234`); the full number never enters the order. */
export interface OrderCustomer {
  readonly id: string | null
  readonly name: string | null
  readonly phoneMasked: string | null
}

/** A payment notification, keyed by the provider's transaction id so it is counted once. */
export interface PaymentRecord {
  readonly id: string
  readonly amountFen: Fen
  readonly method: string
  readonly at: number
}

/** A refund, keyed by its refund id; refunds accumulate as a set ([ORD-7]). */
export interface RefundRecord {
  readonly id: string
  readonly amountFen: Fen
  readonly at: number
  readonly reason: string
  /** Line id → fen, when the refund is for specific lines. */
  readonly lines: Readonly<Record<string, Fen>>
}

/**
 * A write stamp for a last-writer-wins register: version counter first, then wall time, then the
 * writer's device id, so any two writes compare the same way on every replica.
 */
export interface Stamp {
  readonly v: number
  readonly at: number
  readonly by: string
}

/** The moment an order was taken on, with the lines version it was taken on with. */
export interface Acceptance {
  readonly at: number
  readonly lines: Stamp
}

/** When each fulfilment milestone first happened (epoch ms). */
export interface OrderTimestamps {
  readonly createdAt: number
  readonly acceptedAt: number | null
  readonly makingAt: number | null
  readonly readyAt: number | null
  readonly doneAt: number | null
  readonly cancelledAt: number | null
  /** The newest change seen by this replica. */
  readonly updatedAt: number
}

/**
 * The timestamp each fulfilment status records when it is reached ([ORD-2]); `submitted` is the order's
 * creation and has none of its own.
 */
export const FULFILMENT_MILESTONES = {
  submitted: null,
  accepted: 'acceptedAt',
  making: 'makingAt',
  ready: 'readyAt',
  done: 'doneAt',
  cancelled: 'cancelledAt',
} as const satisfies Record<FulfilmentStatus, keyof OrderTimestamps | null>

/**
 * The canonical order. Fulfilment and payment are separate axes. Replicas of one order merge with
 * `mergeOrders`; every field is either immutable, a lattice (status, timestamps, payment and refund sets)
 * or a stamped register (lines, notes).
 */
export interface Order {
  readonly id: string
  readonly storeId: string
  readonly channel: Channel
  /** The channel's own order id (Meituan order id); null for own channels. */
  readonly externalId: string | null
  /** The business day the order belongs to (`2026-11-23`), for pickup numbers and reports. */
  readonly businessDay: string
  readonly fulfilmentType: FulfilmentType
  readonly pickupNumber: number | null
  readonly customer: OrderCustomer
  readonly lines: readonly OrderLine[]
  readonly amounts: OrderAmounts
  readonly promotions: readonly AppliedPromotionSummary[]
  readonly linesStamp: Stamp
  /**
   * When the order left `submitted` for the kitchen, and which lines version it took. Once set, the lines
   * are frozen at that version, also against edits merged in from other replicas ([ORD-6]).
   */
  readonly acceptance: Acceptance | null
  readonly notes: string
  readonly notesStamp: Stamp
  readonly fulfilment: FulfilmentStatus
  readonly cancelReason: string | null
  readonly payment: PaymentStatus
  readonly payments: Readonly<Record<string, PaymentRecord>>
  readonly refunds: Readonly<Record<string, RefundRecord>>
  readonly timestamps: OrderTimestamps
}

/** Masks a phone number for storage and display: `13812341234` → `138****1234`. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '')
  if (digits.length < 7) return '*'.repeat(digits.length)
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`
}

/** Derives the payment status from the payment and refund sets ([ORD-7]). */
export function derivePaymentStatus(
  payments: Readonly<Record<string, PaymentRecord>>,
  refunds: Readonly<Record<string, RefundRecord>>,
): PaymentStatus {
  let paid = 0
  let refunded = 0
  for (const k in payments) paid += (payments[k] as PaymentRecord).amountFen
  for (const k in refunds) refunded += (refunds[k] as RefundRecord).amountFen
  if (refunded > 0) return refunded >= paid ? 'refunded' : 'partially_refunded'
  return paid > 0 ? 'paid' : 'unpaid'
}

/** Total fen received (sum of payments). */
export function paidFen(order: Pick<Order, 'payments'>): Fen {
  let paid = 0
  for (const k in order.payments) paid += (order.payments[k] as PaymentRecord).amountFen
  return paid
}

/** Total fen refunded (sum of refunds). */
export function refundedFen(order: Pick<Order, 'refunds'>): Fen {
  let total = 0
  for (const k in order.refunds) total += (order.refunds[k] as RefundRecord).amountFen
  return total
}

/**
 * What can still be refunded on each line: its total (after its allocated discounts) minus what refunds
 * already took from it ([ORD-10]). Line ids map to fen.
 */
export function refundableByLine(order: Pick<Order, 'lines' | 'refunds'>): Record<string, Fen> {
  const left: Record<string, Fen> = {}
  for (const l of order.lines) left[l.id] = l.totalFen
  for (const k in order.refunds) {
    const r = order.refunds[k] as RefundRecord
    for (const lineId in r.lines) {
      const cur = left[lineId]
      if (cur !== undefined) left[lineId] = cur - (r.lines[lineId] as number)
    }
  }
  return left
}
