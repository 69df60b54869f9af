import { type AppliedPromotion, bestPromotions } from './best-promotions'
import type { LineSelection, Menu, SoldOutMarks } from './catalog'
import { computeAmounts } from './create-order'
import { err, ok, type Result } from './errors'
import type { Fen } from './money'
import type { OrderAmounts, OrderLine } from './order'
import type { Promotion, PromotionContext, PromotionLine } from './promotion'
import type { PromotionNudge } from './promotion-nudge'
import { priceLine } from './price-line'

/** One cart line: a client-chosen line id and the customer's selection. */
export interface CartLine {
  readonly id: string
  readonly selection: LineSelection
}

/** A cart to price: lines plus delivery/packaging fees (fees are never discounted). */
export interface Cart {
  readonly lines: readonly CartLine[]
  readonly feesFen?: Fen
}

/** Promotion context plus live sold-out marks. */
export interface CartContext extends PromotionContext {
  readonly soldOut?: SoldOutMarks
}

/** A priced cart: order lines with allocated discounts, the promotions applied, amounts and a nudge. */
export interface PricedCart {
  readonly lines: readonly OrderLine[]
  readonly promotions: readonly AppliedPromotion[]
  readonly amounts: OrderAmounts
  readonly nudge: PromotionNudge | null
}

/**
 * Prices a whole cart: every line through `priceLine` (the first failure is returned with its `lineId`),
 * then the best promotion combination, allocated to lines ([PRM-10]).
 */
export function priceCart(
  menu: Menu,
  cart: Cart,
  promotions: readonly Promotion[],
  ctx: CartContext,
): Result<PricedCart> {
  const priced = []
  const seen = new Set<string>()
  for (const l of cart.lines) {
    if (seen.has(l.id)) return err('DUPLICATE_LINE', `重复的购物车行: ${l.id}`, { lineId: l.id })
    seen.add(l.id)
    const r = priceLine(
      menu,
      l.selection,
      ctx.soldOut === undefined
        ? { minuteOfDay: ctx.minuteOfDay }
        : { minuteOfDay: ctx.minuteOfDay, soldOut: ctx.soldOut },
    )
    if (!r.ok) return err(r.error.code, r.error.message, { ...r.error.details, lineId: l.id })
    priced.push({ id: l.id, line: r.value })
  }
  const promoLines: PromotionLine[] = priced.map(({ id, line }) => ({
    id,
    itemId: line.itemId,
    categoryId: line.categoryId,
    skuId: line.skuId,
    unitPriceFen: line.unitPriceFen,
    quantity: line.quantity,
  }))
  const best = bestPromotions(promoLines, promotions, ctx)
  const lines: OrderLine[] = priced.map(({ id, line }, i) => {
    const alloc = best.lines[i]
    return {
      id,
      ...line,
      discounts: alloc?.discounts ?? [],
      totalFen: alloc?.totalFen ?? line.subtotalFen,
    }
  })
  return ok({
    lines,
    promotions: best.applied,
    amounts: computeAmounts(lines, cart.feesFen ?? 0),
    nudge: best.nudge,
  })
}
