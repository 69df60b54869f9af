/**
 * Contracts of what a customer pays for ahead of time: passes and drink plans (this file's first half),
 * 拼团 group buys, and the WeChat subscribe messages those flows send (second half).
 */
import { z } from 'zod'
import { PaymentDue } from './booking'

const fen = z.number().int()
const epochMs = z.number().int().min(0).max(4_102_444_800_000)
const clientId = z.string().regex(/^[0-9a-zA-Z-]{8,64}$/, 'must be 8–64 letters, digits or dashes')
const refId = z.string().min(1).max(64)

/** A plan for sale: a pass used by scanning (次卡, 月卡) or a drink plan that orders every period. */
export const PassPlanView = z.object({
  id: z.string(),
  kind: z.enum(['pass', 'drink_plan']),
  name: z.string(),
  description: z.string(),
  priceFen: fen,
  validityPeriods: z.number().int(),
  schedule: z.union([
    z.object({ type: z.literal('interval'), every: z.number().int(), unit: z.enum(['day', 'week', 'month']) }),
    z.object({ type: z.literal('cron'), expr: z.string() }),
  ]),
  totalUses: z.number().int().optional(),
  usesPerPeriod: z.number().int().optional(),
  usesPerDay: z.number().int().optional(),
  valueCapFen: fen.optional(),
  itemIds: z.array(z.string()).optional(),
})
/** A parsed plan. */
export type PassPlanView = z.infer<typeof PassPlanView>

/** `GET /api/stores/:storeId/passes/plans`. */
export const PassPlansResponse = z.object({ plans: z.array(PassPlanView) })
/** A parsed plan list. */
export type PassPlansResponse = z.infer<typeof PassPlansResponse>

/** `POST …/passes`: buy a plan (a normal WeChat Pay payment; no auto-debit). Retrying with the same id is the same purchase. */
export const PurchasePassRequest = z.object({ planId: refId, subscriptionId: clientId.optional() })
/** A parsed purchase request. */
export type PurchasePassRequest = z.infer<typeof PurchasePassRequest>

/** What a pass is now: waiting for its payment, or the domain's state (expired is derived from time). */
export const PASS_VIEW_STATUSES = ['pending_payment', 'active', 'paused', 'cancelled_at_period_end', 'expired'] as const

/** One use of a pass; an undone one stays listed with `undoneAt`. */
export const RedemptionView = z.object({
  id: z.string(),
  at: epochMs,
  itemId: z.string(),
  priceFen: fen,
  coveredFen: fen,
  /** What the customer pays on top (精洗补差价). */
  payFen: fen,
  undoneAt: epochMs.nullable(),
})
/** A parsed redemption. */
export type RedemptionView = z.infer<typeof RedemptionView>

/** A customer's pass or drink plan. */
export const SubscriptionView = z.object({
  id: z.string(),
  storeId: z.string(),
  planId: z.string(),
  planName: z.string(),
  kind: z.enum(['pass', 'drink_plan']),
  status: z.enum(PASS_VIEW_STATUSES),
  startAt: epochMs.nullable(),
  endAt: epochMs.nullable(),
  /** Uses left overall (次卡) or today (月卡 with a daily cap); null when unlimited. */
  usesLeft: z.number().int().nullable(),
  /** Drink plans: periods still to come (skipped ones excluded). */
  periodsLeft: z.number().int().nullable(),
  nextPeriod: z.object({ key: z.string(), start: epochMs }).nullable(),
  skipped: z.array(z.string()),
  purchaseOrderId: z.string(),
  priceFen: fen,
  redemptions: z.array(RedemptionView),
})
/** A parsed subscription. */
export type SubscriptionView = z.infer<typeof SubscriptionView>

/** The answer to a purchase: the pass (pending until paid) and what to pay. */
export const PurchasePassResponse = z.object({
  subscription: SubscriptionView,
  payment: PaymentDue,
  duplicate: z.boolean(),
})
/** A parsed purchase response. */
export type PurchasePassResponse = z.infer<typeof PurchasePassResponse>

/** One pass, or a customer's passes. */
export const SubscriptionResponse = z.object({ subscription: SubscriptionView })
/** A parsed subscription response. */
export type SubscriptionResponse = z.infer<typeof SubscriptionResponse>

/** `GET …/passes/mine`. */
export const SubscriptionListResponse = z.object({ subscriptions: z.array(SubscriptionView) })
/** A parsed list. */
export type SubscriptionListResponse = z.infer<typeof SubscriptionListResponse>

/** `GET …/passes/:id/code`: the QR code staff scan; signed, naming the pass, valid a few minutes. */
export const PassCodeResponse = z.object({ code: z.string(), expiresAt: epochMs })
/** A parsed code response. */
export type PassCodeResponse = z.infer<typeof PassCodeResponse>

/** `POST …/passes/redeem` (staff): one use of the scanned pass. Retrying the same `redemptionId` is one use. */
export const RedeemPassRequest = z.object({
  code: z.string().min(10).max(300),
  itemId: refId,
  skuId: refId.optional(),
  redemptionId: clientId,
})
/** A parsed redeem request. */
export type RedeemPassRequest = z.infer<typeof RedeemPassRequest>

/** The use recorded and the pass after it. */
export const RedeemPassResponse = z.object({ redemption: RedemptionView, subscription: SubscriptionView })
/** A parsed redeem response. */
export type RedeemPassResponse = z.infer<typeof RedeemPassResponse>

/** `POST …/passes/:id/skip`: skip one coming period of a drink plan (validity grows by that period). */
export const SkipPeriodRequest = z.object({ periodKey: z.string().min(10).max(16) })
/** A parsed skip request. */
export type SkipPeriodRequest = z.infer<typeof SkipPeriodRequest>

/** A 拼团 offer of the store: a price per person when `size` people join within the window. */
export const GroupOfferView = z.object({
  id: z.string(),
  name: z.string(),
  itemId: z.string(),
  skuId: z.string(),
  /** The menu price of what one person gets. */
  regularFen: fen,
  /** What each member pays. */
  groupFen: fen,
  size: z.number().int(),
  windowMinutes: z.number().int(),
})
/** A parsed offer. */
export type GroupOfferView = z.infer<typeof GroupOfferView>

/** `GET …/groupbuys/offers`. */
export const GroupOffersResponse = z.object({ offers: z.array(GroupOfferView) })
/** A parsed offer list. */
export type GroupOffersResponse = z.infer<typeof GroupOffersResponse>

/** `POST …/groupbuys`: start a team from an offer (the starter's seat is taken and must be paid). */
export const OpenGroupBuyRequest = z.object({ offerId: refId })
/** A parsed open request. */
export type OpenGroupBuyRequest = z.infer<typeof OpenGroupBuyRequest>

/** 拼团 lifecycle as the client sees it. */
export const GROUP_BUY_VIEW_STATUSES = ['open', 'succeeded', 'failed'] as const

/** A member's seat: held while paying, then paid; refunded when the team failed or the payment came too late. */
export const GroupMemberView = z.object({
  memberId: z.string(),
  nickname: z.string(),
  status: z.enum(['pending', 'paid', 'lapsed', 'refunding', 'refunded']),
  orderId: z.string(),
  joinedAt: epochMs,
})
/** A parsed member. */
export type GroupMemberView = z.infer<typeof GroupMemberView>

/** A team. */
export const GroupBuyView = z.object({
  id: z.string(),
  storeId: z.string(),
  offerId: z.string(),
  name: z.string(),
  size: z.number().int(),
  paid: z.number().int(),
  closesAt: epochMs,
  status: z.enum(GROUP_BUY_VIEW_STATUSES),
  groupFen: fen,
  members: z.array(GroupMemberView),
})
/** A parsed team. */
export type GroupBuyView = z.infer<typeof GroupBuyView>

/** The answer to opening or joining: the team, and what this member pays. */
export const GroupSeatResponse = z.object({ groupBuy: GroupBuyView, payment: PaymentDue, duplicate: z.boolean() })
/** A parsed seat response. */
export type GroupSeatResponse = z.infer<typeof GroupSeatResponse>

/** `GET …/groupbuys/:id`. */
export const GroupBuyResponse = z.object({ groupBuy: GroupBuyView })
/** A parsed team response. */
export type GroupBuyResponse = z.infer<typeof GroupBuyResponse>

/**
 * A WeChat subscribe message (`subscribeMessage.send` body): `data` maps template keys (`thing1`,
 * `time2`, `amount3`, `phrase4`, `character_string5`…) to `{ value }`.
 */
export const SubscribeMessage = z.object({
  touser: z.string(),
  template_id: z.string(),
  page: z.string().optional(),
  data: z.record(z.string(), z.object({ value: z.string() })),
  miniprogram_state: z.enum(['developer', 'trial', 'formal']).optional(),
  lang: z.enum(['zh_CN', 'en_US', 'zh_HK', 'zh_TW']).optional(),
})
/** A parsed subscribe message. */
export type SubscribeMessage = z.infer<typeof SubscribeMessage>

/** A message in the outbox: queued, then sent (the demo marks it sent) or failed. */
export const NotificationView = z.object({
  id: z.string(),
  kind: z.enum(['order_ready', 'booking_reminder', 'group_outcome']),
  status: z.enum(['queued', 'sent', 'failed']),
  message: SubscribeMessage,
  createdAt: epochMs,
  sentAt: epochMs.nullable(),
  result: z.looseObject({ errcode: z.number().int(), errmsg: z.string() }).nullable(),
})
/** A parsed notification. */
export type NotificationView = z.infer<typeof NotificationView>

/** `GET …/notifications` (owner): the newest messages first. */
export const NotificationListResponse = z.object({ notifications: z.array(NotificationView) })
/** A parsed notification list. */
export type NotificationListResponse = z.infer<typeof NotificationListResponse>

/** A refund a flow owes (a failed 拼团, a cancelled paid booking) and how far its saga got. */
export const RefundView = z.object({
  outRefundNo: z.string(),
  orderId: z.string(),
  amountFen: fen,
  reason: z.string(),
  source: z.string(),
  status: z.enum(['pending', 'requested', 'succeeded', 'failed']),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: epochMs,
  updatedAt: epochMs,
})
/** A parsed refund. */
export type RefundView = z.infer<typeof RefundView>

/** `GET /api/stores/:storeId/refunds` (owner). */
export const RefundListResponse = z.object({ refunds: z.array(RefundView) })
/** A parsed refund list. */
export type RefundListResponse = z.infer<typeof RefundListResponse>
