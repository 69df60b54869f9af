import { cronOccurrences, parseCron } from './cron'
import { err, ok, type Result } from './errors'
import type { PassPlan, Subscription } from './pass'
import { addDays, dayKeyToUtc, localTime, zonedTimeToEpoch } from './zoned-time'

/** One period of a plan: a stable key (`2026-11-23`, or `2026-11-23T08:00` for sub-daily cron) and its range. */
export interface PassPeriod {
  readonly key: string
  readonly start: number
  readonly end: number
}

const DAY = 86_400_000
const SEARCH_DAYS = 400

function addMonths(dayKey: string, n: number): string {
  const d = new Date(dayKeyToUtc(dayKey))
  const y = d.getUTCFullYear()
  const m = d.getUTCMonth() + n
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate()
  const t = Date.UTC(y, m, Math.min(d.getUTCDate(), last))
  return localTime(t, 'UTC').dayKey
}

/**
 * The periods of a plan for a pass anchored at `anchorAt` whose start lies in `[from, to)`, ascending
 * ([PAS-6]). Interval periods start at local midnight of the anchor day plus whole units; cron periods
 * run from one firing (at or after the anchor) to the next.
 */
export function periodsBetween(
  plan: PassPlan,
  anchorAt: number,
  from: number,
  to: number,
  timeZone: string,
): Result<PassPeriod[]> {
  const s = plan.schedule
  const out: PassPeriod[] = []
  if (s.type === 'interval') {
    if (!Number.isInteger(s.every) || s.every < 1) return err('INVALID_CRON', '周期长度无效', { every: s.every })
    const anchor = localTime(anchorAt, timeZone).dayKey
    const dayAt = (k: number) =>
      s.unit === 'month' ? addMonths(anchor, k * s.every) : addDays(anchor, k * s.every * (s.unit === 'week' ? 7 : 1))
    const maxLen = (s.unit === 'month' ? 32 : s.unit === 'week' ? 7 : 1) * s.every * DAY
    const anchorStart = zonedTimeToEpoch(anchor, 0, timeZone)
    let k = Math.max(0, Math.floor((from - anchorStart) / maxLen) - 1)
    let start = zonedTimeToEpoch(dayAt(k), 0, timeZone)
    while (start < to) {
      const nextDay = dayAt(k + 1)
      const end = zonedTimeToEpoch(nextDay, 0, timeZone)
      if (start >= from) out.push({ key: dayAt(k), start, end })
      k++
      start = end
    }
    return ok(out)
  }
  const spec = parseCron(s.expr)
  if (!spec.ok) return spec
  const daily = spec.value.hours.length === 1 && spec.value.minutes.length === 1
  const keyOf = (t: number) => {
    const lt = localTime(t, timeZone)
    if (daily) return lt.dayKey
    const hh = String(lt.hour).padStart(2, '0')
    const mm = String(lt.minute).padStart(2, '0')
    return `${lt.dayKey}T${hh}:${mm}`
  }
  const starts = cronOccurrences(spec.value, Math.max(from, anchorAt), to, timeZone)
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i] as number
    const end = starts[i + 1] ?? nextFiring(spec.value, start, timeZone)
    out.push({ key: keyOf(start), start, end })
  }
  return ok(out)
}

function nextFiring(spec: Parameters<typeof cronOccurrences>[0], after: number, timeZone: string): number {
  for (const days of [2, 40, SEARCH_DAYS]) {
    const next = cronOccurrences(spec, after + 1, after + days * DAY, timeZone)[0]
    if (next !== undefined) return next
  }
  return Number.POSITIVE_INFINITY
}

/** The period containing instant `t`, or null when `t` is before the first period ([PAS-6]). */
export function periodAt(plan: PassPlan, anchorAt: number, t: number, timeZone: string): Result<PassPeriod | null> {
  for (const days of [2, 40, SEARCH_DAYS]) {
    const r = periodsBetween(plan, anchorAt, t - days * DAY, t + 1, timeZone)
    if (!r.ok) return r
    const hit = r.value.filter((p) => p.start <= t && t < p.end).pop()
    if (hit !== undefined) return ok(hit)
  }
  return ok(null)
}

/**
 * End of validity for a pass starting at `startAt`: the end of its `validityPeriods`-th period (the first
 * being the one containing the start). Cron plans are expected to fire at least monthly.
 */
export function validityEnd(plan: PassPlan, startAt: number, timeZone: string): Result<number> {
  const s = plan.schedule
  if (s.type === 'interval') {
    const anchor = localTime(startAt, timeZone).dayKey
    const n = plan.validityPeriods * s.every
    const day = s.unit === 'month' ? addMonths(anchor, n) : addDays(anchor, n * (s.unit === 'week' ? 7 : 1))
    return ok(zonedTimeToEpoch(day, 0, timeZone))
  }
  const horizon = startAt + (plan.validityPeriods + 1) * 32 * DAY
  const r = periodsBetween(plan, startAt, startAt, horizon, timeZone)
  if (!r.ok) return r
  const last = r.value[plan.validityPeriods - 1]
  return ok(last === undefined ? horizon : last.end)
}

/**
 * The periods whose start falls in `[from, to)` for which the scheduler owes work (an order, a reminder)
 * ([PAS-5]): inside validity, not inside a pause. Keys are stable, so running `[a, b)` then `[b, c)` yields
 * exactly the periods of `[a, c)`, and a restart that re-runs a range produces the same keys (deduplicated
 * by the `(subscription_id, period)` unique key).
 */
export function duePeriods(
  subscription: Subscription,
  plan: PassPlan,
  from: number,
  to: number,
  timeZone: string,
): Result<PassPeriod[]> {
  const r = periodsBetween(plan, subscription.startAt, from, Math.min(to, subscription.endAt), timeZone)
  if (!r.ok) return r
  const paused = (t: number) =>
    (subscription.pausedAt !== null && t >= subscription.pausedAt) ||
    subscription.pauses.some((p) => t >= p.from && t < p.to)
  return ok(r.value.filter((p) => !paused(p.start)))
}
