import type { Fen } from './money'

/**
 * How a plan's periods are cut, in the store's time zone: every N days / weeks / months from the local
 * day the subscription starts, or the instants a 5-field cron expression fires ([PAS-6]).
 */
export type PassSchedule =
  | { readonly type: 'interval'; readonly every: number; readonly unit: 'day' | 'week' | 'month' }
  | { readonly type: 'cron'; readonly expr: string }

/** A pass or subscription plan (周卡 drink plan, 10次洗车卡, 月卡 with a daily cap). */
export interface PassPlan {
  readonly id: string
  readonly name: string
  readonly priceFen: Fen
  readonly schedule: PassSchedule
  /** How many periods the pass is valid for. */
  readonly validityPeriods: number
  /** Uses allowed per period. */
  readonly usesPerPeriod?: number
  /** Uses allowed per local calendar day. */
  readonly usesPerDay?: number
  /** Uses over the whole validity (a 10-wash pass). */
  readonly totalUses?: number
  /** The most one use covers; the excess is paid on top (精洗补差价). */
  readonly valueCapFen?: Fen
  /** Items the pass covers; absent = every item. */
  readonly itemIds?: readonly string[]
}

/** The stored states; `expired` is derived from time by `subscriptionState`. */
export const SUBSCRIPTION_STATUSES = ['active', 'paused', 'cancelled_at_period_end'] as const
/** One of {@link SUBSCRIPTION_STATUSES}. */
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number]

/** What a subscription is at an instant: a stored status, or `expired` once its validity ended. */
export type SubscriptionState = SubscriptionStatus | 'expired'

/** One use of a pass. Undone redemptions stay for the audit trail but no longer count. */
export interface Redemption {
  readonly id: string
  readonly at: number
  readonly periodKey: string
  readonly dayKey: string
  readonly itemId: string
  readonly priceFen: Fen
  readonly coveredFen: Fen
  /** What the customer pays on top. */
  readonly payFen: Fen
  readonly undoneAt: number | null
}

/** A customer's pass. */
export interface Subscription {
  readonly id: string
  readonly planId: string
  readonly customerId: string
  readonly storeId: string
  readonly startAt: number
  /** End of validity (exclusive); pauses push it later, cancel-at-period-end pulls it in. */
  readonly endAt: number
  readonly status: SubscriptionStatus
  readonly pausedAt: number | null
  /** Closed pauses, `[from, to)`. */
  readonly pauses: readonly { readonly from: number; readonly to: number }[]
  readonly redemptions: Readonly<Record<string, Redemption>>
}

/** The state at `now` ([PAS-1]): paused stays paused; otherwise expired once `now ≥ endAt`. */
export function subscriptionState(sub: Subscription, now: number): SubscriptionState {
  if (sub.status === 'paused') return 'paused'
  return now >= sub.endAt ? 'expired' : sub.status
}
