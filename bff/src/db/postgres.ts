import pg from 'pg'
import { callHere, type Database, type Sql } from './database'

/** Opens a pool on a PostgreSQL server. Commits are durable there (synchronous_commit=on). */
export async function openPostgres(url: string, poolSize = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize })
  // An idle client that dies (server restart) must not crash the process.
  pool.on('error', () => {})
  await pool.query('select 1')
  let listener: pg.Client | undefined
  const handlers = new Map<string, Set<(payload: string) => void>>()
  const asSql = (conn: pg.Pool | pg.PoolClient): Sql => ({
    async query<T>(text: string, params?: readonly unknown[]) {
      const res = await conn.query(text, params as unknown[] | undefined)
      return res.rows as T[]
    },
  })
  const base = asSql(pool)
  const db: Database = {
    kind: 'postgres',
    query: base.query,
    run: (procedure, input) => db.transaction((tx) => callHere(procedure, tx, input)),
    async transaction(fn) {
      const client = await pool.connect()
      try {
        await client.query('begin')
        const out = await fn(asSql(client))
        await client.query('commit')
        return out
      } catch (err) {
        await client.query('rollback').catch(() => {})
        throw err
      } finally {
        client.release()
      }
    },
    async listen(channel, onPayload) {
      if (!listener) {
        listener = new pg.Client({ connectionString: url })
        listener.on('error', () => {})
        await listener.connect()
        listener.on('notification', (msg) => {
          for (const h of handlers.get(msg.channel) ?? []) h(msg.payload ?? '')
        })
      }
      let set = handlers.get(channel)
      if (!set) {
        set = new Set()
        handlers.set(channel, set)
        await listener.query(`listen ${pg.escapeIdentifier(channel)}`)
      }
      set.add(onPayload)
      return async () => {
        set.delete(onPayload)
      }
    },
    async notify(channel, payload) {
      await pool.query('select pg_notify($1, $2)', [channel, payload])
    },
    async flush() {},
    async close() {
      await listener?.end().catch(() => {})
      await pool.end()
    },
  }
  return db
}
