import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
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
  const unlock = options.dataDir ? lockDataDir(options.dataDir) : () => {}
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
      unlock()
    },
  }
}

/**
 * PGlite is Postgres for one process: a second process opening the same directory would corrupt it.
 * A lock file names the owner; a stale one (its process is gone, e.g. after a crash) is taken over.
 */
function lockDataDir(dataDir: string): () => void {
  const lock = path.join(dataDir, 'xiaodian.pid')
  mkdirSync(dataDir, { recursive: true })
  try {
    writeFileSync(lock, String(process.pid), { flag: 'wx' })
  } catch {
    const owner = Number(readFileSync(lock, 'utf8'))
    if (owner && owner !== process.pid && isAlive(owner)) {
      throw new Error(
        `data directory ${dataDir} is in use by process ${owner}; use DATABASE_URL to run several BFF processes`,
      )
    }
    writeFileSync(lock, String(process.pid))
  }
  return () => rmSync(lock, { force: true })
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}
