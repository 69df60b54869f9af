import type { Subscription, SubscriptionStatus } from '@xiaodian/domain'
import type { Sql } from '../db/database'

/** A bought pass as stored. */
export interface SubscriptionRow {
  storeId: string
  id: string
  planId: string
  customerId: string
  status: 'pending_payment' | SubscriptionStatus
  purchaseOrderId: string
  /** The domain subscription, once the purchase was paid. */
  doc: Subscription | null
  skipped: string[]
  scheduledUntil: number | null
  nextDueMs: number | null
  createdMs: number
  updatedMs: number
}

const COLS = `store_id, id, plan_id, customer_id, status, purchase_order_id, doc, skipped, scheduled_until,
  next_due_ms, created_ms, updated_ms`

type Raw = Record<string, unknown>
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v))

/** A row as read from the database. */
export function subscriptionOf(r: Raw): SubscriptionRow {
  return {
    storeId: r.store_id as string,
    id: r.id as string,
    planId: r.plan_id as string,
    customerId: r.customer_id as string,
    status: r.status as SubscriptionRow['status'],
    purchaseOrderId: r.purchase_order_id as string,
    doc: (r.doc as Subscription | null) ?? null,
    skipped: (r.skipped as string[] | null) ?? [],
    scheduledUntil: num(r.scheduled_until),
    nextDueMs: num(r.next_due_ms),
    createdMs: Number(r.created_ms),
    updatedMs: Number(r.updated_ms),
  }
}

/** One subscription, optionally locked for update. */
export async function getSubscription(
  sql: Sql,
  storeId: string,
  id: string,
  lock = false,
): Promise<SubscriptionRow | undefined> {
  const rows = await sql.query<Raw>(
    `select ${COLS} from subscriptions where store_id = $1 and id = $2${lock ? ' for update' : ''}`,
    [storeId, id],
  )
  return rows[0] ? subscriptionOf(rows[0]) : undefined
}

/** A customer's passes, newest first. */
export async function subscriptionsOf(sql: Sql, storeId: string, customerId: string): Promise<SubscriptionRow[]> {
  const rows = await sql.query<Raw>(
    `select ${COLS} from subscriptions where store_id = $1 and customer_id = $2 order by created_ms desc, id limit 100`,
    [storeId, customerId],
  )
  return rows.map(subscriptionOf)
}

/** Inserts a new (unpaid) subscription; false when the id exists. */
export async function insertSubscription(tx: Sql, r: SubscriptionRow): Promise<boolean> {
  const rows = await tx.query(
    `insert into subscriptions (${COLS}) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
     on conflict (store_id, id) do nothing returning id`,
    [
      r.storeId,
      r.id,
      r.planId,
      r.customerId,
      r.status,
      r.purchaseOrderId,
      r.doc === null ? null : JSON.stringify(r.doc),
      JSON.stringify(r.skipped),
      r.scheduledUntil,
      r.nextDueMs,
      r.createdMs,
      r.updatedMs,
    ],
  )
  return rows.length > 0
}

/** Writes the mutable fields back. */
export async function updateSubscription(tx: Sql, r: SubscriptionRow): Promise<void> {
  await tx.query(
    `update subscriptions set status = $3, doc = $4, skipped = $5, scheduled_until = $6, next_due_ms = $7,
       updated_ms = $8
     where store_id = $1 and id = $2`,
    [
      r.storeId,
      r.id,
      r.status,
      r.doc === null ? null : JSON.stringify(r.doc),
      JSON.stringify(r.skipped),
      r.scheduledUntil,
      r.nextDueMs,
      r.updatedMs,
    ],
  )
}
