import { randomUUID } from 'node:crypto'
import type { Order } from '@xiaodian/domain'
import type { Sql } from '../db/database'
import type { ChannelCommand } from '../ingest/command'

/**
 * A new own-channel order id. It doubles as WeChat Pay's `out_trade_no`, which allows at most 32
 * characters of `[0-9A-Za-z_-*]`: a UUID without its dashes.
 */
export function newOrderId(): string {
  return randomUUID().replaceAll('-', '')
}

/** The server's next pickup number of a business day (the same counter the store's own orders use). */
export async function nextPickupNumber(sql: Sql, storeId: string, businessDay: string): Promise<number> {
  const rows = await sql.query<{ last: number }>(
    `insert into pickup_counters (store_id, business_day, last) values ($1, $2, 1)
     on conflict (store_id, business_day) do update set last = pickup_counters.last % 999 + 1
     returning last`,
    [storeId, businessDay],
  )
  return Number(rows[0]!.last)
}

/** The ingest command that creates (or re-delivers, identically) one of our orders. */
export function upsertCommand(order: Order, at: number): ChannelCommand {
  return { kind: 'order.upsert', storeId: order.storeId, order, at }
}

const formatters = new Map<string, Intl.DateTimeFormat>()

/** `2026年11月23日 10:00` (or `10:00`) in a time zone, for notes, slot labels and messages. */
export function formatLocal(at: number, timeZone: string, withDate = true): string {
  // Building an Intl.DateTimeFormat costs far more than formatting with one: keep one per zone.
  let f = formatters.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    })
    formatters.set(timeZone, f)
  }
  const parts: Record<string, string> = {}
  for (const p of f.formatToParts(at)) parts[p.type] = p.value
  const time = `${parts.hour}:${parts.minute}`
  return withDate ? `${parts.year}年${parts.month}月${parts.day}日 ${time}` : time
}
