import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from './database'
import { openPglite } from './pglite'
import { threadStorage } from './test-databases'
import { COUNT_AND_INSERT } from './test-procedures'

describe('PGlite on its own thread, failing to start', () => {
  it("rejects the open with the thread's error (the process keeps running)", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'xd-thread-bad-'))
    // A data directory that is not one: Postgres refuses to start on it.
    writeFileSync(path.join(dataDir, 'PG_VERSION'), 'not a version\n')
    await expect(openPglite({ dataDir, durable: false, thread: true })).rejects.toThrow()
  })
})

describe('PGlite on its own thread', () => {
  let db: Database
  beforeAll(async () => {
    db = await threadStorage().open(mkdtempSync(path.join(tmpdir(), 'xd-thread-')))
    await db.query('create table thread_probe (id text primary key, doc jsonb, n int8, at timestamptz)')
  })
  afterAll(() => db.close())

  it('answers queries with the same values as in-process PGlite', async () => {
    const at = new Date('2026-11-22T04:00:00Z')
    await db.query('insert into thread_probe (id, doc, n, at) values ($1, $2, $3, $4)', ['a', { x: [1] }, 42, at])
    const rows = await db.query<{ doc: unknown; n: unknown; at: Date }>(
      'select doc, n, at from thread_probe where id = $1',
      ['a'],
    )
    expect(rows).toEqual([{ doc: { x: [1] }, n: 42, at }])
  })

  it('commits a transaction that resolves and rolls back one that throws', async () => {
    await db.transaction(async (tx) => {
      await tx.query('insert into thread_probe (id) values ($1)', ['kept'])
    })
    await expect(
      db.transaction(async (tx) => {
        await tx.query('insert into thread_probe (id) values ($1)', ['dropped'])
        throw new Error('changed my mind')
      }),
    ).rejects.toThrow('changed my mind')
    const ids = (await db.query<{ id: string }>('select id from thread_probe order by id')).map((r) => r.id)
    expect(ids).toContain('kept')
    expect(ids).not.toContain('dropped')
  })

  it("carries Postgres's error fields across the thread", async () => {
    const err = await db.query('insert into thread_probe (id) values ($1)', ['kept']).catch((e: unknown) => e)
    expect(err).toMatchObject({ code: '23505', constraint: 'thread_probe_pkey' })
  })

  it('keeps a query outside a transaction from seeing it until it commits', async () => {
    let release!: () => void
    const held = new Promise<void>((r) => {
      release = r
    })
    const tx = db.transaction(async (t) => {
      await t.query('insert into thread_probe (id) values ($1)', ['late'])
      await held
    })
    await new Promise((r) => setTimeout(r, 20))
    const outside = db.query<{ n: number }>("select count(*)::int as n from thread_probe where id = 'late'")
    release()
    await tx
    expect((await outside)[0]!.n).toBe(1)
  })

  it('runs a procedure in one transaction on its thread, all or nothing', async () => {
    const before = (await db.query<{ n: number }>('select count(*)::int as n from thread_probe'))[0]!.n
    expect(await db.run(COUNT_AND_INSERT, { ids: ['p1', 'p2'] })).toBe(before + 2)
    // The second id collides: the first insert of the call is rolled back with it.
    await expect(db.run(COUNT_AND_INSERT, { ids: ['p3', 'p1'] })).rejects.toMatchObject({ code: '23505' })
    expect((await db.query<{ n: number }>('select count(*)::int as n from thread_probe'))[0]!.n).toBe(before + 2)
  })

  it('delivers NOTIFY to a listener in the calling thread', async () => {
    const got: string[] = []
    const stop = await db.listen('probe', (p) => got.push(p))
    await db.notify('probe', 'hello')
    await expect.poll(() => got).toEqual(['hello'])
    await stop()
  })
})
