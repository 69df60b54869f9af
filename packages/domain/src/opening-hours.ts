import type { Interval } from './booking'
import type { MinuteWindow } from './catalog'
import { addDays, weekdayOf, zonedTimeToEpoch } from './zoned-time'

/** Opening windows per weekday, index 0 = Sunday; each window in local minutes of day. */
export type WeeklyHours = readonly (readonly MinuteWindow[])[]

/** A date whose hours replace the weekly ones; empty windows close the day. */
export interface DateOverride {
  readonly date: string
  readonly windows: readonly MinuteWindow[]
}

/**
 * The opening intervals of a local day as epoch ms ([BKG-1]). A date override replaces the weekly hours;
 * a window whose end is before its start runs past midnight.
 */
export function openingIntervals(
  dayKey: string,
  hours: WeeklyHours,
  overrides: readonly DateOverride[],
  timeZone: string,
): Interval[] {
  const override = overrides.find((o) => o.date === dayKey)
  const windows = override !== undefined ? override.windows : (hours[weekdayOf(dayKey)] ?? [])
  const out: Interval[] = []
  for (const w of windows) {
    const start = zonedTimeToEpoch(dayKey, w.fromMinute, timeZone)
    const end =
      w.toMinute > w.fromMinute
        ? zonedTimeToEpoch(dayKey, w.toMinute, timeZone)
        : zonedTimeToEpoch(addDays(dayKey, 1), w.toMinute, timeZone)
    if (end > start) out.push({ start, end })
  }
  return out.sort((a, b) => a.start - b.start)
}
