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
