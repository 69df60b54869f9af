import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testStorages } from '../db/test-databases'
import { type BookingRow, blockingBetween, insertBooking, isOverlap, releaseLapsedHolds } from './booking-store'
import { placeHold } from './bookings'
import { at, flowApp } from './test-flows'

function row(id: string, resourceId: string | null, start: number, end: number, extra: Partial<BookingRow> = {}) {
  const b: BookingRow = {
    storeId: 'wash-01',
    id,
    serviceId: 'basic-wash',
    skuId: null,
    resourceId,
    start,
    end,
    serviceEnd: end,
    status: 'confirmed',
    holdExpiresAt: null,
    orderId: `order-${id}`,
    customerId: 'c',
    amountFen: 3500,
    localDay: '2026-11-23',
    checkedInAt: null,
    remindedAt: null,
    cancelReason: null,
    createdMs: 0,
    updatedMs: 0,
  }
  return { ...b, ...extra }
}

for (const storage of testStorages()) {
  describe(`booking storage on ${storage.name}`, () => {
    let t: Awaited<ReturnType<typeof flowApp>>
    beforeAll(async () => {
      t = await flowApp({ db: await storage.open() })
    })
    afterAll(() => t.close())

    const insert = (b: BookingRow) => t.db.transaction((tx) => insertBooking(tx, b))
    const refused = async (b: BookingRow) => {
      try {
        await insert(b)
        return false
      } catch (err) {
        return isOverlap(err)
      }
    }

    it('[BKG-4] the exclusion constraint refuses two blocking bookings overlapping on one bay', async () => {
      await insert(row('a', 'bay-1', at(10), at(10, 40)))
      expect(await refused(row('b', 'bay-1', at(10, 30), at(11, 10)))).toBe(true)
      expect(await refused(row('c', 'bay-1', at(9, 50), at(10, 1), { status: 'held', holdExpiresAt: at(12) }))).toBe(
        true,
      )
      // Touching ranges, another bay, a cancelled or lapsed-and-released row, and deferred rows do not conflict.
      await insert(row('d', 'bay-1', at(10, 40), at(11, 20)))
      await insert(row('e', 'bay-2', at(10, 30), at(11, 10)))
      await insert(row('f', 'bay-1', at(10), at(10, 40), { status: 'cancelled' }))
      await insert(row('g', null, at(10), at(10, 40)))
      await insert(row('h', null, at(10), at(10, 40)))
    })

    it('[BKG-5] a lapsed hold is ignored when read and released (expired) before a writer books', async () => {
      await insert(row('hold', 'bay-3', at(13), at(13, 40), { status: 'held', holdExpiresAt: at(9, 10) }))
      const before = await blockingBetween(t.db, 'wash-01', at(12), at(14), at(9, 5))
      expect(before.map((b) => b.id)).toEqual(['hold'])
      expect(await blockingBetween(t.db, 'wash-01', at(12), at(14), at(9, 10))).toEqual([])
      // Still counted by the constraint until released…
      expect(await refused(row('x', 'bay-3', at(13), at(13, 40)))).toBe(true)
      const released = await t.db.transaction((tx) => releaseLapsedHolds(tx, 'wash-01', at(9, 10)))
      expect(released).toBe(1)
      // …and free once it is, with the cancel of its unpaid order queued in the same transaction.
      await insert(row('x', 'bay-3', at(13), at(13, 40)))
      const queued = await t.db.query<{ key: string }>(
        `select key from command_outbox where key = 'booking:hold:cancel'`,
      )
      expect(queued).toHaveLength(1)
    })

    it('[BKG-4] concurrent holds for the last free bay: exactly one wins, the others are refused', async () => {
      // 精洗 needs the lift: one capable bay, so 40 simultaneous holds for 15:00 compete for one range.
      const tries = await Promise.allSettled(
        Array.from({ length: 40 }, (_, i) =>
          placeHold(
            t.services,
            'wash-01',
            { openid: `o-racer-${i}`, nickname: '' },
            {
              serviceId: 'fine-wash',
              start: at(15),
            },
          ),
        ),
      )
      const won = tries.filter((r) => r.status === 'fulfilled')
      const lost = tries.filter((r) => r.status === 'rejected') as PromiseRejectedResult[]
      expect(won).toHaveLength(1)
      expect(new Set(lost.map((r) => (r.reason as { code: string }).code))).toEqual(new Set(['SLOT_TAKEN']))
      const rows = await t.db.query(
        `select 1 from bookings where store_id = 'wash-01' and resource_id = 'bay-4' and status = 'held'`,
      )
      expect(rows).toHaveLength(1)
    })
  })
}
