/** A half-open instant range `[start, end)` in epoch ms. */
export interface Interval {
  readonly start: number
  readonly end: number
}

/** Something a booking occupies: a bay, a technician, a table. */
export interface Resource {
  readonly id: string
  readonly name: string
  /** What it can do (`lift`, `indoor`); a service lists what it requires. */
  readonly capabilities: readonly string[]
}

/** A bookable service (普洗 30 min + 10 min cleanup). */
export interface Service {
  readonly id: string
  readonly name: string
  readonly durationMin: number
  /** Cleanup after the service; the resource stays occupied. */
  readonly bufferMin: number
  /** Capabilities the resource must have. */
  readonly requires: readonly string[]
  /** Distance between offered start times; defaults to the duration. */
  readonly slotIntervalMin?: number
}

/** Booking lifecycle: a hold while paying, confirmed once paid, or cancelled. */
export const BOOKING_STATUSES = ['held', 'confirmed', 'cancelled'] as const
/** One of {@link BOOKING_STATUSES}. */
export type BookingStatus = (typeof BOOKING_STATUSES)[number]

/** A booking occupying `[start, end)` (service plus buffer) on one resource. */
export interface Booking {
  readonly id: string
  /** Null while assignment is deferred to check-in. */
  readonly resourceId: string | null
  readonly serviceId: string
  readonly start: number
  /** End of the occupied range, buffer included. */
  readonly end: number
  readonly status: BookingStatus
  /** For holds: the instant the hold lapses. */
  readonly holdExpiresAt: number | null
}

/** The store's booking rules. */
export interface BookingPolicy {
  /** Earliest start is now + this many minutes. */
  readonly minNoticeMin: number
  /** Latest start is now + this many days. */
  readonly windowDays: number
  /** How long an unpaid hold keeps its range (default 15). */
  readonly holdMinutes?: number
  /**
   * `assigned`: a booking names its resource at once (best fit). `deferred`: interchangeable resources,
   * feasible while fewer than N bookings overlap; the resource is chosen at check-in.
   */
  readonly mode?: 'assigned' | 'deferred'
  /** Occupancy (duration + buffer, minutes) of the shortest service, for fragmentation scoring. */
  readonly shortestServiceMin?: number
}

/** One day of a store's booking state. */
export interface BookingDay {
  /** The day's opening intervals, epoch ms (from `openingIntervals` or the caller). */
  readonly open: readonly Interval[]
  readonly resources: readonly Resource[]
  readonly bookings: readonly Booking[]
}

/** Whether a booking blocks its range at `now`: confirmed, or a hold that has not expired ([BKG-5]). */
export function isBlocking(booking: Booking, now: number): boolean {
  if (booking.status === 'confirmed') return true
  return booking.status === 'held' && booking.holdExpiresAt !== null && booking.holdExpiresAt > now
}

/** Whether a resource has every capability a service requires. */
export function canServe(resource: Resource, service: Service): boolean {
  return service.requires.every((c) => resource.capabilities.includes(c))
}

/** Minutes a service occupies a resource (duration plus buffer). */
export function occupancyMin(service: Service): number {
  return service.durationMin + service.bufferMin
}
