import { createSubscription, periodAt } from '@xiaodian/domain'
import { afterAll, describe, expect, it } from 'vitest'
import { DEMO_PLANS } from '../../bff/src/booking/demo'
import type { Database } from '../../bff/src/db/database'
import { openDatabase } from '../../bff/src/db/open'
import { BffProcess } from '../support/bff-process'
import { freshSchemaUrl } from '../support/pg'
import { client, eventually } from './flows'

const SEEDED = 400
const BOUGHT = 40
const base = process.env.DATABASE_URL
const plan = DEMO_PLANS['tea-01']!.find((p) => p.id === 'tea-daily')!

/** Active daily-plan subscriptions written straight into the shared database, all due at `dueAt`. */
async function seed(db: Database, dueAt: number): Promise<void> {
  const startAt = dueAt - 60_000
  const cursor = periodAt(plan, startAt, startAt, 'Asia/Shanghai')
  if (!cursor.ok || !cursor.value) throw new Error('no current period')
  const rows = Array.from({ length: SEEDED }, (_, i) => {
    const id = `seeded-${i}`
    const sub = createSubscription({
      id,
      plan,
      customerId: `o-seeded-${i}`,
      storeId: 'tea-01',
      startAt,
      timeZone: 'Asia/Shanghai',
    })
    if (!sub.ok) throw new Error(sub.error.message)
    return [id, `seeded-order-${i}`, `o-seeded-${i}`, JSON.stringify(sub.value)]
  })
  for (const r of rows) {
    await db.query(
      `insert into subscriptions (store_id, id, plan_id, customer_id, status, purchase_order_id, doc, skipped,
         scheduled_until, next_due_ms, created_ms, updated_ms)
       values ('tea-01', $1, 'tea-daily', $3, 'active', $2, $4, '[]', $5, $6, $7, $7)`,
      [r[0], r[1], r[2], r[3], cursor.value.start, dueAt, startAt],
    )
  }
}

// On PGlite one process owns the database, so the scheduler can never run twice: a second BFF is refused.
describe('one scheduler on PGlite', () => {
  it('refuses a second BFF process on the same data directory', async () => {
    const a = await BffProcess.start()
    try {
      await expect(BffProcess.start({ dataDir: a.dataDir })).rejects.toThrow(/in use by process/)
    } finally {
      await a.stop()
    }
  })
})

// With a PostgreSQL server (DATABASE_URL), several processes share the scheduler's work.
const sharedDatabases = base ? [base] : []
for (const _ of sharedDatabases)
  describe('two BFF processes sharing one database and one scheduler’s work', () => {
    let a: BffProcess
    let b: BffProcess
    let db: Database
    afterAll(async () => {
      await Promise.all([a?.stop(), b?.stop()])
      await db?.close()
    })

    it('[PAS-5] generates each period’s order exactly once, even when one process is killed mid-run', async () => {
      const url = await freshSchemaUrl(base!)
      ;[a, b] = await Promise.all([BffProcess.start({ databaseUrl: url }), BffProcess.start({ databaseUrl: url })])
      db = await openDatabase({ databaseUrl: url })
      const dueAt = Date.now() + 3_000
      await seed(db, dueAt)

      // Customers buy through either process and pay through the other one.
      const viaA = client(() => a)
      const viaB = client(() => b)
      await Promise.all(
        Array.from({ length: BOUGHT }, async (_, i) => {
          const [buy, pay] = i % 2 ? [viaA, viaB] : [viaB, viaA]
          const token = await buy.consumer(`two-proc-${i}`)
          const r = await buy.call('POST', '/api/stores/tea-01/passes', { planId: 'tea-daily' }, token)
          expect(r.status).toBe(201)
          await pay.pay('tea-01', r.body.payment.outTradeNo, r.body.payment.amountFen)
        }),
      )
      // Process A dies while both work through the 400 subscriptions due at the same instant.
      await new Promise((r) => setTimeout(r, Math.max(0, dueAt - Date.now()) + 150))
      await a.kill()

      const total = SEEDED + BOUGHT
      await eventually(
        async () => {
          const n = await db.query<{ n: string }>('select count(*) as n from subscription_periods')
          const queued = await db.query('select 1 from command_outbox limit 1')
          return Number(n[0]!.n) === total && queued.length === 0
        },
        `${total} periods generated and every order ingested`,
        60_000,
      )
      await a.restart()
      await new Promise((r) => setTimeout(r, 2_500))

      const perSub = await db.query<{ n: string }>(
        'select count(*) as n from subscription_periods group by subscription_id',
      )
      expect(perSub).toHaveLength(total)
      expect(perSub.every((p) => Number(p.n) === 1)).toBe(true)
      const orders = await db.query<{ n: string }>(`select count(*) as n from orders where channel = 'subscription'`)
      expect(Number(orders[0]!.n)).toBe(total)
      const placed = await db.query<{ n: string }>(
        `select count(*) as n from order_events e join orders o on o.store_id = e.store_id and o.id = e.order_id
       where o.channel = 'subscription' and e.type = 'order.placed'`,
      )
      expect(Number(placed[0]!.n)).toBe(total)
    })
  })
