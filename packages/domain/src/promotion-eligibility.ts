import { inMinuteWindow } from './catalog'
import type { Promotion, PromotionContext, PromotionLine } from './promotion'

/**
 * Whether a promotion's conditions hold in this context ([PRM-1]): validity, channel, local time window,
 * new customer, coupon held, and the per-customer usage cap.
 */
export function isPromotionEligible(promotion: Promotion, ctx: PromotionContext): boolean {
  const c = promotion.conditions
  if (c === undefined) return true
  if (c.validFrom !== undefined && ctx.now < c.validFrom) return false
  if (c.validUntil !== undefined && ctx.now >= c.validUntil) return false
  if (c.channels !== undefined && !c.channels.includes(ctx.channel)) return false
  if (c.windows !== undefined) {
    const inside = c.windows.some(
      (w) => (w.days === undefined || w.days.includes(ctx.weekday)) && inMinuteWindow(w, ctx.minuteOfDay),
    )
    if (!inside) return false
  }
  if (c.newCustomerOnly === true && ctx.customer?.isNew !== true) return false
  if (c.couponId !== undefined && ctx.customer?.couponIds.includes(c.couponId) !== true) return false
  if (c.perCustomerLimit !== undefined && (ctx.customer?.usage[promotion.id] ?? 0) >= c.perCustomerLimit) return false
  return true
}

/** Whether a line is inside a promotion's scope (an empty scope covers every line). */
export function inPromotionScope(promotion: Promotion, line: PromotionLine): boolean {
  const s = promotion.scope
  if (s === undefined) return true
  const any = s.categoryIds !== undefined || s.itemIds !== undefined || s.skuIds !== undefined
  if (!any) return true
  return (
    s.categoryIds?.includes(line.categoryId) === true ||
    s.itemIds?.includes(line.itemId) === true ||
    s.skuIds?.includes(line.skuId) === true
  )
}
