import fc from 'fast-check'
import { pino } from 'pino'
import { describe, expect, it } from 'vitest'
import { businessDayOf } from '../config/calendar'
import type { Database } from '../db/database'
import { testStorages, threadStorage } from '../db/test-databases'
import type { ChannelCommand } from './command'
import { Ingestor } from './ingestor'
import { meituanLife, ownLife } from './test-commands'

const ctx = {
  now: () => Date.UTC(2026, 10, 23, 5),
  businessDay: (_s: string, at: number) => businessDayOf(at, 'Asia/Shanghai', '04:00'),
}
const silent = pino({ level: 'silent' })

async function ingestAll(db: Database, cmds: ChannelCommand[]) {
  const ing = new Ingestor(db, ctx, silent, () => {})
  // Concurrent submission, as webhooks arrive: they form batches.
  return Promise.all(cmds.map((c) => ing.submit(c)))
}

async function state(db: Database, storeId: string) {
  const orders = await db.query<{ id: string; doc: unknown }>(
    'select id, doc from orders where store_id = $1 order by id',
    [storeId],
  )
  const events = await db.query<{ seq: string; type: string }>(
    'select seq, type from order_events where store_id = $1 order by seq',
    [storeId],
  )
  return { orders, seqs: events.map((e) => Number(e.seq)), types: events.map((e) => e.type).sort() }
}

for (const storage of [...testStorages(), threadStorage()]) {
  describe(`ingest on ${storage.name}`, () => {
    it('appends one event per distinct delivery; a duplicate adds none and says so', async () => {
      const db = await storage.open()
      try {
        const life = meituanLife('s1', 'mt-100')
        const first = await ingestAll(db, life)
        const again = await ingestAll(db, life)
        expect(first.every((r) => !r.duplicate)).toBe(true)
        expect(again.every((r) => r.duplicate)).toBe(true)
        expect(again.map((r) => r.seq)).toEqual(first.map((r) => r.seq))
        const s = await state(db, 's1')
        expect(s.seqs).toEqual([1, 2, 3, 4])
        expect(s.orders).toHaveLength(1)
        const doc = s.orders[0]!.doc as {
          fulfilment: string
          payment: string
          amounts: { totalFen: number }
          pickupNumber: number
        }
        expect(doc).toMatchObject({ fulfilment: 'done', payment: 'partially_refunded', pickupNumber: 7 })
        expect(doc.amounts.totalFen).toBe(4600)
      } finally {
        await db.close()
      }
    })

    it('ends in the same state whatever order and however often deliveries arrive', async () => {
      const db = await storage.open()
      try {
        const lives = [...meituanLife('ref', 'mt-1'), ...ownLife('ref', 'own-1')]
        for (const c of lives) await ingestAll(db, [c])
        const reference = await state(db, 'ref')
        // In order, the own order ends paid then refunded in full; the Meituan order partly refunded.
        const byId = Object.fromEntries(reference.orders.map((o) => [o.id, o.doc as { payment: string }]))
        expect(byId['own-1']?.payment).toBe('refunded')
        expect(byId['meituan-mt-1']?.payment).toBe('partially_refunded')
        let run = 0
        await fc.assert(
          fc.asyncProperty(
            fc.shuffledSubarray(lives, { minLength: lives.length, maxLength: lives.length }),
            fc.array(fc.nat(lives.length - 1), { maxLength: 4 }),
            async (shuffled, dupIdx) => {
              const storeId = `p${run++}`
              const retarget = (c: ChannelCommand): ChannelCommand =>
                c.kind === 'order.upsert' ? { ...c, storeId, order: { ...c.order, storeId } } : { ...c, storeId }
              const deliveries = [...shuffled, ...dupIdx.map((i) => shuffled[i]!)].map(retarget)
              for (const c of deliveries) await ingestAll(db, [c])
              const s = await state(db, storeId)
              expect(s.seqs).toEqual(s.seqs.map((_, i) => i + 1))
              const docs = s.orders.map((o) => ({ ...(o.doc as object), storeId: 'ref' }))
              expect(docs).toEqual(reference.orders.map((o) => o.doc))
            },
          ),
          { numRuns: storage.name === 'pglite' ? 25 : 15 },
        )
      } finally {
        await db.close()
      }
    })

    it('rolls back only the command that fails; the rest of its batch commits', async () => {
      const db = await storage.open()
      try {
        const ing = new Ingestor(db, ctx, silent, () => {})
        const good = meituanLife('s2', 'mt-200').slice(0, 2)
        // A command whose time is not a number has no business day: it fails inside its savepoint.
        const bad = { ...good[1]!, externalId: 'mt-201', at: Number.NaN } as ChannelCommand
        const results = await Promise.allSettled([ing.submit(good[0]!), ing.submit(bad), ing.submit(good[1]!)])
        expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
        expect((await state(db, 's2')).seqs).toEqual([1, 2])
      } finally {
        await db.close()
      }
    })
  })
}
