import { err, ok, type Result } from './errors'
import type { Fen } from './money'
import type { PassPlan, Redemption, Subscription } from './pass'
import { subscriptionState } from './pass'
import { periodAt } from './pass-periods'
import { localTime } from './zoned-time'

/** One use to record. */
export interface RedeemRequest {
  /** Idempotency key: redeeming the same id twice records one use. */
  readonly redemptionId: string
  readonly at: number
  readonly itemId: string
  /** The menu price of what is being redeemed. */
  readonly priceFen: Fen
}

/** The subscription after the use, and the use itself (covered vs paid on top). */
export interface RedeemOutcome {
  readonly subscription: Subscription
  readonly redemption: Redemption
}

/**
 * Redeems one use ([PAS-4]): the pass must be active (or cancelled but still in its last period) and
 * cover the item; total, per-period and per-day caps count live (not undone) redemptions; the value cap
 * limits what one use covers and the excess is paid on top.
 */
export function redeem(
  sub: Subscription,
  plan: PassPlan,
  request: RedeemRequest,
  timeZone: string,
): Result<RedeemOutcome> {
  const existing = sub.redemptions[request.redemptionId]
  if (existing !== undefined && existing.undoneAt === null) return ok({ subscription: sub, redemption: existing })
  const state = subscriptionState(sub, request.at)
  if ((state !== 'active' && state !== 'cancelled_at_period_end') || request.at < sub.startAt) {
    return err('PASS_NOT_ACTIVE', '这张卡当前不可用', { subscriptionId: sub.id, state })
  }
  if (plan.itemIds !== undefined && !plan.itemIds.includes(request.itemId)) {
    return err('PASS_ITEM_NOT_COVERED', '这张卡不包含该商品', { itemId: request.itemId })
  }
  const period = periodAt(plan, sub.startAt, request.at, timeZone)
  if (!period.ok) return period
  if (period.value === null) return err('PASS_NOT_ACTIVE', '这张卡尚未生效', { subscriptionId: sub.id })
  const periodKey = period.value.key
  const dayKey = localTime(request.at, timeZone).dayKey
  let total = 0
  let inPeriod = 0
  let inDay = 0
  for (const id in sub.redemptions) {
    const r = sub.redemptions[id] as Redemption
    if (r.undoneAt !== null) continue
    total++
    if (r.periodKey === periodKey) inPeriod++
    if (r.dayKey === dayKey) inDay++
  }
  if (plan.totalUses !== undefined && total >= plan.totalUses) {
    return err('PASS_NO_USES_LEFT', '次数已用完', { used: total })
  }
  if (plan.usesPerPeriod !== undefined && inPeriod >= plan.usesPerPeriod) {
    return err('PASS_PERIOD_CAP', '本期次数已用完', { periodKey, used: inPeriod })
  }
  if (plan.usesPerDay !== undefined && inDay >= plan.usesPerDay) {
    return err('PASS_DAILY_CAP', '今日次数已用完', { dayKey, used: inDay })
  }
  const coveredFen = Math.min(request.priceFen, plan.valueCapFen ?? request.priceFen)
  const redemption: Redemption = {
    id: request.redemptionId,
    at: request.at,
    periodKey,
    dayKey,
    itemId: request.itemId,
    priceFen: request.priceFen,
    coveredFen,
    payFen: request.priceFen - coveredFen,
    undoneAt: null,
  }
  return ok({ subscription: { ...sub, redemptions: { ...sub.redemptions, [redemption.id]: redemption } }, redemption })
}

/** Undoes a redemption (the drink was not made): it stays recorded but frees its use ([PAS-4]). */
export function undoRedemption(sub: Subscription, redemptionId: string, at: number): Result<Subscription> {
  const r = sub.redemptions[redemptionId]
  if (r === undefined) return err('PASS_UNKNOWN_REDEMPTION', `没有这次核销: ${redemptionId}`, { redemptionId })
  if (r.undoneAt !== null) return ok(sub)
  return ok({ ...sub, redemptions: { ...sub.redemptions, [redemptionId]: { ...r, undoneAt: at } } })
}
