import { z } from 'zod'

/** A business day, `YYYY-MM-DD`, in the store's calendar (its time zone, shifted by its cutoff). */
export const ReportDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a day as YYYY-MM-DD')
  .refine((d) => {
    const t = Date.parse(`${d}T00:00:00Z`)
    return Number.isFinite(t) && new Date(t).toISOString().startsWith(d)
  }, 'must be a real calendar day')
/** A parsed {@link ReportDay}. */
export type ReportDay = z.infer<typeof ReportDay>

/** The longest range one report may cover, in days. */
export const REPORT_MAX_DAYS = 92

/**
 * `GET /api/stores/:storeId/reports/daily`: one business day (`day`, default today) or an inclusive range
 * (`from` and `to`).
 */
export const ReportQuery = z
  .object({ day: ReportDay.optional(), from: ReportDay.optional(), to: ReportDay.optional() })
  .refine((q) => !(q.day && (q.from || q.to)), { message: 'give either day or from and to, not both' })
  .refine((q) => (q.from === undefined) === (q.to === undefined), { message: 'from and to go together' })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'from must not be after to', path: ['from'] })
  .refine((q) => !q.from || !q.to || (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 + 1 <= REPORT_MAX_DAYS, {
    message: `a range covers at most ${REPORT_MAX_DAYS} days`,
    path: ['to'],
  })
/** A parsed {@link ReportQuery}. */
export type ReportQuery = z.infer<typeof ReportQuery>

/** One business day (`day`), for reconciliation and purchasing; each route documents its default. */
export const DayQuery = z.object({ day: ReportDay.optional() })
/** A parsed {@link DayQuery}. */
export type DayQuery = z.infer<typeof DayQuery>

const fen = z.number().int()
const count = z.number().int().min(0)

/** Gross (line subtotals before discounts), discounts, refunds and net = gross − discounts − refunds, in fen. */
export const SalesFigures = z.object({
  orders: count,
  grossFen: fen,
  discountFen: fen,
  refundFen: fen,
  netFen: fen,
})
/** A parsed {@link SalesFigures}. */
export type SalesFigures = z.infer<typeof SalesFigures>

/** One item's units and money. */
export const ItemSales = z.object({
  itemId: z.string(),
  name: z.string(),
  quantity: count,
  grossFen: fen,
  netFen: fen,
})
/** A parsed {@link ItemSales}. */
export type ItemSales = z.infer<typeof ItemSales>

/** How many units carried one option (how many cups had pearls). */
export const OptionSales = z.object({ groupId: z.string(), optionId: z.string(), name: z.string(), quantity: count })
/** A parsed {@link OptionSales}. */
export type OptionSales = z.infer<typeof OptionSales>

/** One promotion's use: the orders it applied to, their share of all orders, and what it cost the shop. */
export const PromotionSales = z.object({
  promotionId: z.string(),
  name: z.string(),
  orders: count,
  rate: z.number().min(0).max(1),
  costFen: fen,
})
/** A parsed {@link PromotionSales}. */
export type PromotionSales = z.infer<typeof PromotionSales>

/** Passes sold against passes redeemed (the prepaid liability moving). */
export const PassFigures = z.object({
  soldCount: count,
  soldFen: fen,
  redeemedCount: count,
  redeemedValueFen: fen,
})
/** A parsed {@link PassFigures}. */
export type PassFigures = z.infer<typeof PassFigures>

/** The domain's daily sales (`dailySales`), or several days of them added up. */
export const SalesSummary = SalesFigures.extend({
  /** (gross − discounts) / orders, rounded to the fen. */
  averageTicketFen: fen,
  feesFen: fen,
  cancelledOrders: count,
  byChannel: z.record(z.string(), SalesFigures),
  byItem: z.array(ItemSales),
  byOption: z.array(OptionSales),
  /** 24 buckets by the local hour an order was created (refunds by the hour they were made). */
  byHour: z.array(SalesFigures).length(24),
  promotions: z.array(PromotionSales),
  passes: PassFigures,
})
/** A parsed {@link SalesSummary}. */
export type SalesSummary = z.infer<typeof SalesSummary>

/** One day's headline figures, for the trend over a range. */
export const DayFigures = SalesFigures.extend({ day: ReportDay })
/** A parsed {@link DayFigures}. */
export type DayFigures = z.infer<typeof DayFigures>

/** How busy the bookable resources (car wash bays) were: booked minutes over open minutes. */
export const BayUtilisation = z.object({
  bookedMinutes: count,
  openMinutes: count,
  rate: z.number().min(0),
  resources: z.array(
    z.object({ resourceId: z.string(), name: z.string(), bookedMinutes: count, openMinutes: count, rate: z.number() }),
  ),
})
/** A parsed {@link BayUtilisation}. */
export type BayUtilisation = z.infer<typeof BayUtilisation>

/** The answer to a report query: the period, the same period a whole number of weeks earlier, and notes. */
export const SalesReportResponse = z.object({
  storeId: z.string(),
  timeZone: z.string(),
  /** The business-day cutoff, `HH:MM`. */
  cutoff: z.string(),
  from: ReportDay,
  to: ReportDay,
  /** True when the period includes the current business day (figures still move). */
  live: z.boolean(),
  sales: SalesSummary,
  daily: z.array(DayFigures),
  /**
   * The same weekdays one week earlier (a range of n days: ⌈n/7⌉ weeks earlier). While the period is
   * live, its last day is compared only up to the same time of day, `until` (epoch ms).
   */
  comparison: z.object({ from: ReportDay, to: ReportDay, until: z.number().int().optional(), sales: SalesSummary }),
  /** Present only where the store has bookable resources with bookings. */
  bayUtilisation: BayUtilisation.optional(),
  /** What the report could not include, and why. */
  notes: z.array(z.string()),
  generatedAt: z.number().int(),
})
/** A parsed {@link SalesReportResponse}. */
export type SalesReportResponse = z.infer<typeof SalesReportResponse>

/** The kinds of order trouble the owner is told about. */
export const ATTENTION_KINDS = {
  meituanNotAccepted: 'meituan_not_accepted',
  paymentWithoutOrder: 'payment_without_order',
  paidNotDone: 'paid_not_done',
  refundWaiting: 'refund_waiting',
} as const
/** One of {@link ATTENTION_KINDS}. */
export type AttentionKind = (typeof ATTENTION_KINDS)[keyof typeof ATTENTION_KINDS]
const attentionKind = z.enum(Object.values(ATTENTION_KINDS) as [AttentionKind, ...AttentionKind[]])

/** `GET …/attention`: how long is too long, in minutes. */
export const AttentionQuery = z.object({
  /** A Meituan order not accepted after this many minutes. */
  acceptMinutes: z.coerce.number().int().min(1).max(240).default(5),
  /** A paid order not done after this many minutes. */
  doneMinutes: z.coerce.number().int().min(1).max(1440).default(30),
})
/** A parsed {@link AttentionQuery}. */
export type AttentionQuery = z.infer<typeof AttentionQuery>

/** One thing that needs the owner's attention. */
export const AttentionItem = z.object({
  kind: attentionKind,
  /** Stable across refreshes (order id, transaction id or refund id with its kind). */
  key: z.string(),
  orderId: z.string().nullable(),
  channel: z.string().nullable(),
  pickupNumber: z.number().int().nullable(),
  /** Since when (epoch ms). */
  since: z.number().int(),
  waitingMinutes: count,
  amountFen: fen,
  detail: z.string(),
})
/** A parsed {@link AttentionItem}. */
export type AttentionItem = z.infer<typeof AttentionItem>

/** The needs-attention list, oldest first. */
export const AttentionResponse = z.object({
  storeId: z.string(),
  now: z.number().int(),
  /** The store's order-stream position when this was read: follow the stream after it to refresh. */
  seq: z.number().int().min(0),
  acceptMinutes: z.number().int(),
  doneMinutes: z.number().int(),
  items: z.array(AttentionItem),
  counts: z.record(z.string(), count),
})
/** A parsed {@link AttentionResponse}. */
export type AttentionResponse = z.infer<typeof AttentionResponse>

/** Why a reconciliation line does not match. */
export const RECONCILIATION_REASONS = {
  paymentWithoutOrder: 'payment_without_order',
  orderWithoutPayment: 'order_without_payment',
  amountMismatch: 'amount_mismatch',
  paidTwice: 'paid_twice',
  cancelledNotRefunded: 'cancelled_not_refunded',
  refundExceedsPayment: 'refund_exceeds_payment',
  refundWithoutOrder: 'refund_without_order',
  notInSystem: 'not_in_system',
  notInBill: 'not_in_bill',
  billAmountMismatch: 'bill_amount_mismatch',
  billRefundNotInSystem: 'bill_refund_not_in_system',
  billSummaryMismatch: 'bill_summary_mismatch',
} as const
/** One of {@link RECONCILIATION_REASONS}. */
export type ReconciliationReason = (typeof RECONCILIATION_REASONS)[keyof typeof RECONCILIATION_REASONS]

/** One mismatch, with its reason and the two amounts that disagree. */
export const Mismatch = z.object({
  reason: z.enum(Object.values(RECONCILIATION_REASONS) as [ReconciliationReason, ...ReconciliationReason[]]),
  orderId: z.string().nullable(),
  transactionId: z.string().nullable(),
  refundId: z.string().nullable(),
  /** What our records say, fen. */
  expectedFen: fen.nullable(),
  /** What the other side says, fen. */
  actualFen: fen.nullable(),
  /** The trade bill's line number, for bill mismatches. */
  line: z.number().int().nullable(),
  message: z.string(),
})
/** A parsed {@link Mismatch}. */
export type Mismatch = z.infer<typeof Mismatch>

const moneyCount = z.object({ count, amountFen: fen })

/** The result of matching a WeChat Pay trade bill (交易账单) against the payment notifications. */
export const TradeBillResult = z.object({
  /** The bill's natural day (WeChat Pay cuts bills at 00:00 Beijing time, not at the store's cutoff). */
  billDay: ReportDay,
  importedAt: z.number().int(),
  rows: count,
  payments: moneyCount,
  refunds: moneyCount,
  /** The bill's own summary rows, and whether the lines add up to them. */
  summary: z.object({ declaredRows: count, declaredOrderFen: fen, declaredRefundFen: fen, consistent: z.boolean() }),
  matched: count,
  mismatches: z.array(Mismatch),
})
/** A parsed {@link TradeBillResult}. */
export type TradeBillResult = z.infer<typeof TradeBillResult>

/** `POST …/reconciliation/tradebill` as JSON (a `text/csv` body is accepted as it is). */
export const TradeBillRequest = z.object({ csv: z.string().min(1) })
/** A parsed {@link TradeBillRequest}. */
export type TradeBillRequest = z.infer<typeof TradeBillRequest>

/** `GET …/reconciliation?day=`: one business day's orders, payment notifications and refunds side by side. */
export const ReconciliationResponse = z.object({
  storeId: z.string(),
  day: ReportDay,
  channels: z.record(z.string(), z.object({ orders: count, totalFen: fen, paidFen: fen, refundFen: fen })),
  payments: moneyCount,
  refunds: moneyCount,
  matched: count,
  mismatches: z.array(Mismatch),
  /** The last trade bill imported for the same calendar day, if any. */
  tradeBill: TradeBillResult.nullable(),
})
/** A parsed {@link ReconciliationResponse}. */
export type ReconciliationResponse = z.infer<typeof ReconciliationResponse>

const ingredientId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be lowercase letters, digits or dashes')

/** An ingredient the shop buys, in the unit it is counted in. */
export const Ingredient = z.object({
  id: ingredientId,
  name: z.string().min(1).max(40),
  /** g, ml, 个, 瓶 … */
  unit: z.string().min(1).max(8),
  /** Bought in packs of this many units (a 3 kg bag of pearls: 3000). */
  packSize: z.number().positive(),
  packName: z.string().max(16).optional(),
})
/** A parsed {@link Ingredient}. */
export type Ingredient = z.infer<typeof Ingredient>

/** How much of one ingredient one unit sold uses. */
export const RecipeLine = z.object({ ingredientId, quantity: z.number().positive() })
/** A parsed {@link RecipeLine}. */
export type RecipeLine = z.infer<typeof RecipeLine>

/** A store's recipes: per SKU (one cup of 珍珠奶茶 大杯) and per option (加珍珠 → 珍珠 50 g). */
export const Recipes = z
  .object({
    ingredients: z.array(Ingredient).max(200),
    skus: z.record(z.string(), z.array(RecipeLine).max(20)),
    options: z.record(z.string(), z.array(RecipeLine).max(20)),
  })
  .refine(
    (r) => {
      const known = new Set(r.ingredients.map((i) => i.id))
      return [...Object.values(r.skus), ...Object.values(r.options)].every((lines) =>
        lines.every((l) => known.has(l.ingredientId)),
      )
    },
    { message: 'every recipe line must name a listed ingredient' },
  )
/** A parsed {@link Recipes}. */
export type Recipes = z.infer<typeof Recipes>

/** `PUT …/stock`: what staff counted in the storeroom. */
export const StockCountRequest = z.object({
  counts: z
    .array(z.object({ ingredientId, quantity: z.number().min(0).max(1e9) }))
    .min(1)
    .max(200),
})
/** A parsed {@link StockCountRequest}. */
export type StockCountRequest = z.infer<typeof StockCountRequest>

/** The last count of each ingredient. */
export const StockResponse = z.object({
  items: z.array(
    z.object({
      ingredientId: z.string(),
      name: z.string(),
      unit: z.string(),
      quantity: z.number().nullable(),
      countedAt: z.number().int().nullable(),
      countedBy: z.string().nullable(),
    }),
  ),
})
/** A parsed {@link StockResponse}. */
export type StockResponse = z.infer<typeof StockResponse>

/** One ingredient of the purchase list. */
export const PurchaseLine = z.object({
  ingredientId: z.string(),
  name: z.string(),
  unit: z.string(),
  /** Last counted stock, or null when never counted (treated as 0). */
  counted: z.number().nullable(),
  countedAt: z.number().int().nullable(),
  /** Used by orders since the count. */
  usedSinceCount: z.number(),
  /** Expected use for the rest of the current business day. */
  expectedRestOfToday: z.number(),
  /** Stock expected when the purchase day opens (may be negative: a stock-out before then). */
  expectedOpening: z.number(),
  /** Expected use on the purchase day from the same weekdays' sales. */
  forecastUse: z.number(),
  /** Use already known: bookings, drink plans, open 拼团. */
  knownUse: z.number(),
  /** Forecast + known + safety stock. */
  need: z.number(),
  suggestedQuantity: z.number(),
  packs: count,
  /** Runs out before the purchase day starts. */
  stockOutBeforeDay: z.boolean(),
  /** Without buying, the local hour of the purchase day it runs out, or null. */
  stockOutHour: z.number().int().min(0).max(23).nullable(),
})
/** A parsed {@link PurchaseLine}. */
export type PurchaseLine = z.infer<typeof PurchaseLine>

/** `GET …/purchasing?day=`: what to buy for `day` (default: the next business day). */
export const PurchaseSuggestionResponse = z.object({
  storeId: z.string(),
  forDay: ReportDay,
  /** The past business days (same weekday) the forecast used. */
  history: z.array(ReportDay),
  lines: z.array(PurchaseLine),
  notes: z.array(z.string()),
})
/** A parsed {@link PurchaseSuggestionResponse}. */
export type PurchaseSuggestionResponse = z.infer<typeof PurchaseSuggestionResponse>
