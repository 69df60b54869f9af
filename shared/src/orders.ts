import { z } from 'zod'

const id = z.string().min(1).max(64)

/** One line of a cart: which item, SKU and options, how many. */
export const CartLineRequest = z.object({
  id: id,
  selection: z.object({
    itemId: id,
    skuId: id.optional(),
    options: z.record(id, z.array(id).max(10)).optional(),
    quantity: z.number().int().min(1).max(99),
  }),
})
/** A parsed cart line. */
export type CartLineRequest = z.infer<typeof CartLineRequest>

/** `POST /api/stores/:storeId/cart/price`: price a cart without ordering (promotions applied, nudge). */
export const PriceCartRequest = z.object({
  lines: z.array(CartLineRequest).min(1).max(50),
  couponIds: z.array(id).max(10).optional(),
})
/** A parsed price request. */
export type PriceCartRequest = z.infer<typeof PriceCartRequest>

/** `POST /api/stores/:storeId/orders`: place an order. Prices are computed by the BFF, never taken from the client. */
export const PlaceOrderRequest = PriceCartRequest.extend({
  /** Client-chosen id (UUID), so a retried request is the same order. */
  orderId: z
    .string()
    .regex(/^[0-9a-zA-Z-]{8,64}$/)
    .optional(),
  fulfilment: z.enum(['pickup', 'delivery', 'dine_in']),
  notes: z.string().max(200).optional(),
  /** Counter orders: how the customer paid at the counter. */
  paidWith: z.enum(['cash', 'qr']).optional(),
})
/** A parsed order request. */
export type PlaceOrderRequest = z.infer<typeof PlaceOrderRequest>

const fen = z.number().int()

/** The priced cart: amounts, each promotion with its saving, and the cheapest next step to save more. */
export const PricedCartResponse = z.object({
  lines: z.array(
    z.looseObject({
      id: z.string(),
      itemName: z.string(),
      skuName: z.string(),
      quantity: z.number().int(),
      unitPriceFen: fen,
      subtotalFen: fen,
      totalFen: fen,
      options: z.array(z.looseObject({ name: z.string(), priceDeltaFen: fen })),
    }),
  ),
  amounts: z.object({ subtotalFen: fen, discountFen: fen, feesFen: fen, totalFen: fen }),
  promotions: z.array(z.looseObject({ promotionId: z.string(), name: z.string(), savingFen: fen })),
  nudge: z.looseObject({ message: z.string() }).nullable(),
})
/** A parsed priced cart. */
export type PricedCartResponse = z.infer<typeof PricedCartResponse>
