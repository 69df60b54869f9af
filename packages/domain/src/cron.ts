import { err, ok, type Result } from './errors'
import { addDays, dayKeyToUtc, localTime, zonedTimeToEpoch } from './zoned-time'

/**
 * A parsed 5-field cron expression (`minute hour day-of-month month day-of-week`). Supported per field:
 * `*`, numbers, lists `a,b`, ranges `a-b` and steps `*\/n`, `a-b/n`. Day-of-week 0 and 7 are Sunday.
 * As in Vixie cron, when both day fields are restricted a day matching either one matches ([PAS-6]).
 */
export interface CronSpec {
  readonly minutes: readonly number[]
  readonly hours: readonly number[]
  readonly daysOfMonth: ReadonlySet<number>
  readonly months: ReadonlySet<number>
  readonly daysOfWeek: ReadonlySet<number>
  readonly domRestricted: boolean
  readonly dowRestricted: boolean
}

const FIELDS = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12 },
  { name: 'day-of-week', min: 0, max: 7 },
] as const

function parseField(text: string, min: number, max: number): number[] | null {
  const out = new Set<number>()
  for (const part of text.split(',')) {
    const m = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part)
    if (m === null) return null
    const lo = m[1] === '*' ? min : Number(m[2])
    const hi = m[1] === '*' ? max : m[3] !== undefined ? Number(m[3]) : m[4] !== undefined ? max : lo
    const step = m[4] !== undefined ? Number(m[4]) : 1
    if (lo < min || hi > max || lo > hi || step < 1) return null
    for (let v = lo; v <= hi; v += step) out.add(v)
  }
  return [...out].sort((a, b) => a - b)
}

/** Parses a 5-field cron expression, or INVALID_CRON. */
export function parseCron(expr: string): Result<CronSpec> {
  const parts = expr.trim().split(/\s+/)
  if (parts.length !== 5) return err('INVALID_CRON', `cron 需要 5 个字段: ${expr}`, { expr })
  const fields: number[][] = []
  for (let i = 0; i < 5; i++) {
    const f = FIELDS[i] as (typeof FIELDS)[number]
    const values = parseField(parts[i] as string, f.min, f.max)
    if (values === null) return err('INVALID_CRON', `cron 字段无效 (${f.name}): ${parts[i]}`, { expr, field: f.name })
    fields.push(values)
  }
  const dow = new Set((fields[4] as number[]).map((d) => d % 7))
  return ok({
    minutes: fields[0] as number[],
    hours: fields[1] as number[],
    daysOfMonth: new Set(fields[2]),
    months: new Set(fields[3]),
    daysOfWeek: dow,
    domRestricted: parts[2] !== '*',
    dowRestricted: parts[4] !== '*',
  })
}

function dayMatches(spec: CronSpec, dayKey: string): boolean {
  const d = new Date(dayKeyToUtc(dayKey))
  if (!spec.months.has(d.getUTCMonth() + 1)) return false
  const dom = spec.daysOfMonth.has(d.getUTCDate())
  const dow = spec.daysOfWeek.has(d.getUTCDay())
  if (spec.domRestricted && spec.dowRestricted) return dom || dow
  if (spec.domRestricted) return dom
  if (spec.dowRestricted) return dow
  return true
}

/** The instants in `[from, to)` at which the expression fires, on the store's wall clock, ascending. */
export function cronOccurrences(spec: CronSpec, from: number, to: number, timeZone: string): number[] {
  const out: number[] = []
  if (to <= from) return out
  const last = localTime(to, timeZone).dayKey
  for (let day = localTime(from, timeZone).dayKey; day <= last; day = addDays(day, 1)) {
    if (!dayMatches(spec, day)) continue
    for (const h of spec.hours) {
      for (const m of spec.minutes) {
        const t = zonedTimeToEpoch(day, h * 60 + m, timeZone)
        if (t >= from && t < to && out[out.length - 1] !== t) out.push(t)
      }
    }
  }
  return out.sort((a, b) => a - b)
}
