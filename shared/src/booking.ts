import { z } from 'zod'

const fen = z.number().int()
/** An instant in epoch ms, up to 2100 (beyond it dates are not bookings, and Intl refuses some). */
const epochMs = z.number().int().min(0).max(4_102_444_800_000)
/** Ids the client may choose (UUIDs): letters, digits and dashes. */
const clientId = z.string().regex(/^[0-9a-zA-Z-]{8,64}$/, 'must be 8–64 letters, digits or dashes')
const refId = z.string().min(1).max(64)

/** A local calendar day in the store's time zone, `2026-11-23`. */
export const DayKey = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'must be YYYY-MM-DD')

/** Booking lifecycle as stored: a hold while paying, confirmed once paid, cancelled, or a hold that lapsed. */
export const BOOKING_VIEW_STATUSES = ['held', 'confirmed', 'cancelled', 'expired'] as const

/** A bookable service (标准洗车 30 min + 10 min cleanup) with the SKUs it can be sold as. */
export const BookingServiceView = z.object({
  id: z.string(),
  name: z.string(),
  durationMin: z.number().int(),
  bufferMin: z.number().int(),
  slotIntervalMin: z.number().int(),
  requires: z.array(z.string()),
  itemId: z.string(),
  skus: z.array(z.object({ id: z.string(), name: z.string(), priceFen: fen })),
})
/** A parsed service. */
export type BookingServiceView = z.infer<typeof BookingServiceView>

/** A bay (or technician, table) and what it can do. */
export const BookingResourceView = z.object({ id: z.string(), name: z.string(), capabilities: z.array(z.string()) })
/** A parsed resource. */
export type BookingResourceView = z.infer<typeof BookingResourceView>

/** `GET /api/stores/:storeId/booking/services`: what can be booked, where, and the store's rules. */
export const BookingServicesResponse = z.object({
  services: z.array(BookingServiceView),
  resources: z.array(BookingResourceView),
  policy: z.object({
    minNoticeMin: z.number().int(),
    windowDays: z.number().int(),
    holdMinutes: z.number().int(),
    cancelCutoffMin: z.number().int(),
    rescheduleCutoffMin: z.number().int(),
    mode: z.enum(['assigned', 'deferred']),
  }),
  timeZone: z.string(),
})
/** A parsed services response. */
export type BookingServicesResponse = z.infer<typeof BookingServicesResponse>

/** `GET …/booking/availability?serviceId=&date=`. */
export const AvailabilityQuery = z.object({ serviceId: refId, date: DayKey })
/** A parsed availability query. */
export type AvailabilityQuery = z.infer<typeof AvailabilityQuery>

/** An offered start: `end` is the end of the service itself; `free` is how many bays could take it. */
export const SlotView = z.object({ start: epochMs, end: epochMs, free: z.number().int(), label: z.string() })
/** A parsed slot. */
export type SlotView = z.infer<typeof SlotView>

/** The day's bookable starts for one service. */
export const AvailabilityResponse = z.object({
  date: DayKey,
  serviceId: z.string(),
  open: z.array(z.object({ start: epochMs, end: epochMs })),
  slots: z.array(SlotView),
})
/** A parsed availability response. */
export type AvailabilityResponse = z.infer<typeof AvailabilityResponse>

/** `POST …/booking/holds`: hold a start while paying. A retried request with the same `bookingId` is the same hold. */
export const HoldRequest = z.object({
  bookingId: clientId.optional(),
  serviceId: refId,
  /** Which SKU (轿车 / SUV) is priced; the service's first one when left out. */
  skuId: refId.optional(),
  start: epochMs,
  notes: z.string().max(200).optional(),
})
/** A parsed hold request. */
export type HoldRequest = z.infer<typeof HoldRequest>

/** A booking as the client sees it. `end` is the end of the service; `occupiedUntil` adds the cleanup buffer. */
export const BookingView = z.object({
  id: z.string(),
  storeId: z.string(),
  serviceId: z.string(),
  serviceName: z.string(),
  skuId: z.string().nullable(),
  resourceId: z.string().nullable(),
  resourceName: z.string().nullable(),
  start: epochMs,
  end: epochMs,
  occupiedUntil: epochMs,
  localDay: DayKey,
  status: z.enum(BOOKING_VIEW_STATUSES),
  holdExpiresAt: epochMs.nullable(),
  checkedInAt: epochMs.nullable(),
  cancelReason: z.string().nullable(),
  orderId: z.string(),
  amountFen: fen,
  customerId: z.string().nullable(),
})
/** A parsed booking. */
export type BookingView = z.infer<typeof BookingView>

/** What the mini-program needs to pay for a hold: WeChat Pay's `out_trade_no` is the order id. */
export const PaymentDue = z.object({ outTradeNo: z.string(), amountFen: fen, payBefore: epochMs.nullable() })
/** A parsed payment due. */
export type PaymentDue = z.infer<typeof PaymentDue>

/** `201` answer to a hold. */
export const HoldResponse = z.object({ booking: BookingView, payment: PaymentDue, duplicate: z.boolean() })
/** A parsed hold response. */
export type HoldResponse = z.infer<typeof HoldResponse>

/** `409 SLOT_TAKEN` answer to a hold: the nearest starts still free for the same service. */
export const SlotTakenResponse = z.object({
  error: z.looseObject({ code: z.literal('SLOT_TAKEN'), message: z.string(), nearest: z.array(SlotView) }),
})
/** A parsed slot-taken answer. */
export type SlotTakenResponse = z.infer<typeof SlotTakenResponse>

/** `POST …/booking/bookings/:id/reschedule`: move to another start of the same service. */
export const RescheduleRequest = z.object({ start: epochMs })
/** A parsed reschedule request. */
export type RescheduleRequest = z.infer<typeof RescheduleRequest>

/** `POST …/booking/bookings/:id/cancel`. */
export const CancelBookingRequest = z.object({ reason: z.string().max(100).optional() })
/** A parsed cancel request. */
export type CancelBookingRequest = z.infer<typeof CancelBookingRequest>

/** One booking, or a list of them. */
export const BookingResponse = z.object({ booking: BookingView })
/** A parsed booking response. */
export type BookingResponse = z.infer<typeof BookingResponse>

/** `GET …/booking/bookings?date=` (staff) and `GET …/booking/mine` (consumer). */
export const BookingListResponse = z.object({ bookings: z.array(BookingView) })
/** A parsed booking list. */
export type BookingListResponse = z.infer<typeof BookingListResponse>

/** `GET …/booking/bookings?date=`. */
export const BookingListQuery = z.object({ date: DayKey })
/** A parsed list query. */
export type BookingListQuery = z.infer<typeof BookingListQuery>
