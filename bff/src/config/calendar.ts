import { businessDayOf as domainBusinessDayOf, localTime } from '@xiaodian/domain'

/** Minutes after midnight of a store's `HH:MM` business-day cutoff. */
function cutoffMinutes(cutoff: string): number {
  const [h, m] = cutoff.split(':').map(Number)
  return (h ?? 0) * 60 + (m ?? 0)
}

/**
 * The business day an instant belongs to in a store, from its configured time zone and `HH:MM` cutoff
 * (the rule itself is the domain's [TIM-1]).
 */
export function businessDayOf(at: number, timeZone: string, cutoff: string): string {
  return domainBusinessDayOf(at, timeZone, cutoffMinutes(cutoff))
}

/** The local minute of the day (0–1439) and weekday (0 = Sunday) of an instant in a time zone. */
export function localClock(at: number, timeZone: string): { minuteOfDay: number; weekday: number } {
  const t = localTime(at, timeZone)
  return { minuteOfDay: t.minuteOfDay, weekday: t.weekday }
}
