import { err, ok, type Result } from './errors'
import type { PassPlan, Subscription } from './pass'
import { periodAt, validityEnd } from './pass-periods'

/** What starting a pass needs. */
export interface NewSubscription {
  readonly id: string
  readonly plan: PassPlan
  readonly customerId: string
  readonly storeId: string
  readonly startAt: number
  readonly timeZone: string
}

/** Starts a pass: active from `startAt`, valid for the plan's number of periods. */
export function createSubscription(input: NewSubscription): Result<Subscription> {
  const end = validityEnd(input.plan, input.startAt, input.timeZone)
  if (!end.ok) return end
  return ok({
    id: input.id,
    planId: input.plan.id,
    customerId: input.customerId,
    storeId: input.storeId,
    startAt: input.startAt,
    endAt: end.value,
    status: 'active',
    pausedAt: null,
    pauses: [],
    redemptions: {},
  })
}

/** Pauses an active pass (冻结) ([PAS-2]). */
export function pauseSubscription(sub: Subscription, at: number): Result<Subscription> {
  if (sub.status !== 'active' || at >= sub.endAt) {
    return err('PASS_INVALID_TRANSITION', '只有有效中的卡可以暂停', { subscriptionId: sub.id, status: sub.status })
  }
  return ok({ ...sub, status: 'paused', pausedAt: at })
}

/** Resumes a paused pass; validity is extended by the time it was paused ([PAS-2]). */
export function resumeSubscription(sub: Subscription, at: number): Result<Subscription> {
  if (sub.status !== 'paused' || sub.pausedAt === null || at < sub.pausedAt) {
    return err('PASS_INVALID_TRANSITION', '这张卡没有暂停', { subscriptionId: sub.id, status: sub.status })
  }
  const paused = at - sub.pausedAt
  return ok({
    ...sub,
    status: 'active',
    pausedAt: null,
    endAt: sub.endAt + paused,
    pauses: [...sub.pauses, { from: sub.pausedAt, to: at }],
  })
}

/** Cancels at the end of the current period: usable until then, nothing due after ([PAS-3]). */
export function cancelAtPeriodEnd(
  sub: Subscription,
  plan: PassPlan,
  at: number,
  timeZone: string,
): Result<Subscription> {
  if (sub.status !== 'active' || at >= sub.endAt) {
    return err('PASS_INVALID_TRANSITION', '只有有效中的卡可以取消', { subscriptionId: sub.id, status: sub.status })
  }
  const period = periodAt(plan, sub.startAt, at, timeZone)
  if (!period.ok) return period
  const end = period.value?.end ?? at
  return ok({ ...sub, status: 'cancelled_at_period_end', endAt: Math.min(sub.endAt, end) })
}
