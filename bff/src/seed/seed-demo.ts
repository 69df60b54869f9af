import { addDays } from '@xiaodian/domain'
import { SalesReports } from '../reports/sales-reports'
import type { Services } from '../services'
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
    const today = reports.today(storeId)
    await reports.warm(storeId, addDays(today, -((opts.days ?? 30) + 7)), addDays(today, -1))
  }
  return { ...result, warmMs: Math.round(performance.now() - t0) }
}
