import type { Fen } from './money'
import type { Channel } from './order'

/** Every promotion rule kind. Item-level kinds discount units; order-level kinds discount the cart. */
export const PROMOTION_KINDS = [
  'threshold',
  'order_percent',
  'item_percent',
  'item_amount',
  'item_price',
  'nth_item',
  'buy_x_get_y',
] as const
/** One of {@link PROMOTION_KINDS}. */
export type PromotionKind = (typeof PROMOTION_KINDS)[number]

/** Whether a kind discounts units (item level) or the order (applied after item-level discounts). */
export function promotionLevel(kind: PromotionKind): 'item' | 'order' {
  return kind === 'threshold' || kind === 'order_percent' ? 'order' : 'item'
}

/** One 满减 tier: spend at least `minFen`, get `offFen` off. */
export interface ThresholdTier {
  readonly minFen: Fen
  readonly offFen: Fen
}

/** What a promotion does. */
export type PromotionRule =
  /**
   * 满减: the highest tier reached applies (满30减5 / 满50减12). A tier with `minFen: 0` is a flat 立减.
   * `repeat` makes it 每满: every full `minFen` takes `offFen` again (每满30减5 on ¥65 is ¥10), up to
   * `maxOffFen`; with several tiers the best-paying one counts.
   */
  | {
      readonly kind: 'threshold'
      readonly tiers: readonly ThresholdTier[]
      readonly repeat?: boolean
      readonly maxOffFen?: Fen
    }
  /** 满折: percent off the order once it reaches `minFen`, optionally capped. */
  | { readonly kind: 'order_percent'; readonly percentOff: number; readonly minFen?: Fen; readonly maxOffFen?: Fen }
  /** Percent off each unit in scope (全场8折 is `percentOff: 20`). */
  | { readonly kind: 'item_percent'; readonly percentOff: number }
  /** A fixed amount off each unit in scope, never below zero. */
  | { readonly kind: 'item_amount'; readonly offFen: Fen }
  /** 特价: each unit in scope sells at `priceFen` (when that is lower). */
  | { readonly kind: 'item_price'; readonly priceFen: Fen }
  /**
   * 第N件: in every group of `n` units (most expensive first) the last unit gets `percentOff` off, or sells
   * at `priceFen` (第二杯半价 is `n: 2, percentOff: 50`).
   */
  | { readonly kind: 'nth_item'; readonly n: number; readonly percentOff?: number; readonly priceFen?: Fen }
  /** 买X送Y: in every group of `buy + get` units (most expensive first) the cheapest `get` are free. */
  | { readonly kind: 'buy_x_get_y'; readonly buy: number; readonly get: number }

/** Which lines a promotion touches; an empty scope means every line. */
export interface PromotionScope {
  readonly categoryIds?: readonly string[]
  readonly itemIds?: readonly string[]
  readonly skuIds?: readonly string[]
}

/** A weekly local time window (happy hour). `days` are 0 = Sunday … 6 = Saturday; absent = every day. */
export interface PromotionWindow {
  readonly days?: readonly number[]
  readonly fromMinute: number
  readonly toMinute: number
}

/** When a promotion may apply at all. Every condition present must hold. */
export interface PromotionConditions {
  /** Only on these channels (e.g. not on Meituan). */
  readonly channels?: readonly Channel[]
  /** Only inside one of these local windows. */
  readonly windows?: readonly PromotionWindow[]
  /** Valid from this instant (epoch ms, inclusive). */
  readonly validFrom?: number
  /** Valid until this instant (epoch ms, exclusive). */
  readonly validUntil?: number
  /** Only for a customer's first order (新客立减). */
  readonly newCustomerOnly?: boolean
  /** A coupon: the customer must hold this coupon id. */
  readonly couponId?: string
  /** At most this many uses per customer, counted by the caller and passed in the context. */
  readonly perCustomerLimit?: number
}

/** A promotion the merchant configured, or a coupon a customer holds. */
export interface Promotion {
  readonly id: string
  readonly name: string
  readonly rule: PromotionRule
  readonly scope?: PromotionScope
  readonly conditions?: PromotionConditions
  /** False: applies only alone (不可与其他优惠同享). */
  readonly stackable: boolean
  /** At most one promotion of the same group applies (e.g. one coupon per order). */
  readonly exclusivityGroup?: string
  /** Per-order cap: units (per-unit kinds) or groups (第N件, 买X送Y) discounted per order. */
  readonly perOrderLimit?: number
}

/** The customer, as promotions need them. */
export interface PromotionCustomer {
  readonly isNew: boolean
  /** Coupon ids the customer holds and may use now. */
  readonly couponIds: readonly string[]
  /** Promotion id → times this customer already used it. */
  readonly usage: Readonly<Record<string, number>>
}

/** When and where the cart is being priced. */
export interface PromotionContext {
  /** Epoch ms. */
  readonly now: number
  readonly channel: Channel
  /** Local minute of day in the store's time zone. */
  readonly minuteOfDay: number
  /** Local weekday, 0 = Sunday. */
  readonly weekday: number
  readonly customer?: PromotionCustomer
}

/** A cart line as promotions see it. */
export interface PromotionLine {
  readonly id: string
  readonly itemId: string
  readonly categoryId: string
  readonly skuId: string
  readonly unitPriceFen: Fen
  readonly quantity: number
}
