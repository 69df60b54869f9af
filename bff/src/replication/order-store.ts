import type { Order } from '@xiaodian/domain'
import type { ReplicationCheckpoint } from '@xiaodian/shared'
import type { Sql } from '../db/database'

/** A page of replicated documents, already encoded as JSON, and the checkpoint after it. */
export interface EncodedPull {
  /** Each document's JSON text (the stored order with `_deleted: false`). */
  documents: string[]
  checkpoint: ReplicationCheckpoint
}

/**
 * The store's orders after `after` in `(updated_at, id)` order — the replication checkpoint order. The
 * documents come out of the database as text and go to the wire without a parse and stringify.
 */
export async function ordersSince(
  db: Sql,
  storeId: string,
  after: ReplicationCheckpoint,
  limit: number,
): Promise<EncodedPull> {
  const rows = await db.query<{ id: string; updated_at: string | number; doc: string }>(
    `select id, updated_at, doc::text as doc
     from orders
     where store_id = $1 and (updated_at, id) > ($2::bigint, $3::text)
     order by updated_at, id
     limit $4`,
    [storeId, after.updatedAt, after.id, limit],
  )
  const last = rows.at(-1)
  return {
    // Orders are never deleted; the flag is spliced into the stored text rather than built in SQL.
    documents: rows.map((r) => `{"_deleted":false,${r.doc.slice(1)}`),
    checkpoint: last ? { updatedAt: Number(last.updated_at), id: last.id } : after,
  }
}

/** The stored orders among `ids`, by id. */
export async function ordersById(db: Sql, storeId: string, ids: readonly string[]): Promise<Map<string, Order>> {
  if (ids.length === 0) return new Map()
  const rows = await db.query<{ id: string; doc: Order | string }>(
    'select id, doc from orders where store_id = $1 and id = any($2::text[])',
    [storeId, [...new Set(ids)]],
  )
  return new Map(rows.map((r) => [r.id, typeof r.doc === 'string' ? (JSON.parse(r.doc) as Order) : r.doc]))
}

/** The store's log head: the sequence number of its newest event (0 before the first). */
export async function logHead(db: Sql, storeId: string): Promise<number> {
  const rows = await db.query<{ seq: string | number }>('select seq from store_log_head where store_id = $1', [storeId])
  return rows[0] ? Number(rows[0].seq) : 0
}
