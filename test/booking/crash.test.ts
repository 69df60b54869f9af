import { afterEach, describe, expect, it } from 'vitest'
import type { Database } from '../../bff/src/db/database'
import { BffProcess } from '../support/bff-process'
import { processStorages } from '../support/pg'
import { client, eventually, jitter, openStorage, shanghai } from './flows'

const SUBSCRIBERS = 120
const WAVES = 3
const BOOKINGS = 32

for (const storage of processStorages()) {
  describe(`SIGKILL during the scheduler and the refund saga on ${storage.name}`, () => {
    let bff: BffProcess | undefined
    let db: Database | undefined
    const api = client(() => bff!)
    afterEach(async () => {
      await bff?.stop()
      await db?.close()
      bff = undefined
      db = undefined
    })

    it('[PAS-5] drink-plan orders: none missing, none doubled after kills mid-run', async () => {
      const url = await storage.databaseUrl()
      bff = await BffProcess.start(url ? { databaseUrl: url } : {})
      const buyers = await Promise.all(
        Array.from({ length: SUBSCRIBERS }, async (_, i) => {
          const token = await api.consumer(`daily-${storage.name}-${i}`)
          const r = await api.call('POST', '/api/stores/tea-01/passes', { planId: 'tea-daily' }, token)
          expect(r.status).toBe(201)
          return { token, orderId: r.body.payment.outTradeNo as string, fen: r.body.payment.amountFen as number }
        }),
      )
      // Payments land in waves; each wave starts activations and period orders, and the BFF is killed
      // while it works on them, then restarted on the same data.
      const size = Math.ceil(SUBSCRIBERS / WAVES)
      for (let w = 0; w < WAVES; w++) {
        await Promise.all(buyers.slice(w * size, (w + 1) * size).map((b) => api.pay('tea-01', b.orderId, b.fen)))
        await jitter(20, 400)
        await bff.kill()
        await bff.restart()
      }
      await eventually(
        async () => {
          for (const b of buyers) {
            const r = await api.call('GET', '/api/stores/tea-01/passes/mine', undefined, b.token)
            const p = r.body?.subscriptions?.[0]
            if (p?.status !== 'active' || p.periodsLeft !== 29) return false
          }
          return true
        },
        'every pass active with today’s order generated',
        90_000,
      )
      expect(await bff.stop()).toBe(0)
      db = await openStorage(bff, url)
      const periods = await db.query<{ subscription_id: string; n: string }>(
        'select subscription_id, count(*) as n from subscription_periods group by subscription_id',
      )
      expect(periods).toHaveLength(SUBSCRIBERS)
      expect(periods.every((p) => Number(p.n) === 1)).toBe(true)
      const orders = await db.query<{ id: string }>(
        `select o.id from orders o join subscription_periods p on p.store_id = o.store_id and p.order_id = o.id
         where o.channel = 'subscription'`,
      )
      expect(orders).toHaveLength(SUBSCRIBERS)
      const all = await db.query<{ n: string }>(`select count(*) as n from orders where channel = 'subscription'`)
      expect(Number(all[0]!.n)).toBe(SUBSCRIBERS)
      const placed = await db.query<{ n: string }>(
        `select count(*) as n from order_events e join subscription_periods p on p.store_id = e.store_id
           and p.order_id = e.order_id where e.type = 'order.placed'`,
      )
      expect(Number(placed[0]!.n)).toBe(SUBSCRIBERS)
      expect(await db.query('select key from command_outbox')).toEqual([])
    })

    it('refunds of cancelled paid bookings: none missing, none doubled after kills mid-saga', async () => {
      const url = await storage.databaseUrl()
      bff = await BffProcess.start(url ? { databaseUrl: url } : {})
      const booked = await Promise.all(
        Array.from({ length: BOOKINGS }, async (_, i) => {
          const token = await api.consumer(`washer-${storage.name}-${i}`)
          const start = shanghai(1, 8) + Math.floor(i / 4) * 45 * 60_000
          const r = await api.call(
            'POST',
            '/api/stores/wash-01/booking/holds',
            { serviceId: 'basic-wash', start },
            token,
          )
          expect(r.status).toBe(201)
          await api.pay('wash-01', r.body.payment.outTradeNo, r.body.payment.amountFen)
          return { token, id: r.body.booking.id as string, orderId: r.body.booking.orderId as string }
        }),
      )
      await eventually(async () => {
        for (const b of booked) {
          const r = await api.call('GET', `/api/stores/wash-01/booking/bookings/${b.id}`, undefined, b.token)
          if (r.body?.booking?.status !== 'confirmed') return false
        }
        return true
      }, 'every booking confirmed by its payment')

      const staff = await bff.staffToken('wash-01', '2222')
      const cancelled = await Promise.all(
        booked.map((b) =>
          api.call('POST', `/api/stores/wash-01/booking/bookings/${b.id}/cancel`, { reason: '暴雨停业' }, staff),
        ),
      )
      expect(cancelled.every((r) => r.status === 200)).toBe(true)
      await jitter(0, 150)
      await bff.kill()
      await bff.restart()
      await jitter(50, 400)
      await bff.kill()
      await bff.restart()

      const owner = await bff.staffToken('wash-01', '8888')
      await eventually(
        async () => {
          const r = await api.call('GET', '/api/stores/wash-01/refunds', undefined, owner)
          const refunds = r.body?.refunds ?? []
          return refunds.length === BOOKINGS && refunds.every((x: { status: string }) => x.status === 'succeeded')
        },
        'every owed refund settled by its REFUND.SUCCESS',
        90_000,
      )
      expect(await bff.stop()).toBe(0)
      db = await openStorage(bff, url)
      const owed = await db.query<{ out_refund_no: string; order_id: string; amount_fen: number }>(
        `select out_refund_no, order_id, amount_fen from refund_sagas where store_id = 'wash-01'`,
      )
      expect(owed.map((x) => x.order_id).sort()).toEqual(booked.map((b) => b.orderId).sort())
      // The platform's ledger: one refund per booking, of exactly what was paid.
      const ledger = await db.query<{ out_trade_no: string; n: string; fen: string }>(
        `select out_trade_no, count(*) as n, sum(refund_fen) as fen from sim_wechatpay_refunds
         where store_id = 'wash-01' group by out_trade_no`,
      )
      expect(ledger).toHaveLength(BOOKINGS)
      expect(ledger.every((x) => Number(x.n) === 1 && Number(x.fen) === 3500)).toBe(true)
      // Exactly one REFUND.SUCCESS ingested per refund, whatever was re-sent.
      const notified = await db.query<{ n: string }>(
        `select count(*) as n from order_events where store_id = 'wash-01' and type in ('refund', 'refund.unmatched')`,
      )
      expect(Number(notified[0]!.n)).toBe(BOOKINGS)
      // And no order was ever refunded more than it was paid.
      const docs = await db.query<{ doc: { refunds: Record<string, { amountFen: number }> } }>(
        `select doc from orders where store_id = 'wash-01' and id = any($1)`,
        [booked.map((b) => b.orderId)],
      )
      for (const d of docs) {
        expect(Object.values(d.doc.refunds).reduce((s, r) => s + r.amountFen, 0)).toBeLessThanOrEqual(3500)
      }
    })
  })
}
