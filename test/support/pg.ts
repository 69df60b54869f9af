import { randomBytes } from 'node:crypto'
import pg from 'pg'

/** A DATABASE_URL whose connections use a new, empty schema of the server's database (isolation per test). */
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

/** The storages a cross-process suite runs on: PGlite always, the PostgreSQL server when DATABASE_URL is set. */
export function processStorages(): { name: 'pglite' | 'postgres'; databaseUrl: () => Promise<string | undefined> }[] {
  const base = process.env.DATABASE_URL
  return [
    { name: 'pglite', databaseUrl: async () => undefined },
    ...(base ? [{ name: 'postgres' as const, databaseUrl: () => freshSchemaUrl(base) }] : []),
  ]
}
