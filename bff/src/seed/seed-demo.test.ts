import { SalesReportResponse } from '@xiaodian/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testApp } from '../test-app'
import { seedDemo } from './seed-demo'

// Sunday 2026-11-22, 14:30 in Shanghai.
const NOW = Date.UTC(2026, 10, 22, 6, 30)

describe('the living demo', () => {
  let t: Awaited<ReturnType<typeof testApp>>
  let first: Awaited<ReturnType<typeof seedDemo>>
  beforeAll(async () => {
    t = await testApp({ now: () => NOW })
    first = await seedDemo(t.services, { days: 3, scale: 0.5 })
  })
  afterAll(() => t.close())

  it('seeds both shops once, through the ingest path, with recipes, stock and bays', async () => {
    expect(first.stores).toEqual(['tea-01', 'wash-01'])
    const counts = await t.db.query<{ store_id: string; n: string | number }>(
      `select store_id, count(*) as n from order_events where type in ('order.placed', 'order.updated') group by 1 order by 1`,
    )
    expect(counts.map((c) => c.store_id)).toEqual(['tea-01', 'wash-01'])
    expect(first.orders).toBeGreaterThan(100)
    const bookings = await t.db.query<{ n: string | number }>(
      `select count(*) as n from bookings where store_id = 'wash-01'`,
    )
    expect(Number(bookings[0]?.n)).toBeGreaterThan(5)
    expect(await t.db.query(`select 1 from report_recipes`)).toHaveLength(2)
    expect((await t.db.query(`select 1 from report_days where store_id = 'tea-01'`)).length).toBeGreaterThanOrEqual(3)
    // A second start finds orders and leaves the shops alone.
    expect((await seedDemo(t.services, { days: 3 })).stores).toEqual([])
  })

  it("shows the car wash's bays as used", async () => {
    const owner = await t.staffToken('wash-01', '8888')
    const r = SalesReportResponse.parse(
      (await t.json('GET', '/api/stores/wash-01/reports/daily?day=2026-11-21', undefined, owner)).body,
    )
    expect(r.bayUtilisation?.bookedMinutes).toBeGreaterThan(0)
    expect(r.sales.orders).toBeGreaterThan(0)
  })
})
