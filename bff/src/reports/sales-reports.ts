import { addDays, businessDayOf, businessDayRange, type DailySales, dailySales } from '@xiaodian/domain'
import type { SalesReportResponse } from '@xiaodian/shared'
import type { Store, StoreDirectory } from '../config/stores'
import type { Database } from '../db/database'
import { AppError } from '../http/errors'
import { combineSales } from './combine'
import { bayUtilisation, passActivity } from './extras'
import { type DayKey, LiveDay } from './live-day'
import { asSalesInput, type InstantRange, ordersForDay, type ReportOrder } from './order-source'
import { syncReports } from './report-sync'

/** Live days kept in memory (today of each store, plus a few others asked for recently). */
const MAX_LIVE_DAYS = 8

/** A store's calendar: its zone and business-day cutoff. */
export interface StoreCalendar {
  readonly store: Store
  readonly timeZone: string
  readonly cutoff: string
  readonly cutoffMinutes: number
}

/** Minutes after local midnight of an `HH:MM` cutoff. */
export function cutoffMinutes(cutoff: string): number {
  const [h, m] = cutoff.split(':').map(Number)
  return (h ?? 0) * 60 + (m ?? 0)
}

/**
 * The owner's sales reports. Each business day is the domain's `dailySales` over that day's orders;
 * this class only finds the orders and keeps finished days:
 * - a finished day is computed once and kept in `report_days` until an order of it changes (the
 *   projection's catch-up drops the row, see {@link syncReports}), so a 30-day range reads 30 small rows;
 * - the current day lives in memory ({@link LiveDay}) and follows new orders by delta.
 */
export class SalesReports {
  readonly #db: Database
  readonly #stores: StoreDirectory
  readonly #now: () => number
  readonly #live = new Map<string, LiveDay>()
  readonly #partial = new Map<
    string,
    { watermark: number; orders: ReportOrder[]; last?: { until: number; sales: DailySales } }
  >()
  /** The projection's position after this process's last catch-up, per store. */
  readonly #synced = new Map<string, number>()
  readonly #warmedAt = new Map<string, number>()

  constructor(db: Database, stores: StoreDirectory, now: () => number) {
    this.#db = db
    this.#stores = stores
    this.#now = now
  }

  /** The store's calendar, or 404. */
  calendar(storeId: string): StoreCalendar {
    const store = this.#stores.byId(storeId)
    if (!store) throw new AppError('NOT_FOUND', `no store ${storeId}`)
    const cutoff = store.businessDayCutoff
    return { store, timeZone: store.timeZone, cutoff, cutoffMinutes: cutoffMinutes(cutoff) }
  }

  /** The current business day of a store. */
  today(storeId: string): string {
    const cal = this.calendar(storeId)
    return businessDayOf(this.#now(), cal.timeZone, cal.cutoffMinutes)
  }

  /** The instant range `[start, end)` of a store's business day. */
  range(storeId: string, day: string): InstantRange {
    const cal = this.calendar(storeId)
    return businessDayRange(day, cal.timeZone, cal.cutoffMinutes)
  }

  #key(storeId: string, day: string): DayKey {
    const cal = this.calendar(storeId)
    return { storeId, day, timeZone: cal.timeZone, cutoffMinutes: cal.cutoffMinutes, range: this.range(storeId, day) }
  }

  /** One business day's sales (the domain's `dailySales`). */
  async day(storeId: string, day: string): Promise<DailySales> {
    const [sales] = await this.days(storeId, [day])
    return sales as DailySales
  }

  /** Several business days' sales, in the order asked. */
  async days(storeId: string, days: readonly string[]): Promise<DailySales[]> {
    const now = this.#now()
    const keys = days.map((d) => this.#key(storeId, d))
    const watermark = await syncReports(this.#db, storeId)
    this.#synced.set(storeId, watermark)
    const finished = keys.filter((k) => k.range.end <= now).map((k) => k.day)
    const cached = new Map<string, DailySales>()
    if (finished.length > 0) {
      const rows = await this.#db.query<{ day: string; report: string }>(
        'select day, report::text as report from report_days where store_id = $1 and day = any($2::text[])',
        [storeId, finished],
      )
      for (const r of rows) cached.set(r.day, JSON.parse(r.report) as DailySales)
    }
    const out: DailySales[] = []
    for (const k of keys) {
      if (k.range.end > now) out.push(await this.#liveDay(k).sales(this.#db, watermark))
      else out.push(cached.get(k.day) ?? (await this.#computeFinished(k, watermark)))
    }
    return out
  }

  /** A day or an inclusive range of days, with the same weekdays earlier for comparison. */
  async report(storeId: string, from: string, to: string): Promise<SalesReportResponse> {
    const cal = this.calendar(storeId)
    const days = dayList(from, to)
    const shift = Math.ceil(days.length / 7) * 7
    const before = days.map((d) => addDays(d, -shift))
    const today = this.today(storeId)
    const liveAt = days.indexOf(today)
    if (liveAt >= 0) this.#warmSoon(storeId, today)
    // The day still going on is compared with its weekday earlier up to the same time of day.
    // To the minute: the comparison is then the same for every refresh within a minute.
    const until = liveAt >= 0 ? Math.floor((this.#now() - shift * 86_400_000) / 60_000) * 60_000 : undefined
    const full = await this.days(storeId, [...days, ...before.filter((_, i) => i !== liveAt)])
    const current = full.slice(0, days.length)
    const previous = full.slice(days.length)
    if (until !== undefined)
      previous.splice(liveAt, 0, await this.#partialDay(storeId, before[liveAt] as string, until))
    const notes: string[] = []
    const withPasses = async (list: DailySales[]) => {
      const span = {
        start: this.range(storeId, list[0]?.day ?? from).start,
        end: this.range(storeId, list.at(-1)?.day ?? to).end,
      }
      const passes = await passActivity(this.#db, storeId, span)
      if (!passes) return list
      return list.map((d) => ({
        ...d,
        passes: dailySales({ ...this.#input(storeId, d.day), orders: [], passes }).passes,
      }))
    }
    const sales = await withPasses(current)
    const comparison = await withPasses(previous)
    if (sales === current && comparison === previous) notes.push('次卡:这个数据库还没有次卡数据')
    const bays = await bayUtilisation(this.#db, storeId, days, cal.timeZone)
    if (!bays) notes.push('工位利用率:本店没有可预约的工位,未计算')
    return {
      storeId,
      timeZone: cal.timeZone,
      cutoff: cal.cutoff,
      from,
      to,
      live: liveAt >= 0,
      sales: combineSales(sales),
      daily: current.map((d) => ({
        day: d.day,
        orders: d.orders,
        grossFen: d.grossFen,
        discountFen: d.discountFen,
        refundFen: d.refundFen,
        netFen: d.netFen,
      })),
      comparison: {
        from: before[0] as string,
        to: before.at(-1) as string,
        ...(until === undefined ? {} : { until }),
        sales: combineSales(comparison),
      },
      ...(bays ? { bayUtilisation: bays } : {}),
      notes,
      generatedAt: this.#now(),
    }
  }

  /**
   * Someone is following today: compute the last five weeks' finished days that are not kept yet, in the
   * background, one at a time, so the week and month views (and tomorrow's comparison) read kept days.
   * At most every half hour per store and process.
   */
  #warmSoon(storeId: string, today: string): void {
    const now = this.#now()
    if (now - (this.#warmedAt.get(storeId) ?? Number.NEGATIVE_INFINITY) < 30 * 60_000) return
    this.#warmedAt.set(storeId, now)
    setTimeout(() => {
      this.warm(storeId, addDays(today, -35), addDays(today, -1)).catch(() => this.#warmedAt.delete(storeId))
    }, 0).unref()
  }

  #input(storeId: string, day: string) {
    const cal = this.calendar(storeId)
    return { day, timeZone: cal.timeZone, cutoffMinutes: cal.cutoffMinutes }
  }

  /** Computes every finished day in `[from, to]` that is not kept yet (after seeding, or at start-up). */
  async warm(storeId: string, from: string, to: string): Promise<number> {
    const now = this.#now()
    const keys = dayList(from, to)
      .map((d) => this.#key(storeId, d))
      .filter((k) => k.range.end <= now)
    const watermark = await syncReports(this.#db, storeId)
    const rows = await this.#db.query<{ day: string }>(
      'select day from report_days where store_id = $1 and day = any($2::text[])',
      [storeId, keys.map((k) => k.day)],
    )
    const have = new Set(rows.map((r) => r.day))
    let computed = 0
    for (const k of keys) {
      if (have.has(k.day)) continue
      await this.#computeFinished(k, watermark)
      computed++
    }
    return computed
  }

  /**
   * A finished day as it stood at `until`: the orders created before it, with only the refunds made
   * before it. The day's orders stay in memory while nothing touches them, so following a live day's
   * comparison costs the domain's computation, not a load.
   */
  async #partialDay(storeId: string, day: string, until: number): Promise<DailySales> {
    const key = this.#key(storeId, day)
    const watermark = this.#synced.get(storeId) ?? (await syncReports(this.#db, storeId))
    const id = `${storeId}|${day}`
    let kept = this.#partial.get(id)
    if (kept && kept.watermark !== watermark) {
      const moved = await this.#db.query(
        `select 1 from report_orders r where r.store_id = $1 and r.updated_at > $2
           and ((r.created_ms >= $3 and r.created_ms < $4)
             or exists (select 1 from report_refunds f where f.store_id = r.store_id and f.order_id = r.order_id
                          and f.at >= $3 and f.at < $4))
         limit 1`,
        [storeId, kept.watermark, key.range.start, key.range.end],
      )
      kept =
        moved.length > 0 ? undefined : { watermark, orders: kept.orders, ...(kept.last ? { last: kept.last } : {}) }
    }
    if (!kept) {
      kept = { watermark, orders: await ordersForDay(this.#db, storeId, key.range) }
      if (this.#partial.size >= MAX_LIVE_DAYS) this.#partial.delete(this.#partial.keys().next().value as string)
    }
    this.#partial.set(id, kept)
    if (kept.last?.until === until) return kept.last.sales
    const before = kept.orders
      .filter((o) => o.timestamps.createdAt < until || Object.values(o.refunds).some((r) => r.at < until))
      .map((o) => ({
        ...o,
        // Orders are taken as they ended up (one cancelled later that day stays cancelled).
        refunds: Object.fromEntries(Object.entries(o.refunds).filter(([, r]) => r.at < until)),
      }))
    const sales = dailySales({
      orders: asSalesInput(before),
      day,
      timeZone: key.timeZone,
      cutoffMinutes: key.cutoffMinutes,
    })
    kept.last = { until, sales }
    return sales
  }

  #liveDay(key: DayKey): LiveDay {
    const id = `${key.storeId}|${key.day}`
    let live = this.#live.get(id)
    if (!live) {
      live = new LiveDay(key)
      this.#live.set(id, live)
      if (this.#live.size > MAX_LIVE_DAYS) {
        const oldest = [...this.#live.entries()].sort((a, b) => a[1].lastUsed - b[1].lastUsed)[0]
        if (oldest) this.#live.delete(oldest[0])
      }
    }
    live.lastUsed = this.#now()
    return live
  }

  /** Computes a finished day from the projection as of `watermark` and keeps it unless it moved since. */
  async #computeFinished(key: DayKey, watermark: number): Promise<DailySales> {
    const { storeId, range } = key
    const orders = await ordersForDay(this.#db, storeId, range)
    const sales = dailySales({
      orders: asSalesInput(orders),
      day: key.day,
      timeZone: key.timeZone,
      cutoffMinutes: key.cutoffMinutes,
    })
    await this.#db.transaction(async (tx) => {
      // Catch-ups queue on this row. One that ran since `watermark` may have dropped this day before the
      // insert below (there was nothing to drop yet): keep the day only if nothing it read touches it.
      const rows = await tx.query<{ watermark: string | number }>(
        'select watermark from report_sync where store_id = $1 for update',
        [storeId],
      )
      if (Number(rows[0]?.watermark ?? -1) !== watermark) {
        const moved = await tx.query(
          `select 1 from report_orders r where r.store_id = $1 and r.updated_at > $2
             and ((r.created_ms >= $3 and r.created_ms < $4)
               or exists (select 1 from report_refunds f where f.store_id = r.store_id and f.order_id = r.order_id
                            and f.at >= $3 and f.at < $4))
           limit 1`,
          [storeId, watermark, range.start, range.end],
        )
        if (moved.length > 0) return
      }
      await tx.query(
        `insert into report_days (store_id, day, start_ms, end_ms, report) values ($1, $2, $3, $4, $5)
         on conflict (store_id, day) do update set report = excluded.report, start_ms = excluded.start_ms,
           end_ms = excluded.end_ms, computed_at = now()`,
        [storeId, key.day, range.start, range.end, JSON.stringify(sales)],
      )
    })
    return sales
  }
}

/** Every day key from `from` to `to`, inclusive. */
export function dayList(from: string, to: string): string[] {
  const out: string[] = []
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d)
  return out
}
