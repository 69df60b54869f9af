/** Procedures for the database tests; a module of its own, as the database thread imports it (no vitest). */
import type { Procedure, Sql } from './database'

/** Inserts the ids one by one, then counts the table: several statements, one transaction. */
export async function countAndInsert(tx: Sql, input: { ids: string[] }): Promise<number> {
  for (const id of input.ids) await tx.query('insert into thread_probe (id) values ($1)', [id])
  const rows = await tx.query<{ n: number }>('select count(*)::int as n from thread_probe')
  return rows[0]!.n
}

export const COUNT_AND_INSERT: Procedure<{ ids: string[] }, number> = {
  module: import.meta.url,
  name: 'countAndInsert',
}
