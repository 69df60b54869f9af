import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { migrate } from './migrate'
import { testStorages } from './test-databases'

for (const storage of testStorages()) {
  describe(`migrations on ${storage.name}`, () => {
    it('bring an empty database to the current schema, and a second run applies nothing', async () => {
      const db = await storage.open()
      try {
        const tables = await db.query<{ table_name: string }>(
          `select table_name from information_schema.tables where table_schema = current_schema() order by 1`,
        )
        expect(tables.map((t) => t.table_name)).toEqual(
          expect.arrayContaining(['orders', 'order_events', 'store_log_head', 'payments', 'schema_migrations']),
        )
        expect(await migrate(db)).toEqual([])
      } finally {
        await db.close()
      }
    })

    it('refuse a migration file that was edited after it was applied', async () => {
      const db = await storage.open()
      const dir = await mkdtemp(path.join(tmpdir(), 'xd-mig-'))
      try {
        await mkdir(dir, { recursive: true })
        await writeFile(path.join(dir, '0001_a.sql'), 'create table probe_a (id int);')
        expect(await migrate(db, dir)).toEqual(['0001_a.sql'])
        await writeFile(path.join(dir, '0001_a.sql'), 'create table probe_a (id bigint);')
        await expect(migrate(db, dir)).rejects.toThrow(/was changed after it was applied/)
      } finally {
        await db.close()
        await rm(dir, { recursive: true, force: true })
      }
    })
  })
}
