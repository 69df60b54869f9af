import { addDays, businessDayRange } from '@xiaodian/domain'
import { saveRecipes, saveStock } from '../reports/purchasing'
import { SalesReports } from '../reports/sales-reports'
import type { Services } from '../services'
import { seedDemoBookings } from './demo-bookings'
import { DEMO_RECIPES } from './demo-recipes'
import { type SeedOptions, type SeedResult, seedDemoSales } from './demo-sales'

/**
 * The living demo (`SEED_DEMO=1`): on an empty database, a month of sales for each demo shop through
 * the ingest path, then the finished days' reports computed once so the owner's first 30-day view is
 * fast. Stores that already have orders are left alone.
 */
export async function seedDemo(s: Services, opts: SeedOptions = {}): Promise<SeedResult & { warmMs: number }> {
  const result = await seedDemoSales(s, opts)
  const t0 = performance.now()
  const reports = new SalesReports(s.db, s.stores, s.now)
  for (const storeId of result.stores) {
    // The bays belong to another part of the shop; a demo without them still comes up.
    await seedDemoBookings(s, storeId).catch((err) => s.log.warn({ err, storeId }, 'demo bookings not seeded'))
    const demo = DEMO_RECIPES[storeId]
    const today = reports.today(storeId)
    if (demo) {
      // Counted when the shop opened this morning (09:00 local), or now if that is still ahead.
      const cal = reports.calendar(storeId)
      const opening =
        businessDayRange(today, cal.timeZone, cal.cutoffMinutes).start + (9 * 60 - cal.cutoffMinutes) * 60_000
      await saveRecipes(s.db, storeId, demo.recipes)
      const counts = Object.entries(demo.stock).map(([ingredientId, quantity]) => ({ ingredientId, quantity }))
      await saveStock(s.db, storeId, counts, Math.min(opening, s.now()), '店长')
    }
    await reports.warm(storeId, addDays(today, -((opts.days ?? 30) + 7)), addDays(today, -1))
  }
  return { ...result, warmMs: Math.round(performance.now() - t0) }
}

/**
 * `SEED_DEMO=1` at start: seeds in the background so the shop is reachable at once (the dashboard fills
 * in over the order stream), and says on stdout when the demo is ready.
 */
export async function seedDemoInBackground(
  s: Services,
  out: { write(text: string): unknown } = process.stdout,
): Promise<void> {
  try {
    const r = await seedDemo(s)
    s.log.info(r, 'demo data')
    out.write(
      r.stores.length > 0
        ? `  demo      ready: ${r.orders} orders over 30 days seeded in ${((r.ms + r.warmMs) / 1000).toFixed(1)} s\n`
        : '  demo      ready (seeded before)\n',
    )
  } catch (err) {
    s.log.error({ err }, 'demo seeding stopped')
  }
}
