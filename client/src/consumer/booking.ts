import { addDays, localTime } from '@xiaodian/domain'
import {
  AvailabilityResponse,
  BookingListResponse,
  BookingResponse,
  BookingServicesResponse,
  HoldResponse,
  SlotTakenResponse,
  type SlotView,
} from '@xiaodian/shared'
import type { ConsumerApi } from './api'
import { ConsumerApiError } from './api'

/** A parsed booking, as the booking API answers it. */
export type Booking = ReturnType<typeof BookingResponse.parse>['booking']
export type BookingServices = ReturnType<typeof BookingServicesResponse.parse>
export type Slot = SlotView

const base = (storeId: string) => `/api/stores/${encodeURIComponent(storeId)}/booking`

/** The booking API (`/api/stores/:storeId/booking/…`) as the consumer uses it. */
export function bookingApi(api: ConsumerApi) {
  return {
    services: (storeId: string, signal?: AbortSignal) =>
      api.call({ path: `${base(storeId)}/services`, ...(signal ? { signal } : {}) }, BookingServicesResponse),
    availability: (storeId: string, serviceId: string, date: string, signal?: AbortSignal) =>
      api.call(
        {
          path: `${base(storeId)}/availability?serviceId=${encodeURIComponent(serviceId)}&date=${date}`,
          ...(signal ? { signal } : {}),
        },
        AvailabilityResponse,
      ),
    hold: (storeId: string, body: { bookingId: string; serviceId: string; skuId?: string; start: number }) =>
      api.call({ method: 'POST', path: `${base(storeId)}/holds`, body }, HoldResponse),
    mine: (storeId: string, signal?: AbortSignal) =>
      api.call({ path: `${base(storeId)}/mine`, ...(signal ? { signal } : {}) }, BookingListResponse),
    get: (storeId: string, id: string) =>
      api.call({ path: `${base(storeId)}/bookings/${encodeURIComponent(id)}` }, BookingResponse),
    cancel: (storeId: string, id: string) =>
      api.call(
        { method: 'POST', path: `${base(storeId)}/bookings/${encodeURIComponent(id)}/cancel`, body: {} },
        BookingResponse,
      ),
    reschedule: (storeId: string, id: string, start: number) =>
      api.call(
        { method: 'POST', path: `${base(storeId)}/bookings/${encodeURIComponent(id)}/reschedule`, body: { start } },
        BookingResponse,
      ),
  }
}

/** The next `n` local days of the store, starting today: `{ key: '2026-11-23', label: '今天' | '11月24日 周二' }`. */
export function bookingDays(now: number, timeZone: string, n: number): { key: string; label: string }[] {
  const today = localTime(now, timeZone).dayKey
  const weekdays = ['周日', '周一', '周二', '周三', '周四', '周五', '周六']
  return Array.from({ length: n }, (_, i) => {
    const key = addDays(today, i)
    const [, m, d] = key.split('-').map(Number)
    const weekday = new Date(`${key}T00:00:00Z`).getUTCDay()
    const label = i === 0 ? '今天' : i === 1 ? '明天' : `${m}月${d}日`
    return { key, label: `${label} ${weekdays[weekday]}` }
  })
}

/** `HH:mm` of an instant in the store's time zone. */
export function clockLabel(at: number, timeZone: string): string {
  const t = localTime(at, timeZone)
  return `${String(t.hour).padStart(2, '0')}:${String(t.minute).padStart(2, '0')}`
}

/** `mm:ss` left until `deadline` (never negative). */
export function countdown(deadline: number, now: number): string {
  const left = Math.max(0, Math.ceil((deadline - now) / 1000))
  return `${String(Math.floor(left / 60)).padStart(2, '0')}:${String(left % 60).padStart(2, '0')}`
}

/** The nearest free starts a 409 SLOT_TAKEN answer offers instead, or undefined for any other error. */
export function slotTakenAlternatives(error: unknown): SlotView[] | undefined {
  if (!(error instanceof ConsumerApiError) || error.code !== 'SLOT_TAKEN') return undefined
  const parsed = SlotTakenResponse.safeParse(error.data)
  return parsed.success ? parsed.data.error.nearest : []
}

export const BOOKING_STATUS_LABEL = {
  held: '待支付',
  confirmed: '已确认',
  cancelled: '已取消',
  expired: '已过期',
} as const satisfies Record<Booking['status'], string>

/** Whether the customer may still cancel or move a booking (the shop's cutoff before the start). */
export function canChange(booking: Booking, cutoffMin: number, now: number): boolean {
  if (booking.status !== 'held' && booking.status !== 'confirmed') return false
  return booking.start - now >= cutoffMin * 60_000
}
