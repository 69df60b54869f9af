import { SalesReportResponse } from '@xiaodian/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testApp } from '../test-app'

// Sunday 2026-11-22, 14:30 in Shanghai.
const NOW = Date.UTC(2026, 10, 22, 6, 30)
const HOUR = 3_600_000
const local = (h: number, m = 0) => Date.UTC(2026, 10, 22, h - 8, m)

describe('passes and bays in the sales report', () => {
  let t: Awaited<ReturnType<typeof testApp>>
  let owner: string
  beforeAll(async () => {
    t = await testApp({ now: () => NOW })
    owner = await t.staffToken('wash-01', '8888')
    const redemption = (id: string, at: number, undoneAt: number | null) => ({
      id,
      at,
      periodKey: 'p1',
      dayKey: '2026-11-22',
      itemId: 'basic-wash',
      priceFen: 3500,
      coveredFen: 3500,
      payFen: 0,
      undoneAt,
    })
    const sub = {
      id: 'sub-1',
      planId: 'wash-10',
      customerId: 'c1',
      storeId: 'wash-01',
      startAt: NOW - 2 * HOUR,
      endAt: NOW + 365 * 24 * HOUR,
      status: 'active',
      pausedAt: null,
      pauses: [],
      redemptions: { r1: redemption('r1', NOW - HOUR, null), r2: redemption('r2', NOW - HOUR, NOW) },
    }
    await t.db.query(
      `insert into subscriptions (store_id, id, plan_id, customer_id, status, purchase_order_id, doc, created_ms, updated_ms)
       values ('wash-01', 'sub-1', 'wash-10', 'c1', 'active', 'o-sub-1', $1, $2, $2)`,
      [JSON.stringify(sub), NOW - 2 * HOUR],
    )
    // Bay 1 busy 10:00–10:40 (30 min wash + 10 min cleanup); a cancelled booking does not count.
    for (const [id, status] of [
      ['b1', 'confirmed'],
      ['b2', 'cancelled'],
    ] as const) {
      await t.db.query(
        `insert into bookings (store_id, id, service_id, sku_id, resource_id, start_ms, end_ms, service_end_ms, status,
           order_id, amount_fen, local_day, created_ms, updated_ms)
         values ('wash-01', $1, 'basic-wash', 'basic-wash-r', 'bay-1', $2, $3, $4, $5, $6, 3500, '2026-11-22', $7, $7)`,
        [id, local(10), local(10, 40), local(10, 30), status, `o-${id}`, NOW - 3 * HOUR],
      )
    }
  })
  afterAll(() => t.close())

  it('counts passes sold and redeemed (undone uses excluded) and bay utilisation from confirmed bookings', async () => {
    const r = SalesReportResponse.parse(
      (await t.json('GET', '/api/stores/wash-01/reports/daily', undefined, owner)).body,
    )
    expect(r.sales.passes).toEqual({ soldCount: 1, soldFen: 29_900, redeemedCount: 1, redeemedValueFen: 3500 })
    expect(r.comparison.sales.passes.soldCount).toBe(0)
    const bays = r.bayUtilisation!
    const bay1 = bays.resources.find((b) => b.resourceId === 'bay-1')!
    expect(bay1).toMatchObject({ bookedMinutes: 40, openMinutes: 12 * 60 })
    expect(bay1.rate).toBeCloseTo(40 / 720)
    expect(bays.openMinutes).toBe(12 * 60 * bays.resources.length)
    expect(bays.bookedMinutes).toBe(40)
    expect(r.notes).toEqual([])
  })

  it('omits bay utilisation, with a note, for a shop without bays', async () => {
    const teaOwner = await t.staffToken('tea-01', '9999')
    const r = SalesReportResponse.parse(
      (await t.json('GET', '/api/stores/tea-01/reports/daily', undefined, teaOwner)).body,
    )
    expect(r.bayUtilisation).toBeUndefined()
    expect(r.notes.some((n) => n.includes('工位'))).toBe(true)
  })
})
