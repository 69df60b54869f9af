import {
  type FulfilmentType,
  type Order,
  type PricedCart,
  type Result,
  applyOrderEvent,
  createOrder,
} from '@xiaodian/domain'

/** How the customer paid at the counter: cash, or the shop's QR code (staff confirm it by hand). */
export const PAY_METHODS = { cash: 'cash', qr: 'qr' } as const
export type PayMethod = (typeof PAY_METHODS)[keyof typeof PAY_METHODS]

/** A counter sale as the POS has it when the staff member presses pay. */
export interface CounterSale {
  /** UUIDv7 made on the device. */
  readonly id: string
  readonly storeId: string
  readonly deviceId: string
  readonly businessDay: string
  readonly pickupNumber: number | null
  /** The cart as the domain priced it (`priceCart`), promotions allocated to lines. */
  readonly priced: PricedCart
  readonly fulfilmentType: FulfilmentType
  readonly notes: string
  /** `null`: to be paid later (a tab). */
  readonly paidWith: PayMethod | null
  readonly at: number
}

/**
 * The order a counter sale becomes: channel `pos`, its external id its own id (as the BFF's own counter
 * orders), and, when paid, one payment for the total keyed `method:orderId` so a retry never counts twice.
 */
export function counterOrder(sale: CounterSale): Result<Order> {
  const order = createOrder({
    id: sale.id,
    storeId: sale.storeId,
    channel: 'pos',
    externalId: sale.id,
    businessDay: sale.businessDay,
    fulfilmentType: sale.fulfilmentType,
    pickupNumber: sale.pickupNumber,
    lines: sale.priced.lines,
    promotions: sale.priced.promotions.map((p) => ({
      promotionId: p.promotionId,
      name: p.name,
      savingFen: p.savingFen,
    })),
    notes: sale.notes,
    at: sale.at,
    by: sale.deviceId,
  })
  if (sale.paidWith === null || order.amounts.totalFen <= 0) return { ok: true, value: order }
  const paymentId = `${sale.paidWith}:${sale.id}`
  return applyOrderEvent(order, {
    type: 'payment_received',
    payment: { id: paymentId, amountFen: order.amounts.totalFen, method: sale.paidWith, at: sale.at },
    at: sale.at,
    by: sale.deviceId,
  })
}
