import { type DateOverride, openingIntervals, type PassActivity, type WeeklyHours } from '@xiaodian/domain'
import type { BayUtilisation } from '@xiaodian/shared'
import type { Sql } from '../db/database'
import type { InstantRange } from './order-source'

/**
 * What the sales report adds from other parts of the shop, when the store has them: passes sold and
 * redeemed (subscriptions, migration 0033) and bay utilisation (bookings, migration 0030). Both are read
 * live (never kept with the finished days: a redemption or a booking changes no order). A store without
 * them, or a database without those tables, gets a note instead.
 */

// Tables only ever appear (migrations add them), so a table found once is remembered per database.
const seen = new WeakMap<Sql, Set<string>>()

/** Whether the database has the table (another part of the shop may not be there). */
export async function hasTable(db: Sql, name: string): Promise<boolean> {
  if (seen.get(db)?.has(name)) return true
  const rows = await db.query<{ t: string | null }>('select to_regclass($1)::text as t', [name])
  const found = rows[0]?.t != null
  if (found) seen.set(db, (seen.get(db) ?? new Set()).add(name))
  return found
}

/** Passes sold (paid subscriptions, at their start) and redeemed (uses not undone) in the range. */
export async function passActivity(db: Sql, storeId: string, range: InstantRange): Promise<PassActivity | null> {
  if (!(await hasTable(db, 'subscriptions')) || !(await hasTable(db, 'pass_plans'))) return null
  const rows = await db.query<{ kind: string; at: string | number; plan_id: string; fen: string | number | null }>(
    `select 'sold' as kind, (s.doc->>'startAt')::bigint as at, s.plan_id, (p.doc->>'priceFen')::bigint as fen
       from subscriptions s join pass_plans p on p.store_id = s.store_id and p.id = s.plan_id
      where s.store_id = $1 and s.doc is not null
        and (s.doc->>'startAt')::bigint >= $2 and (s.doc->>'startAt')::bigint < $3
     union all
     select 'redeemed', (r.value->>'at')::bigint, s.plan_id, (r.value->>'coveredFen')::bigint
       from subscriptions s, jsonb_each(s.doc->'redemptions') r
      where s.store_id = $1 and s.doc is not null and r.value->>'undoneAt' is null
        and (r.value->>'at')::bigint >= $2 and (r.value->>'at')::bigint < $3`,
    [storeId, range.start, range.end],
  )
  const sold: { at: number; planId: string; priceFen: number }[] = []
  const redeemed: { at: number; planId: string; valueFen: number }[] = []
  for (const r of rows) {
    if (r.kind === 'sold') sold.push({ at: Number(r.at), planId: r.plan_id, priceFen: Number(r.fen ?? 0) })
    else redeemed.push({ at: Number(r.at), planId: r.plan_id, valueFen: Number(r.fen ?? 0) })
  }
  return { sold, redeemed }
}

interface BookingDoc {
  readonly resources?: readonly { readonly id: string; readonly name: string }[]
  readonly weeklyHours?: WeeklyHours
  readonly overrides?: readonly DateOverride[]
}

/**
 * Booked minutes over open minutes per resource for the days, or null when the store takes no bookings.
 * Booked = confirmed bookings' occupied range (cleanup included) inside the opening hours.
 */
export async function bayUtilisation(
  db: Sql,
  storeId: string,
  days: readonly string[],
  timeZone: string,
): Promise<BayUtilisation | null> {
  if (!(await hasTable(db, 'booking_configs')) || !(await hasTable(db, 'bookings'))) return null
  const cfgRows = await db.query<{ doc: string }>('select doc::text as doc from booking_configs where store_id = $1', [
    storeId,
  ])
  if (!cfgRows[0]) return null
  const cfg = JSON.parse(cfgRows[0].doc) as BookingDoc
  const resources = cfg.resources ?? []
  if (resources.length === 0 || !cfg.weeklyHours) return null
  const open = days.flatMap((d) => openingIntervals(d, cfg.weeklyHours as WeeklyHours, cfg.overrides ?? [], timeZone))
  if (open.length === 0) return null
  const from = Math.min(...open.map((i) => i.start))
  const to = Math.max(...open.map((i) => i.end))
  const rows = await db.query<{ resource_id: string; start_ms: string | number; end_ms: string | number }>(
    `select resource_id, start_ms, end_ms from bookings
      where store_id = $1 and status = 'confirmed' and resource_id is not null and start_ms < $3 and end_ms > $2`,
    [storeId, from, to],
  )
  const openMinutes = Math.round(open.reduce((s, i) => s + (i.end - i.start), 0) / 60_000)
  const booked = new Map<string, number>()
  for (const b of rows) {
    let ms = 0
    for (const i of open) ms += Math.max(0, Math.min(i.end, Number(b.end_ms)) - Math.max(i.start, Number(b.start_ms)))
    booked.set(b.resource_id, (booked.get(b.resource_id) ?? 0) + ms)
  }
  const per = resources.map((r) => {
    const bookedMinutes = Math.round((booked.get(r.id) ?? 0) / 60_000)
    return {
      resourceId: r.id,
      name: r.name,
      bookedMinutes,
      openMinutes,
      rate: openMinutes ? bookedMinutes / openMinutes : 0,
    }
  })
  const bookedMinutes = per.reduce((s, r) => s + r.bookedMinutes, 0)
  const total = openMinutes * resources.length
  return { bookedMinutes, openMinutes: total, rate: total ? bookedMinutes / total : 0, resources: per }
}
