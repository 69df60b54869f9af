import { pino } from 'pino'
import { describe, expect, it } from 'vitest'
import { businessDayOf } from '../config/calendar'
import { testStorages } from '../db/test-databases'
import { onRefundSettled } from '../groupbuy/refund-saga'
import { Ingestor } from '../ingest/ingestor'
import { meituanLife, ownLife } from '../ingest/test-commands'
import { onOrderReady } from '../notify/triggers'
import type { Services } from '../services'
import { type AnyHandler, type LogEvent, OrderFollower, initCursors } from './follower'

const ctx = {
  now: () => Date.UTC(2026, 10, 23, 5),
  businessDay: (_s: string, at: number) => businessDayOf(at, 'Asia/Shanghai', '04:00'),
}

/** A handler with a real handler's condition that records what it was given. */
function spy(sees: string): AnyHandler & { got: LogEvent[] } {
  const got: LogEvent[] = []
  return { sees, got, handle: async (_ctx, ev) => void got.push(ev) }
}

for (const storage of testStorages()) {
  describe(`order follower on ${storage.name}`, () => {
    it('hands each handler exactly the events its condition sees, with their orders, and passes the rest', async () => {
      const db = await storage.open()
      try {
        await initCursors(db, ['s1'])
        const ing = new Ingestor(db, ctx, pino({ level: 'silent' }), () => {})
        const own = ownLife('s1', 'own-1')
        // A WeChat Pay refund for an order we do not hold yet is logged unmatched.
        const early = { ...own[2]!, externalId: 'own-2', refundId: 'rf-early' } as (typeof own)[number]
        for (const cmd of [...meituanLife('s1', 'mt-1'), ...own, early]) await ing.submit(cmd)

        const refunds = spy(onRefundSettled.sees)
        const ready = spy(onOrderReady({} as Services).sees)
        const follower = new OrderFollower({ db, now: ctx.now }, {}, [refunds, ready])
        expect(await follower.follow('s1')).toBe(8)

        // Meituan's own refund is not WeChat Pay's: only the mini-program order's refund and the early one.
        expect(refunds.got.map((e) => e.type)).toEqual(['refund', 'refund.unmatched'])
        expect(refunds.got[0]!.order?.refunds).toHaveProperty('wechatpay:rf-own-1')
        expect(refunds.got[1]!.order).toBeNull()
        expect(refunds.got[1]!.detail).toHaveProperty('command')
        // No order here was ever ready for pickup.
        expect(ready.got).toEqual([])
        // The cursor passed every event: nothing is handed twice.
        expect(await follower.follow('s1')).toBe(0)
        expect(refunds.got).toHaveLength(2)
      } finally {
        await db.close()
      }
    })
  })
}
