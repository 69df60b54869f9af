import { mergeOrders, ordersEqual } from '@xiaodian/domain'
import { pino } from 'pino'
import { describe, expect, it } from 'vitest'
import { businessDayOf } from '../config/calendar'
import type { Database } from '../db/database'
import { testStorages } from '../db/test-databases'
import type { ChannelCommand } from '../ingest/command'
import { Ingestor } from '../ingest/ingestor'
import { logHead, ordersById, ordersSince } from './order-store'
import { pushOrders } from './push'
import { T0, apply, doc, posOrder } from './test-orders'

const silent = pino({ level: 'silent' })

function services(db: Database) {
  const now = () => T0
  const ingestor = new Ingestor(
    db,
    { now, businessDay: (_s: string, at: number) => businessDayOf(at, 'Asia/Shanghai', '04:00') },
    silent,
    () => {},
  )
  return { db, ingestor, now }
}

const upsert = (id: string): ChannelCommand => ({
  kind: 'order.upsert',
  storeId: 'tea-01',
  order: posOrder(id),
  at: T0,
})

async function counts(db: Database) {
  const [o] = await db.query<{ n: string }>('select count(*) as n from orders')
  const [e] = await db.query<{ n: string }>('select count(*) as n from order_events')
  return { orders: Number(o!.n), events: Number(e!.n) }
}

for (const storage of testStorages()) {
  describe(`replication storage on ${storage.name}`, () => {
    it('pulls every order once in (updatedAt, id) order, resuming from any checkpoint [REP-5]', async () => {
      const db = await storage.open()
      try {
        const s = services(db)
        const ids = Array.from({ length: 25 }, (_, i) => `o-${String(i).padStart(3, '0')}`)
        await s.ingestor.submitAll(ids.map(upsert))
        // Change some orders again: they move to the end of the checkpoint order.
        await Promise.all(
          ['o-003', 'o-017'].map((id) =>
            s.ingestor.submit({
              kind: 'order.upsert',
              storeId: 'tea-01',
              order: apply(posOrder(id), { type: 'accepted', at: T0 + 10, by: 'x' }),
              at: T0,
            }),
          ),
        )
        const seen: string[] = []
        let cp = { updatedAt: 0, id: '' }
        for (;;) {
          const page = await ordersSince(db, 'tea-01', cp, 4)
          seen.push(...page.documents.map((d) => (JSON.parse(d) as { id: string; _deleted: boolean }).id))
          expect(page.documents.every((d) => JSON.parse(d)._deleted === false)).toBe(true)
          if (page.documents.length < 4) break
          expect(page.checkpoint.updatedAt).toBeGreaterThanOrEqual(cp.updatedAt)
          cp = page.checkpoint
        }
        expect(seen).toHaveLength(25)
        expect(new Set(seen).size).toBe(25)
        expect(seen.slice(-2).sort()).toEqual(['o-003', 'o-017'])
        expect((await ordersSince(db, 'other', { updatedAt: 0, id: '' }, 10)).documents).toEqual([])
        expect(await logHead(db, 'tea-01')).toBe(27)
        expect(await logHead(db, 'other')).toBe(0)
      } finally {
        await db.close()
      }
    })

    it('commits a submitAll group all or nothing, without touching other commands in the batch', async () => {
      const db = await storage.open()
      try {
        const s = services(db)
        const broken = { kind: 'order.upsert', storeId: 'tea-01', order: null, at: T0 } as unknown as ChannelCommand
        // Submitted in one turn of the event loop, all three land in one batch.
        const first = s.ingestor.submit(upsert('first'))
        const group = s.ingestor.submitAll([upsert('g-1'), upsert('g-2'), broken])
        const single = s.ingestor.submit(upsert('single'))
        await first
        await expect(group).rejects.toMatchObject({ code: 'UNPROCESSABLE' })
        await expect(single).resolves.toMatchObject({ duplicate: false, orderId: 'single' })
        expect(s.ingestor.stats.batches).toBe(1)
        expect(await counts(db)).toEqual({ orders: 2, events: 2 })
        const ok = await s.ingestor.submitAll([upsert('g-1'), upsert('g-2')])
        expect(ok.map((a) => a.seq)).toEqual([3, 4])
        // A group larger than the batch size still commits as one.
        const big = await s.ingestor.submitAll(Array.from({ length: 300 }, (_, i) => upsert(`big-${i}`)))
        expect(big).toHaveLength(300)
        expect(s.ingestor.stats.batches).toBe(3)
      } finally {
        await db.close()
      }
    })

    it('joins concurrent pushes of one order from three tablets into the domain merge [REP-2]', async () => {
      const db = await storage.open()
      try {
        const s = services(db)
        const m0 = posOrder('shared-1')
        await pushOrders(s, 'tea-01', 'tab-a', [{ newDocumentState: doc(m0) }])
        const a = apply(m0, { type: 'accepted', at: T0 + 1, by: 'a' }, { type: 'making_started', at: T0 + 2, by: 'a' })
        const b = apply(m0, {
          type: 'payment_received',
          at: T0 + 3,
          by: 'b',
          payment: { id: 'cash:b', amountFen: 1500, method: 'cash', at: T0 + 3 },
        })
        const c = apply(m0, { type: 'note_set', notes: '少冰', at: T0 + 4, by: 'c' })
        const results = await Promise.all(
          [a, b, c].map((o, i) =>
            pushOrders(s, 'tea-01', `tab-${i}`, [{ assumedMasterState: doc(m0), newDocumentState: doc(o) }]),
          ),
        )
        const expected = mergeOrders(mergeOrders(a, b), c)
        const master = (await ordersById(db, 'tea-01', ['shared-1'])).get('shared-1')!
        expect(ordersEqual(master, expected)).toBe(true)
        expect(master).toMatchObject({ fulfilment: 'making', payment: 'paid', notes: '少冰' })
        // Whoever pushed before the others merged in gets the merged master back; nobody loses a change.
        for (const r of results) for (const conflict of r.conflicts) expect(conflict.fulfilment).toBe('making')
        expect(results.filter((r) => r.conflicts.length > 0).length).toBeGreaterThanOrEqual(2)
        expect(await counts(db)).toEqual({ orders: 1, events: 4 })
      } finally {
        await db.close()
      }
    })
  })
}
