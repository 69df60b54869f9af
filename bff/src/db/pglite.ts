import { PGlite } from '@electric-sql/pglite'
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist'
import type { Database, Sql } from './database'
import { WalFlusher } from './wal-flusher'

/** Options for the embedded database. */
export interface PgliteOptions {
  /** Data directory on disk; `undefined` keeps the database in memory (tests). */
  dataDir?: string
  /** Flush the WAL to stable storage before `flush()` resolves. */
  durable: boolean
}

/** Opens PGlite (Postgres in WASM) in this process. */
export async function openPglite(options: PgliteOptions): Promise<Database> {
  const pg = await PGlite.create(options.dataDir ?? 'memory://', { extensions: { btree_gist } })
  const flusher = options.dataDir && options.durable ? new WalFlusher(options.dataDir) : undefined
  const asSql = (conn: { query: PGlite['query'] }): Sql => ({
    async query<T>(text: string, params?: readonly unknown[]) {
      const res = await conn.query<T>(text, params as unknown[] | undefined)
      return res.rows
    },
  })
  const base = asSql(pg)
  return {
    kind: 'pglite',
    query: base.query,
    transaction: (fn) => pg.transaction((tx) => fn(asSql(tx))),
    async listen(channel, onPayload) {
      const unsub = await pg.listen(channel, onPayload)
      return async () => unsub()
    },
    async notify(channel, payload) {
      await pg.query('select pg_notify($1, $2)', [channel, payload])
    },
    flush: async () => flusher?.flush(),
    async close() {
      await pg.close()
    },
  }
}
