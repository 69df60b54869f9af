import type { Booking } from '@xiaodian/domain'
import type { Sql } from '../db/database'
import { enqueueCommand, statusCommand } from './outbox'

/** A stored booking. Times are epoch ms. */
export interface BookingRow {
  storeId: string
  id: string
  serviceId: string
  skuId: string | null
  resourceId: string | null
  start: number
  /** End of the occupied range (buffer included). */
  end: number
  /** End of the service itself. */
  serviceEnd: number
  status: 'held' | 'confirmed' | 'cancelled' | 'expired'
  holdExpiresAt: number | null
  orderId: string
  customerId: string | null
  amountFen: number
  localDay: string
  checkedInAt: number | null
  remindedAt: number | null
  cancelReason: string | null
  createdMs: number
  updatedMs: number
}

const COLS = `store_id, id, service_id, sku_id, resource_id, start_ms, end_ms, service_end_ms, status,
  hold_expires_at, order_id, customer_id, amount_fen, local_day, checked_in_at, reminded_at, cancel_reason,
  created_ms, updated_ms`

type Raw = Record<string, unknown>
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v))

function rowOf(r: Raw): BookingRow {
  return {
    storeId: r.store_id as string,
    id: r.id as string,
    serviceId: r.service_id as string,
    skuId: (r.sku_id as string | null) ?? null,
    resourceId: (r.resource_id as string | null) ?? null,
    start: Number(r.start_ms),
    end: Number(r.end_ms),
    serviceEnd: Number(r.service_end_ms),
    status: r.status as BookingRow['status'],
    holdExpiresAt: num(r.hold_expires_at),
    orderId: r.order_id as string,
    customerId: (r.customer_id as string | null) ?? null,
    amountFen: Number(r.amount_fen),
    localDay: r.local_day as string,
    checkedInAt: num(r.checked_in_at),
    remindedAt: num(r.reminded_at),
    cancelReason: (r.cancel_reason as string | null) ?? null,
    createdMs: Number(r.created_ms),
    updatedMs: Number(r.updated_ms),
  }
}

/** The domain's view of a stored booking. */
export function toDomain(b: BookingRow): Booking {
  return {
    id: b.id,
    resourceId: b.resourceId,
    serviceId: b.serviceId,
    start: b.start,
    end: b.end,
    status: b.status === 'held' || b.status === 'confirmed' ? b.status : 'cancelled',
    holdExpiresAt: b.holdExpiresAt,
  }
}

/**
 * The bookings that block time in `[from, to)` at `now`: confirmed ones and holds that have not lapsed.
 * A lapsed hold the sweeper has not reached yet is ignored here, by time.
 */
export async function blockingBetween(
  sql: Sql,
  storeId: string,
  from: number,
  to: number,
  now: number,
): Promise<Booking[]> {
  // One row of JSON instead of one row per booking: on PGlite the per-row cost dominates a busy day.
  const rows = await sql.query<{ j: string }>(
    `select coalesce(json_agg(json_build_array(id, resource_id, service_id, start_ms, end_ms, status, hold_expires_at)),
       '[]')::text as j
     from bookings
     where store_id = $1 and status in ('held', 'confirmed') and start_ms < $3 and end_ms > $2
       and (status = 'confirmed' or hold_expires_at > $4)`,
    [storeId, from, to, now],
  )
  const list = JSON.parse(rows[0]?.j ?? '[]') as [
    string,
    string | null,
    string,
    number,
    number,
    string,
    number | null,
  ][]
  return list.map(([id, resourceId, serviceId, start, end, status, holdExpiresAt]) => ({
    id,
    resourceId,
    serviceId,
    start: Number(start),
    end: Number(end),
    status: status as 'held' | 'confirmed',
    holdExpiresAt: holdExpiresAt === null ? null : Number(holdExpiresAt),
  }))
}

/** One booking, optionally locked for update. */
export async function getBooking(sql: Sql, storeId: string, id: string, lock = false): Promise<BookingRow | undefined> {
  const rows = await sql.query<Raw>(
    `select ${COLS} from bookings where store_id = $1 and id = $2${lock ? ' for update' : ''}`,
    [storeId, id],
  )
  return rows[0] ? rowOf(rows[0]) : undefined
}

/** Bookings of a local day (staff list), by start. */
export async function bookingsOfDay(sql: Sql, storeId: string, day: string): Promise<BookingRow[]> {
  const rows = await sql.query<Raw>(
    `select ${COLS} from bookings where store_id = $1 and local_day = $2 order by start_ms, id`,
    [storeId, day],
  )
  return rows.map(rowOf)
}

/** A customer's bookings, newest start first. */
export async function bookingsOfCustomer(sql: Sql, storeId: string, customerId: string): Promise<BookingRow[]> {
  const rows = await sql.query<Raw>(
    `select ${COLS} from bookings where store_id = $1 and customer_id = $2 order by start_ms desc limit 100`,
    [storeId, customerId],
  )
  return rows.map(rowOf)
}

/** How many unpaid holds a customer keeps at `now`. */
export async function liveHoldsOf(sql: Sql, storeId: string, customerId: string, now: number): Promise<number> {
  const rows = await sql.query<{ n: string }>(
    `select count(*) as n from bookings where store_id = $1 and customer_id = $2 and status = 'held'
       and hold_expires_at > $3`,
    [storeId, customerId, now],
  )
  return Number(rows[0]?.n ?? 0)
}

/**
 * Marks store-days as changed (in the writer's transaction), in a fixed order so two writers touching the
 * same two days never wait on each other in a cycle.
 */
async function bumpDays(tx: Sql, storeId: string, days: readonly string[]): Promise<void> {
  for (const day of [...new Set(days)].sort()) {
    await tx.query(
      `insert into booking_day_versions (store_id, local_day, version) values ($1, $2, 1)
       on conflict (store_id, local_day) do update set version = booking_day_versions.version + 1`,
      [storeId, day],
    )
  }
}

/** The version of a store-day's bookings (0 when never written). */
export async function dayVersion(sql: Sql, storeId: string, day: string): Promise<number> {
  const rows = await sql.query<{ version: string }>(
    'select version from booking_day_versions where store_id = $1 and local_day = $2',
    [storeId, day],
  )
  return Number(rows[0]?.version ?? 0)
}

/** Inserts a booking; a range taken meanwhile fails with the exclusion constraint (23P01). */
export async function insertBooking(tx: Sql, b: BookingRow): Promise<void> {
  await tx.query(
    `insert into bookings (${COLS}) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)`,
    [
      b.storeId,
      b.id,
      b.serviceId,
      b.skuId,
      b.resourceId,
      b.start,
      b.end,
      b.serviceEnd,
      b.status,
      b.holdExpiresAt,
      b.orderId,
      b.customerId,
      b.amountFen,
      b.localDay,
      b.checkedInAt,
      b.remindedAt,
      b.cancelReason,
      b.createdMs,
      b.updatedMs,
    ],
  )
  await bumpDays(tx, b.storeId, [b.localDay])
}

/**
 * Writes the mutable fields of a booking back (status, range, resource, check-in, reminder, reason) and
 * marks its day changed (and the day it moved from, when `fromDay` differs).
 */
export async function updateBooking(tx: Sql, b: BookingRow, fromDay: string = b.localDay): Promise<void> {
  await tx.query(
    `update bookings set resource_id = $3, start_ms = $4, end_ms = $5, service_end_ms = $6, status = $7,
       hold_expires_at = $8, local_day = $9, checked_in_at = $10, reminded_at = $11, cancel_reason = $12,
       updated_ms = $13
     where store_id = $1 and id = $2`,
    [
      b.storeId,
      b.id,
      b.resourceId,
      b.start,
      b.end,
      b.serviceEnd,
      b.status,
      b.holdExpiresAt,
      b.localDay,
      b.checkedInAt,
      b.remindedAt,
      b.cancelReason,
      b.updatedMs,
    ],
  )
  await bumpDays(tx, b.storeId, [fromDay, b.localDay])
}

/** The reason a lapsed hold's order is cancelled with. */
const HOLD_LAPSED_REASON = '预约超时未支付'

/** The stores with a lapsed hold to release (a cheap indexed look before any transaction). */
export async function storesWithLapsedHolds(sql: Sql, now: number): Promise<string[]> {
  const rows = await sql.query<{ store_id: string }>(
    `select distinct store_id from bookings where status = 'held' and hold_expires_at <= $1`,
    [now],
  )
  return rows.map((r) => r.store_id)
}

/**
 * Releases a store's lapsed holds: marks them `expired` (so the exclusion constraint no longer counts
 * them) and queues the cancel of their unpaid orders, in the caller's transaction. Every writer that
 * books a range calls this first; the sweeper calls it for every store.
 */
export async function releaseLapsedHolds(tx: Sql, storeId: string, now: number): Promise<number> {
  const rows = await tx.query<{ id: string; order_id: string }>(
    `update bookings set status = 'expired', cancel_reason = $3, updated_ms = $2
     where store_id = $1 and status = 'held' and hold_expires_at <= $2
     returning id, order_id`,
    [storeId, now, HOLD_LAPSED_REASON],
  )
  for (const r of rows) {
    await enqueueCommand(
      tx,
      `booking:${r.id}:cancel`,
      statusCommand(storeId, 'miniprogram', r.order_id, 'cancelled', now, HOLD_LAPSED_REASON),
      now,
    )
  }
  return rows.length
}

/** True when a database error is the exclusion constraint refusing an overlap. */
export function isOverlap(err: unknown): boolean {
  return (err as { code?: string } | null)?.code === '23P01'
}

/** True when PostgreSQL gave up a transaction that may simply be run again (deadlock, serialization). */
export function isTransient(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code
  return code === '40P01' || code === '40001'
}
