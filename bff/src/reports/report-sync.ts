import type { Database } from '../db/database'

/**
 * Orders brought into the projection per transaction. A long catch-up (a big existing database, the
 * first report after seeding) takes many short ones, so ingest batches on PGlite wait at most one chunk.
 */
const CHUNK = 500

/**
 * Brings a store's report projection up to date with its orders and returns how far it has read.
 * Reads the orders written since the last catch-up (by `orders.updated_at`, which only moves forward
 * and commits in order per store), and in one statement per chunk: rewrites their projections, adds
 * their new refunds, and drops every kept day that one of them touches (its creation day, the days of
 * its new refunds). Concurrent catch-ups of one store queue on its `report_sync` row.
 */
export async function syncReports(db: Database, storeId: string): Promise<number> {
  for (;;) {
    const { n, watermark } = await db.transaction(async (tx) => {
      await tx.query('insert into report_sync (store_id) values ($1) on conflict do nothing', [storeId])
      const rows = await tx.query<{ watermark: string | number }>(
        'select watermark from report_sync where store_id = $1 for update',
        [storeId],
      )
      const from = Number(rows[0]?.watermark ?? -1)
      const done = await tx.query<{ n: string | number; w: string | number | null }>(
        `with changed as (
           select id, updated_at, (doc->'timestamps'->>'createdAt')::bigint as created, doc
             from orders where store_id = $1 and updated_at > $2 order by updated_at limit ${CHUNK}
         ), projected as (
           insert into report_orders (store_id, order_id, created_ms, updated_at, slim)
           select $1, id, created, updated_at, report_slim(doc) from changed
           on conflict (store_id, order_id) do update
             set created_ms = excluded.created_ms, updated_at = excluded.updated_at, slim = excluded.slim
           returning 1
         ), refunded as (
           insert into report_refunds (store_id, order_id, refund_id, at, amount_fen)
           select $1, c.id, r.key, (r.value->>'at')::bigint, (r.value->>'amountFen')::bigint
             from changed c, jsonb_each(c.doc->'refunds') r
           on conflict do nothing
           returning at
         ), dropped as (
           delete from report_days d where d.store_id = $1
             and (exists (select 1 from changed c where d.start_ms <= c.created and d.end_ms > c.created)
               or exists (select 1 from refunded f where d.start_ms <= f.at and d.end_ms > f.at))
           returning 1
         )
         select (select count(*) from changed) as n, (select max(updated_at) from changed) as w,
                (select count(*) from projected) + (select count(*) from dropped) as touched`,
        [storeId, from],
      )
      const n = Number(done[0]?.n ?? 0)
      const w = n > 0 ? Number(done[0]?.w) : from
      if (n > 0) await tx.query('update report_sync set watermark = $2 where store_id = $1', [storeId, w])
      return { n, watermark: w }
    })
    if (n < CHUNK) return watermark
  }
}
