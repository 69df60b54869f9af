import type { Order } from '@xiaodian/domain'
import type { Sql } from '../db/database'

/** An instant range `[start, end)`, epoch ms: one business day in the store's zone. */
export interface InstantRange {
  readonly start: number
  readonly end: number
}

/** The expression `orders_report_created` indexes (kept identical so the planner uses the index). */
const created = (alias: string) => `(${alias}.doc->'timestamps'->>'createdAt')::bigint`

/** The store's replication clock: every order write advances it (see `store_log_head.updated_ms`). */
export async function orderWatermark(db: Sql, storeId: string): Promise<number> {
  const rows = await db.query<{ w: string | number | null }>(
    'select max(updated_at) as w from orders where store_id = $1',
    [storeId],
  )
  return Number(rows[0]?.w ?? 0)
}

/**
 * What the domain's daily sales needs for one business day: the orders created in it, plus older (or
 * later) orders with a refund made in it. Reads the creation index and the refund index, never the log.
 */
export async function ordersForDay(db: Sql, storeId: string, range: InstantRange): Promise<Order[]> {
  const rows = await db.query<{ doc: string }>(
    `select o.doc::text as doc from orders o
      where o.store_id = $1 and ${created('o')} >= $2 and ${created('o')} < $3
     union all
     select o.doc::text from orders o
      where o.store_id = $1
        and o.id in (select order_id from report_refunds where store_id = $1 and at >= $2 and at < $3)
        and not (${created('o')} >= $2 and ${created('o')} < $3)`,
    [storeId, range.start, range.end],
  )
  return rows.map((r) => JSON.parse(r.doc) as Order)
}

/** Orders written after `watermark`, oldest change first, with the new watermark. */
export async function ordersChangedSince(
  db: Sql,
  storeId: string,
  watermark: number,
): Promise<{ orders: Order[]; watermark: number }> {
  const rows = await db.query<{ doc: string; updated_at: string | number }>(
    'select doc::text as doc, updated_at from orders where store_id = $1 and updated_at > $2 order by updated_at',
    [storeId, watermark],
  )
  const last = rows.at(-1)
  return {
    orders: rows.map((r) => JSON.parse(r.doc) as Order),
    watermark: last ? Number(last.updated_at) : watermark,
  }
}

/** Whether an order belongs in a day's report input: created in the day, or refunded in it. */
export function belongsToDay(order: Order, range: InstantRange): boolean {
  const created = order.timestamps.createdAt
  if (created >= range.start && created < range.end) return true
  for (const k in order.refunds) {
    const at = order.refunds[k]?.at ?? 0
    if (at >= range.start && at < range.end) return true
  }
  return false
}
