import { pino } from 'pino'
import { describe, expect, it } from 'vitest'
import { testStorages } from './test-databases'
import { EmbeddedUpkeep } from './upkeep'

const pglite = testStorages().find((s) => s.name === 'pglite')!
const silent = pino({ level: 'silent' })

/** What the planner believes the orders table holds: ANALYZE (and VACUUM) set it, nothing else does. */
async function plannerRows(db: Awaited<ReturnType<typeof pglite.open>>): Promise<number> {
  const rows = await db.query<{ n: number }>("select reltuples::int as n from pg_class where relname = 'orders'")
  return rows[0]!.n
}

async function addOrders(db: Awaited<ReturnType<typeof pglite.open>>, from: number, n: number) {
  await db.query(
    `insert into orders (store_id, id, channel, external_id, doc, updated_at, last_seq)
     select 's1', 'o' || g, 'own', 'o' || g, '{}'::jsonb, g, g from generate_series($1::int, $2::int) g`,
    [from, from + n - 1],
  )
}

describe('embedded upkeep (PGlite has no autovacuum)', () => {
  it('analyzes at the first round, again once the log doubled (at least 1,000 commands), and everything every ten minutes', async () => {
    const db = await pglite.open()
    try {
      let writes = 0
      let now = 0
      const upkeep = new EmbeddedUpkeep(
        db,
        () => writes,
        silent,
        () => now,
      )
      await addOrders(db, 1, 1000)
      await upkeep.run()
      expect(await plannerRows(db)).toBe(1000)

      // 999 commands since: below the threshold (1,000, or the log's size then), nothing runs.
      await addOrders(db, 1001, 499)
      writes = 999
      await upkeep.run()
      expect(await plannerRows(db)).toBe(1000)

      writes = 1000
      await upkeep.run()
      expect(await plannerRows(db)).toBe(1499)

      // Ten minutes later the periodic pass runs whatever the growth.
      await addOrders(db, 1500, 10)
      now = 10 * 60_000
      await upkeep.run()
      expect(await plannerRows(db)).toBe(1509)
    } finally {
      await db.close()
    }
  })
})
