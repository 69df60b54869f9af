/**
 * The business day an instant belongs to in a store: the local date in the store's time zone, shifted
 * back by the cutoff, so a sale at 01:30 with a 04:00 cutoff counts for the day before.
 */
export function businessDayOf(at: number, timeZone: string, cutoff: string): string {
  const [h, m] = cutoff.split(':').map(Number)
  const shifted = at - ((h ?? 0) * 60 + (m ?? 0)) * 60_000
  return localDate(shifted, timeZone)
}

const formatters = new Map<string, Intl.DateTimeFormat>()

function localDate(at: number, timeZone: string): string {
  let f = formatters.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    formatters.set(timeZone, f)
  }
  return f.format(at)
}

const clockFormatters = new Map<string, Intl.DateTimeFormat>()
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']

/** The local minute of the day (0–1439) and weekday (0 = Sunday) of an instant in a time zone. */
export function localClock(at: number, timeZone: string): { minuteOfDay: number; weekday: number } {
  let f = clockFormatters.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      hour: '2-digit',
      minute: '2-digit',
      weekday: 'short',
    })
    clockFormatters.set(timeZone, f)
  }
  const parts = Object.fromEntries(f.formatToParts(at).map((p) => [p.type, p.value]))
  return {
    minuteOfDay: Number(parts.hour) * 60 + Number(parts.minute),
    weekday: WEEKDAYS.indexOf(parts.weekday ?? 'Sun'),
  }
}
