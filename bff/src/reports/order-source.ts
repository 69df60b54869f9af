import type { Order, OrderLine, PricedOption } from '@xiaodian/domain'
import type { Sql } from '../db/database'

/** An instant range `[start, end)`, epoch ms: one business day in the store's zone. */
export interface InstantRange {
  readonly start: number
  readonly end: number
}

/**
 * What the daily sales read of an order, as the orders trigger keeps it in `report_orders.slim`
 * (migration 0042's `report_slim`): about a third of the document.
 */
export interface ReportOrder
  extends Pick<Order, 'id' | 'channel' | 'fulfilment' | 'amounts' | 'promotions' | 'refunds'> {
  readonly timestamps: Pick<Order['timestamps'], 'createdAt'>
  readonly lines: readonly (Pick<OrderLine, 'itemId' | 'itemName' | 'quantity' | 'subtotalFen' | 'totalFen'> & {
    readonly options: readonly Pick<PricedOption, 'groupId' | 'optionId' | 'name'>[]
  })[]
}

/**
 * The report projections as the domain's `dailySales` takes them. It reads only the projected fields
 * ([SAL-1]–[SAL-5]: status, channel, creation time, amounts, lines with options, promotions, refunds);
 * the report tests compare its result with figures computed from the full stored orders, so a rule that
 * starts reading another field shows up there.
 */
export function asSalesInput(orders: readonly ReportOrder[]): readonly Order[] {
  return orders as unknown as readonly Order[]
}

/** Refunds made in the range, on orders created outside it. */
const REFUNDED_ELSEWHERE = `r.order_id in (select order_id from report_refunds where store_id = $1 and at >= $2 and at < $3)
  and not (r.created_ms >= $2 and r.created_ms < $3)`

/**
 * What the domain's daily sales needs for one business day: the orders created in it, plus older (or
 * later) orders with a refund made in it, as report projections. Reads two small indexes, never the log.
 */
export async function ordersForDay(db: Sql, storeId: string, range: InstantRange): Promise<ReportOrder[]> {
  const rows = await db.query<{ slim: string }>(
    `select r.slim::text as slim from report_orders r where r.store_id = $1 and r.created_ms >= $2 and r.created_ms < $3
     union all
     select r.slim::text from report_orders r where r.store_id = $1 and ${REFUNDED_ELSEWHERE}`,
    [storeId, range.start, range.end],
  )
  return rows.map((r) => JSON.parse(r.slim) as ReportOrder)
}

/** The same set of orders as {@link ordersForDay}, whole (reconciliation needs their payments). */
export async function fullOrdersForDay(db: Sql, storeId: string, range: InstantRange): Promise<Order[]> {
  const rows = await db.query<{ doc: string }>(
    `select o.doc::text as doc from report_orders r join orders o on o.store_id = r.store_id and o.id = r.order_id
      where r.store_id = $1 and ((r.created_ms >= $2 and r.created_ms < $3) or (${REFUNDED_ELSEWHERE}))`,
    [storeId, range.start, range.end],
  )
  return rows.map((r) => JSON.parse(r.doc) as Order)
}

/** Projections rewritten after `watermark` (the projection's copy of `orders.updated_at`), oldest first. */
export async function ordersChangedSince(
  db: Sql,
  storeId: string,
  watermark: number,
): Promise<{ orders: ReportOrder[]; watermark: number }> {
  const rows = await db.query<{ slim: string; updated_at: string | number }>(
    `select slim::text as slim, updated_at from report_orders
      where store_id = $1 and updated_at > $2 order by updated_at`,
    [storeId, watermark],
  )
  const last = rows.at(-1)
  return {
    orders: rows.map((r) => JSON.parse(r.slim) as ReportOrder),
    watermark: last ? Number(last.updated_at) : watermark,
  }
}

/** Whether an order belongs in a day's report input: created in the day, or refunded in it. */
export function belongsToDay(order: ReportOrder, range: InstantRange): boolean {
  const created = order.timestamps.createdAt
  if (created >= range.start && created < range.end) return true
  for (const k in order.refunds) {
    const at = order.refunds[k]?.at ?? 0
    if (at >= range.start && at < range.end) return true
  }
  return false
}
