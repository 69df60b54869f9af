import { createHash } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import type { Database } from './database'

/** Where the SQL migrations live: one folder, the same files for PGlite and PostgreSQL. */
export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, '../../migrations')

/**
 * Applies `NNNN_name.sql` files in name order, each in its own transaction, recording name and checksum.
 * Several BFF processes may start at once on one PostgreSQL server: an advisory lock serialises them.
 * A file already applied with a different checksum is an error, not a silent skip.
 */
export async function migrate(db: Database, dir = MIGRATIONS_DIR): Promise<string[]> {
  const files = (await readdir(dir)).filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f)).sort()
  // Under the same lock as the migrations: two processes racing `create table if not exists` on one
  // PostgreSQL collide on the catalog's unique index.
  await db.transaction(async (tx) => {
    if (db.kind === 'postgres') await tx.query('select pg_advisory_xact_lock(7243901)')
    await tx.query(`create table if not exists schema_migrations (
      name text primary key, checksum text not null, applied_at timestamptz not null default now())`)
  })
  const applied: string[] = []
  for (const name of files) {
    const sql = await readFile(path.join(dir, name), 'utf8')
    const checksum = createHash('sha256').update(sql).digest('hex')
    const done = await db.transaction(async (tx) => {
      if (db.kind === 'postgres') await tx.query('select pg_advisory_xact_lock(7243901)')
      const rows = await tx.query<{ checksum: string }>('select checksum from schema_migrations where name = $1', [
        name,
      ])
      const row = rows[0]
      if (row) {
        if (row.checksum !== checksum) throw new Error(`migration ${name} was changed after it was applied`)
        return false
      }
      for (const statement of splitStatements(sql)) await tx.query(statement)
      await tx.query('insert into schema_migrations (name, checksum) values ($1, $2)', [name, checksum])
      return true
    })
    if (done) applied.push(name)
  }
  return applied
}

/** Splits a file on `-- statement-breakpoint` lines, so each statement runs as one extended-protocol query. */
function splitStatements(sql: string): string[] {
  return sql
    .split(/^--\s*statement-breakpoint\s*$/m)
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
}
