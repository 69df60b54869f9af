import type { Booking, BookingDay, BookingPolicy, Interval, Service } from './booking'
import { canServe, isBlocking, occupancyMin } from './booking'

/** An offered start time and how many resources could take it. */
export interface Slot {
  readonly start: number
  /** End of the service itself (without the cleanup buffer). */
  readonly end: number
  /** Free resources (assigned mode) or remaining capacity (deferred mode). */
  readonly free: number
}

/** When availability is computed. */
export interface SlotContext {
  readonly now: number
  readonly policy: BookingPolicy
}

const MINUTE = 60_000
const DAY = 86_400_000

/**
 * Candidate starts: a grid from each opening interval's start, stepping by the slot interval (not the
 * duration, [BKG-2]), whose whole occupancy fits the interval and that respect minimum notice and the
 * booking window ([BKG-3]).
 */
export function candidateStarts(open: readonly Interval[], service: Service, ctx: SlotContext): number[] {
  const step = (service.slotIntervalMin ?? service.durationMin) * MINUTE
  const occ = occupancyMin(service) * MINUTE
  const earliest = ctx.now + ctx.policy.minNoticeMin * MINUTE
  const latest = ctx.now + ctx.policy.windowDays * DAY
  const out: number[] = []
  if (step <= 0) return out
  for (const o of open) {
    for (let s = o.start; s + occ <= o.end; s += step) {
      if (s >= earliest && s <= latest) out.push(s)
    }
  }
  return out
}

/** Blocking bookings per resource, sorted by start. */
export function busyByResource(bookings: readonly Booking[], now: number): Map<string | null, Booking[]> {
  const map = new Map<string | null, Booking[]>()
  for (const b of bookings) {
    if (!isBlocking(b, now)) continue
    let list = map.get(b.resourceId)
    if (list === undefined) {
      list = []
      map.set(b.resourceId, list)
    }
    list.push(b)
  }
  for (const list of map.values()) list.sort((a, b) => a.start - b.start)
  return map
}

/**
 * The day's bookable starts for a service ([BKG-2]). Assigned mode: a start is offered when at least one
 * capable resource is free for the whole occupancy. Deferred mode: when fewer bookings than capable
 * resources overlap anywhere in it ([BKG-7]). Expired holds are ignored ([BKG-5]).
 */
export function availableSlots(day: BookingDay, service: Service, ctx: SlotContext): Slot[] {
  const starts = candidateStarts(day.open, service, ctx)
  const occ = occupancyMin(service) * MINUTE
  const dur = service.durationMin * MINUTE
  const capable = day.resources.filter((r) => canServe(r, service))
  const free = new Array<number>(starts.length).fill(0)
  const busy = busyByResource(day.bookings, ctx.now)
  if (ctx.policy.mode === 'deferred') {
    const pool = new Set(capable.map((r) => r.id))
    const active: Booking[] = []
    for (const [rid, list] of busy) if (rid === null || pool.has(rid)) active.push(...list)
    const S = active.map((b) => b.start).sort((a, b) => a - b)
    const E = active.map((b) => b.end).sort((a, b) => a - b)
    for (let k = 0; k < starts.length; k++) {
      const s = starts[k] as number
      free[k] = capable.length - maxOverlap(S, E, s, s + occ)
    }
  } else {
    for (const r of capable) {
      const list = busy.get(r.id) ?? []
      let p = 0
      for (let k = 0; k < starts.length; k++) {
        const s = starts[k] as number
        while (p < list.length && (list[p] as Booking).end <= s) p++
        // Bookings on one resource never overlap, so the first one ending after s decides.
        if (p === list.length || (list[p] as Booking).start >= s + occ) free[k] = (free[k] as number) + 1
      }
    }
  }
  const out: Slot[] = []
  for (let k = 0; k < starts.length; k++) {
    const f = free[k] as number
    if (f > 0) out.push({ start: starts[k] as number, end: (starts[k] as number) + dur, free: f })
  }
  return out
}

/** How many of the intervals (sorted starts `S`, sorted ends `E`) overlap at most in `[from, to)`. */
export function maxOverlap(S: readonly number[], E: readonly number[], from: number, to: number): number {
  let best = countAt(S, E, from)
  for (let j = upperBound(S, from); j < S.length && (S[j] as number) < to; j++) {
    best = Math.max(best, countAt(S, E, S[j] as number))
  }
  return best
}

function countAt(S: readonly number[], E: readonly number[], t: number): number {
  return upperBound(S, t) - upperBound(E, t)
}

function upperBound(xs: readonly number[], t: number): number {
  let lo = 0
  let hi = xs.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if ((xs[mid] as number) <= t) lo = mid + 1
    else hi = mid
  }
  return lo
}
