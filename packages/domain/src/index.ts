/**
 * @xiaodian/domain — the shop's rules as pure, deterministic functions. Time and ids are passed in;
 * nothing here touches the clock, randomness, the network or storage.
 */
// Errors, money and the catalog
export type {
  Category,
  LineSelection,
  Menu,
  MenuItem,
  MenuOption,
  MinuteWindow,
  OptionGroup,
  OptionGroupKind,
  PricedLine,
  PricedOption,
  Sku,
  SoldOutMarks,
  ItemLocation,
} from './catalog'
export { OPTION_GROUP_KINDS, findItem, inMinuteWindow } from './catalog'
export type { DomainError, ErrorCode, Result } from './errors'
export { ERROR_CODES, err, ok } from './errors'
export type { Fen } from './money'
export { Money, formatYuan, isFen, parseYuan, percentOf, sumFen } from './money'
export { splitFen } from './split-fen'
export type { PriceContext } from './price-line'
export { priceLine } from './price-line'

// Orders: the canonical order, its reducer, the replica merge, shells, status deltas and pickup numbers
export type {
  Acceptance,
  AppliedPromotionSummary,
  Channel,
  FulfilmentStatus,
  FulfilmentType,
  LineDiscount,
  Order,
  OrderAmounts,
  OrderCustomer,
  OrderLine,
  OrderTimestamps,
  PaymentRecord,
  PaymentStatus,
  RefundRecord,
  Stamp,
} from './order'
export {
  CHANNELS,
  FULFILMENT_STATUSES,
  FULFILMENT_TYPES,
  PAYMENT_STATUSES,
  derivePaymentStatus,
  fulfilmentRank,
  maskPhone,
  paidFen,
  refundableByLine,
  refundedFen,
} from './order'
export type { OrderEvent, OrderEventType } from './order-event'
export { ORDER_EVENT_TYPES } from './order-event'
export type { CreateOrderInput } from './create-order'
export { computeAmounts, createOrder } from './create-order'
export { FULFILMENT_TRANSITIONS, applyOrderEvent } from './apply-order-event'
export { compareStamps, mergeOrders, ordersEqual } from './merge-orders'
export type { ShellOrderInput } from './shell-order'
export { isShell, mergeWithShell, shellOrder } from './shell-order'
export { withStatus } from './with-status'
export { deepEqual } from './deep-equal'
export type { PickupCounter, PickupDraw } from './pickup-number'
export { formatPickupNumber, nextPickupNumber, pickupCounter } from './pickup-number'

// Promotions and cart pricing
export type {
  Promotion,
  PromotionConditions,
  PromotionContext,
  PromotionCustomer,
  PromotionKind,
  PromotionLine,
  PromotionRule,
  PromotionScope,
  PromotionWindow,
  ThresholdTier,
} from './promotion'
export { PROMOTION_KINDS, promotionLevel } from './promotion'
export { inPromotionScope, isPromotionEligible } from './promotion-eligibility'
export type { AppliedPromotion, LineAllocation, PromotionResult } from './best-promotions'
export { bestPromotions } from './best-promotions'
export type { PromotionNudge } from './promotion-nudge'
export type { Cart, CartContext, CartLine, PricedCart } from './price-cart'
export { priceCart } from './price-cart'

// Store time
export type { LocalTime } from './zoned-time'
export {
  addDays,
  businessDayOf,
  businessDayRange,
  dayKeyToUtc,
  localTime,
  weekdayOf,
  zoneOffsetMs,
  zonedTimeToEpoch,
} from './zoned-time'

// Booking
export type { Booking, BookingDay, BookingPolicy, BookingStatus, Interval, Resource, Service } from './booking'
export { BOOKING_STATUSES, canServe, isBlocking, occupancyMin } from './booking'
export type { DateOverride, WeeklyHours } from './opening-hours'
export { openingIntervals } from './opening-hours'
export type { Slot, SlotContext } from './available-slots'
export { availableSlots, candidateStarts, maxOverlap } from './available-slots'
export type { AllocationRequest } from './allocate-booking'
export { allocate, assignAtCheckIn } from './allocate-booking'

// Daily sales
export type {
  DailySales,
  DailySalesInput,
  ItemSales,
  OptionSales,
  PassActivity,
  PromotionSales,
  SalesFigures,
} from './daily-sales'
export { dailySales } from './daily-sales'

// Purchasing (以销定采)
export type { PlanIngredient, PurchaseInput, PurchasePlanLine, RecipeBook, Units } from './purchase-plan'
export {
  HISTORY_WEIGHTS,
  SAFETY_SHARE,
  forecastUnits,
  hourShares,
  ingredientUse,
  optionKey,
  purchasePlan,
  skuKey,
} from './purchase-plan'

// Passes and subscriptions
export type { CronSpec } from './cron'
export { cronOccurrences, parseCron } from './cron'
export type {
  PassPlan,
  PassSchedule,
  Redemption,
  Subscription,
  SubscriptionState,
  SubscriptionStatus,
} from './pass'
export { SUBSCRIPTION_STATUSES, subscriptionState } from './pass'
export type { PassPeriod } from './pass-periods'
export { duePeriods, periodAt, periodsBetween, validityEnd } from './pass-periods'
export type { NewSubscription } from './pass-lifecycle'
export { cancelAtPeriodEnd, createSubscription, pauseSubscription, resumeSubscription } from './pass-lifecycle'
export type { RedeemOutcome, RedeemRequest } from './pass-redeem'
export { redeem, undoRedemption } from './pass-redeem'

// Group orders
export type { GroupCart, GroupCartLine, GroupCartStatus, GroupPayMode } from './group-cart'
export {
  GROUP_CART_STATUSES,
  GROUP_PAY_MODES,
  addGroupLine,
  createGroupCart,
  editGroupLine,
  joinGroupCart,
  lockGroupCart,
} from './group-cart'
export type { MemberShare } from './group-split'
export { splitGroupBill } from './group-split'
export type { GroupBuy, GroupBuyParticipant, GroupBuyStatus, OwedRefund } from './group-buy'
export { GROUP_BUY_STATUSES, joinGroupBuy, openGroupBuy, settleGroupBuy } from './group-buy'
