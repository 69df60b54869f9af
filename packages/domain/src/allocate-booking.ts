import { busyByResource, candidateStarts, maxOverlap } from './available-slots'
import type { Booking, BookingDay, BookingPolicy, Resource, Service } from './booking'
import { canServe, occupancyMin } from './booking'
import { err, ok, type Result } from './errors'

/** A request to book one service at one start time. */
export interface AllocationRequest {
  readonly bookingId: string
  readonly day: BookingDay
  readonly service: Service
  readonly start: number
  readonly now: number
  readonly policy: BookingPolicy
  /** True: create an unpaid hold that lapses after `policy.holdMinutes` (default 15). */
  readonly hold?: boolean
}

const MINUTE = 60_000

/**
 * Books one contiguous range on one resource ([BKG-4]). Refuses starts outside the opening hours or off
 * the slot grid, too soon, too far ahead, or with no capable free resource. Among free resources it picks
 * the best fit ([BKG-6]): the fewest idle minutes left in fragments shorter than the shortest service,
 * then the tightest gap, then the smallest resource id. In deferred mode it only checks capacity and
 * leaves the resource unassigned ([BKG-7]).
 */
export function allocate(request: AllocationRequest): Result<Booking> {
  const { day, service, start, now, policy } = request
  const occ = occupancyMin(service) * MINUTE
  const end = start + occ
  const openHit = day.open.find((o) => start >= o.start && end <= o.end)
  if (openHit === undefined) return err('BOOKING_OUTSIDE_HOURS', '不在营业时间内', { start })
  if (start < now + policy.minNoticeMin * MINUTE) {
    return err('BOOKING_TOO_SOON', `需提前 ${policy.minNoticeMin} 分钟预约`, { start })
  }
  if (start > now + policy.windowDays * 86_400_000) {
    return err('BOOKING_TOO_FAR', `只能预约 ${policy.windowDays} 天内`, { start })
  }
  if (!candidateStarts([openHit], service, { now, policy }).includes(start)) {
    return err('BOOKING_OFF_GRID', '请选择列出的时间', { start })
  }
  const capable = day.resources.filter((r) => canServe(r, service))
  const busy = busyByResource(day.bookings, now)
  const held = request.hold === true
  const base = {
    id: request.bookingId,
    serviceId: service.id,
    start,
    end,
    status: held ? ('held' as const) : ('confirmed' as const),
    holdExpiresAt: held ? now + (policy.holdMinutes ?? 15) * MINUTE : null,
  }
  if (policy.mode === 'deferred') {
    const pool = new Set(capable.map((r) => r.id))
    const active: Booking[] = []
    for (const [rid, list] of busy) if (rid === null || pool.has(rid)) active.push(...list)
    const S = active.map((b) => b.start).sort((a, b) => a - b)
    const E = active.map((b) => b.end).sort((a, b) => a - b)
    if (maxOverlap(S, E, start, end) >= capable.length) {
      return err('BOOKING_NO_RESOURCE', '该时段已约满', { start })
    }
    return ok({ ...base, resourceId: null })
  }
  const shortest = (policy.shortestServiceMin ?? occupancyMin(service)) * MINUTE
  const pick = bestFit(capable, busy, openHit, start, end, shortest)
  if (pick === null) return err('BOOKING_NO_RESOURCE', '该时段已约满', { start })
  return ok({ ...base, resourceId: pick })
}

/**
 * Check-in for a deferred booking: binds it to a capable resource free for its range, by the same best
 * fit ([BKG-7]). Processing check-ins in start order always succeeds while overlaps stayed below N.
 */
export function assignAtCheckIn(
  booking: Booking,
  day: BookingDay,
  service: Service,
  now: number,
  policy: BookingPolicy,
): Result<Booking> {
  const open = day.open.find((o) => booking.start >= o.start && booking.end <= o.end) ?? {
    start: booking.start,
    end: booking.end,
  }
  const others = day.bookings.filter((b) => b.id !== booking.id && b.resourceId !== null)
  const busy = busyByResource(others, now)
  const shortest = (policy.shortestServiceMin ?? occupancyMin(service)) * MINUTE
  const capable = day.resources.filter((r) => canServe(r, service))
  const pick = bestFit(capable, busy, open, booking.start, booking.end, shortest)
  if (pick === null) return err('BOOKING_NO_RESOURCE', '没有空闲工位', { bookingId: booking.id })
  return ok({ ...booking, resourceId: pick })
}

function bestFit(
  capable: readonly Resource[],
  busy: Map<string | null, Booking[]>,
  open: { readonly start: number; readonly end: number },
  start: number,
  end: number,
  shortest: number,
): string | null {
  let best: { id: string; waste: number; gap: number } | null = null
  for (const r of capable) {
    const list = busy.get(r.id) ?? []
    let gapStart = open.start
    let gapEnd = open.end
    let clash = false
    for (const b of list) {
      if (b.end <= start) gapStart = Math.max(gapStart, b.end)
      else if (b.start >= end) {
        gapEnd = Math.min(gapEnd, b.start)
        break
      } else {
        clash = true
        break
      }
    }
    if (clash) continue
    const left = start - gapStart
    const right = gapEnd - end
    const waste = (left > 0 && left < shortest ? left : 0) + (right > 0 && right < shortest ? right : 0)
    const gap = left + right
    if (
      best === null ||
      waste < best.waste ||
      (waste === best.waste && (gap < best.gap || (gap === best.gap && r.id < best.id)))
    ) {
      best = { id: r.id, waste, gap }
    }
  }
  return best?.id ?? null
}
