import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import type { Database } from './database'
import { migrate } from './migrate'
import { openPglite } from './pglite'
import { openPostgres } from './postgres'

export interface OpenOptions {
  databaseUrl?: string | undefined
  /** PGlite data directory; `undefined` keeps the embedded database in memory. */
  dataDir?: string | undefined
  durable?: boolean
  /** PGlite only: run Postgres on its own thread. */
  thread?: boolean
}

/** Opens PostgreSQL when a URL is given, else PGlite, and brings the schema up to date. */
export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (!options.databaseUrl && options.dataDir) await mkdir(options.dataDir, { recursive: true })
  const db = options.databaseUrl
    ? await openPostgres(options.databaseUrl)
    : await openPglite({
        ...(options.dataDir ? { dataDir: path.join(options.dataDir, 'pglite') } : {}),
        durable: options.durable ?? true,
        thread: options.thread ?? false,
      })
  await migrate(db)
  return db
}
