/**
 * Store-local time from epoch ms and an IANA time zone, with `Intl.DateTimeFormat` (pure: no clock is
 * read). Day keys are `YYYY-MM-DD` strings in the store's calendar.
 */

/** A local calendar reading of an instant. */
export interface LocalTime {
  readonly year: number
  readonly month: number
  readonly day: number
  readonly hour: number
  readonly minute: number
  /** 0 = Sunday. */
  readonly weekday: number
  /** `YYYY-MM-DD`. */
  readonly dayKey: string
  readonly minuteOfDay: number
}

const MINUTE = 60_000
const DAY = 86_400_000
const formatters = new Map<string, Intl.DateTimeFormat>()
// Offsets change at most a few times a year, so memoising per 15-minute bucket is exact and cheap.
const offsetCache = new Map<string, number>()

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone)
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
    formatters.set(timeZone, f)
  }
  return f
}

/** The zone's offset from UTC at an instant, in ms (Asia/Shanghai: +8 h). */
export function zoneOffsetMs(epochMs: number, timeZone: string): number {
  const key = `${timeZone}|${Math.floor(epochMs / (15 * MINUTE))}`
  const hit = offsetCache.get(key)
  if (hit !== undefined) return hit
  const parts = formatter(timeZone).formatToParts(new Date(epochMs))
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value)
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'))
  const offset = asUtc - (epochMs - (((epochMs % 1000) + 1000) % 1000))
  if (offsetCache.size > 50_000) offsetCache.clear()
  offsetCache.set(key, offset)
  return offset
}

/** Formats a UTC-calendar day number as `YYYY-MM-DD`. */
function keyOfUtc(ms: number): string {
  const d = new Date(ms)
  const y = d.getUTCFullYear()
  const m = d.getUTCMonth() + 1
  const day = d.getUTCDate()
  return `${y}-${m < 10 ? '0' : ''}${m}-${day < 10 ? '0' : ''}${day}`
}

/** Reads an instant on the store's wall clock. */
export function localTime(epochMs: number, timeZone: string): LocalTime {
  const local = epochMs + zoneOffsetMs(epochMs, timeZone)
  const d = new Date(local)
  const hour = d.getUTCHours()
  const minute = d.getUTCMinutes()
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour,
    minute,
    weekday: d.getUTCDay(),
    dayKey: keyOfUtc(local),
    minuteOfDay: hour * 60 + minute,
  }
}

/** Parses `YYYY-MM-DD` to the UTC midnight of that calendar day (a day number, not an instant). */
export function dayKeyToUtc(dayKey: string): number {
  const [y, m, d] = dayKey.split('-').map(Number)
  return Date.UTC(y as number, (m as number) - 1, d as number)
}

/** The day key `n` calendar days after `dayKey`. */
export function addDays(dayKey: string, n: number): string {
  return keyOfUtc(dayKeyToUtc(dayKey) + n * DAY)
}

/** The weekday of a day key, 0 = Sunday. */
export function weekdayOf(dayKey: string): number {
  return new Date(dayKeyToUtc(dayKey)).getUTCDay()
}

/** The instant at local `minuteOfDay` on local day `dayKey` (minutes ≥ 1440 run into the next days). */
export function zonedTimeToEpoch(dayKey: string, minuteOfDay: number, timeZone: string): number {
  const wall = dayKeyToUtc(dayKey) + minuteOfDay * MINUTE
  let guess = wall - zoneOffsetMs(wall, timeZone)
  const second = wall - zoneOffsetMs(guess, timeZone)
  if (second !== guess) guess = second
  return guess
}

/**
 * The business day an instant belongs to: the local day, shifted back by the cutoff, so with a 04:00
 * cutoff 02:00 belongs to the previous day ([TIM-1]).
 */
export function businessDayOf(epochMs: number, timeZone: string, cutoffMinutes = 0): string {
  return localTime(epochMs - cutoffMinutes * MINUTE, timeZone).dayKey
}

/** The half-open instant range `[start, end)` of a business day. */
export function businessDayRange(
  dayKey: string,
  timeZone: string,
  cutoffMinutes = 0,
): { readonly start: number; readonly end: number } {
  return {
    start: zonedTimeToEpoch(dayKey, cutoffMinutes, timeZone),
    end: zonedTimeToEpoch(addDays(dayKey, 1), cutoffMinutes, timeZone),
  }
}
