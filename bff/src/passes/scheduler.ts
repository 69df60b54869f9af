import {
  type Menu,
  type Order,
  type PassPeriod,
  type Result,
  createOrder,
  duePeriods,
  err,
  ok,
  priceLine,
} from '@xiaodian/domain'
import { runtimeOf } from '../booking/runtime'
import { drainOutbox, enqueueCommand, trackOrder } from '../booking/outbox'
import { newOrderId, nextPickupNumber, upsertCommand } from '../booking/shop-order'
import type { Sql } from '../db/database'
import type { Services } from '../services'
import type { StorePlan } from './plans'
import { type SubscriptionRow, subscriptionOf, updateSubscription } from './subscription-store'

const DAY = 86_400_000
/** How far ahead the scheduler looks for a subscription's next period before parking it until then. */
const HORIZON = 62 * DAY

/** The periods of a drink plan due before `until` and not generated yet (skipped ones left out). */
export function owedPeriods(row: SubscriptionRow, plan: StorePlan, timeZone: string, until: number) {
  if (!row.doc || row.scheduledUntil === null || until <= row.scheduledUntil) return ok<PassPeriod[]>([])
  const r = duePeriods(row.doc, plan, row.scheduledUntil, until, timeZone)
  if (!r.ok) return r
  return ok(r.value.filter((p) => !row.skipped.includes(p.key)))
}

/**
 * When the scheduler must look at a subscription next, from `from` on: the start of its next owed period,
 * the end of the look-ahead horizon while validity lasts, or null when nothing can become due (not a drink
 * plan, paused — resuming sets it again — or past its validity).
 */
export function nextDueAt(row: SubscriptionRow, plan: StorePlan, timeZone: string, from: number): number | null {
  const sub = row.doc
  if (!plan.generates || !sub || sub.status === 'paused' || from >= sub.endAt) return null
  const r = duePeriods(sub, plan, from, Math.min(sub.endAt, from + HORIZON), timeZone)
  const next = r.ok ? r.value.find((p) => !row.skipped.includes(p.key)) : undefined
  if (next) return next.start
  return from + HORIZON < sub.endAt ? from + HORIZON : null
}

/** The order a drink plan places for one period: the plan's drink, covered in full by the pass. */
export function periodOrder(input: {
  orderId: string
  row: SubscriptionRow
  plan: StorePlan
  period: PassPeriod
  menu: Menu
  businessDay: string
  pickupNumber: number
  at: number
}): Result<Order> {
  const g = input.plan.generates
  if (!g) return err('PASS_ITEM_NOT_COVERED', `plan ${input.plan.id} orders nothing`)
  const priced = priceLine(input.menu, {
    itemId: g.itemId,
    skuId: g.skuId,
    quantity: g.quantity,
    ...(g.options ? { options: g.options } : {}),
  })
  if (!priced.ok) return priced
  const promotionId = `pass:${input.plan.id}`
  const line = {
    id: '1',
    ...priced.value,
    discounts: [{ promotionId, amountFen: priced.value.subtotalFen }],
    totalFen: 0,
  }
  return ok(
    createOrder({
      id: input.orderId,
      storeId: input.row.storeId,
      channel: 'subscription',
      externalId: input.orderId,
      businessDay: input.businessDay,
      fulfilmentType: 'pickup',
      pickupNumber: input.pickupNumber,
      customer: { id: input.row.customerId },
      lines: [line],
      promotions: [{ promotionId, name: input.plan.name, savingFen: priced.value.subtotalFen }],
      notes: `${input.plan.name} · ${input.period.key}`,
      at: input.at,
      by: 'scheduler',
    }),
  )
}

/**
 * Generates every owed period of one locked subscription: claims `(subscription, period)` (the unique key
 * refuses a second claim, whoever makes it), queues the period's order in the same transaction, then moves
 * the subscription's cursor and next due time. Periods missed while the BFF was down are owed from the
 * cursor on, so they are caught up exactly once. Returns the orders queued.
 */
async function generate(
  s: Services,
  tx: Sql,
  row: SubscriptionRow,
  now: number,
  menus: ReadonlyMap<string, Menu>,
): Promise<string[]> {
  const plan = await runtimeOf(s).plans.get(row.storeId, row.planId, tx)
  const store = s.stores.byId(row.storeId)
  const menu = menus.get(row.storeId)
  if (!plan || !store || !menu) {
    await tx.query('update subscriptions set next_due_ms = null where store_id = $1 and id = $2', [row.storeId, row.id])
    return []
  }
  const owed = owedPeriods(row, plan, store.timeZone, now + 1)
  const keys: string[] = []
  for (const period of owed.ok ? owed.value : []) {
    const orderId = newOrderId()
    const claimed = await tx.query(
      `insert into subscription_periods (store_id, subscription_id, period_key, period_start, order_id, created_ms)
       values ($1, $2, $3, $4, $5, $6) on conflict do nothing returning order_id`,
      [row.storeId, row.id, period.key, period.start, orderId, now],
    )
    if (claimed.length === 0) continue
    const businessDay = s.businessDay(row.storeId, now)
    const order = periodOrder({
      orderId,
      row,
      plan,
      period,
      menu,
      businessDay,
      pickupNumber: await nextPickupNumber(tx, row.storeId, businessDay),
      at: Math.max(now, period.start),
    })
    if (!order.ok) {
      s.log.warn({ subscriptionId: row.id, period: period.key, code: order.error.code }, 'drink plan order not priced')
      continue
    }
    const key = `sub:${row.id}:${period.key}`
    await trackOrder(tx, row.storeId, orderId, 'subscription', row.id)
    await enqueueCommand(tx, key, upsertCommand(order.value, now), now)
    keys.push(key)
  }
  const moved: SubscriptionRow = { ...row, scheduledUntil: Math.max(row.scheduledUntil ?? now, now + 1) }
  await updateSubscription(tx, {
    ...moved,
    nextDueMs: nextDueAt(moved, plan, store.timeZone, now + 1),
    updatedMs: row.updatedMs,
  })
  return keys
}

/**
 * One scheduler run: takes due subscriptions in batches (SKIP LOCKED, so BFF processes sharing a database
 * split the work and never hold the same subscription), generates their owed periods, commits, and then
 * submits the queued orders to the ingest path. Returns how many orders it queued.
 */
export async function runScheduler(s: Services, batch = 250): Promise<number> {
  let queued = 0
  const due = await s.db.query('select 1 from subscriptions where next_due_ms <= $1 limit 1', [s.now()])
  if (due.length === 0) return 0
  // Menus are read before the transaction: on PGlite a query outside it would wait for it to end.
  const menus = new Map<string, Menu>()
  for (const st of s.stores.list()) {
    const catalog = await s.catalogs.get(st.id)
    if (catalog) menus.set(st.id, catalog.menu)
  }
  for (;;) {
    const now = s.now()
    const { n, keys } = await s.db.transaction(async (tx) => {
      const rows = await tx.query<Record<string, unknown>>(
        `select * from subscriptions where next_due_ms <= $1 order by next_due_ms, id limit $2 for update skip locked`,
        [now, batch],
      )
      const out: string[] = []
      for (const r of rows) out.push(...(await generate(s, tx, subscriptionOf(r), now, menus)))
      return { n: rows.length, keys: out }
    })
    queued += keys.length
    if (keys.length > 0) await drainOutbox(s, undefined, 2_000)
    if (n < batch) return queued
  }
}
