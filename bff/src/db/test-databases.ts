import { randomBytes } from 'node:crypto'
import pg from 'pg'
import type { Database } from './database'
import { openDatabase } from './open'

/** A storage the contract suites run against: PGlite always, the PostgreSQL server when DATABASE_URL is set. */
export interface TestStorage {
  name: 'pglite' | 'pglite-thread' | 'postgres'
  /** Opens a fresh, empty, migrated database; `dataDir` gives PGlite a directory instead of memory. */
  open(dataDir?: string): Promise<Database>
  /** A DATABASE_URL that points at the same fresh schema, for child processes (postgres only). */
  url?: () => Promise<string>
}

/** A URL whose connections use a new, empty schema of the server's database. */
export async function freshSchemaUrl(baseUrl: string): Promise<string> {
  const schema = `t_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: baseUrl })
  await admin.connect()
  try {
    await admin.query(`create schema ${schema}`)
  } finally {
    await admin.end()
  }
  const url = new URL(baseUrl)
  url.searchParams.set('options', `-c search_path=${schema},public`)
  return url.toString()
}

/** The storages to run a contract suite against in this environment. */
export function testStorages(): TestStorage[] {
  const list: TestStorage[] = [{ name: 'pglite', open: (dataDir) => openDatabase({ dataDir, durable: false }) }]
  const base = process.env.DATABASE_URL
  if (base) {
    list.push({
      name: 'postgres',
      open: async () => openDatabase({ databaseUrl: await freshSchemaUrl(base) }),
      url: () => freshSchemaUrl(base),
    })
  }
  return list
}

/** PGlite on its own thread, as the BFF process runs it: for the suites that cross the thread boundary. */
export function threadStorage(): TestStorage {
  return { name: 'pglite-thread', open: (dataDir) => openDatabase({ dataDir, durable: false, thread: true }) }
}
