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
import { drainOutbox } from '../booking/outbox'
import { newOrderId, upsertCommand } from '../booking/shop-order'
import type { Sql } from '../db/database'
import type { Services } from '../services'
import type { StorePlan } from './plans'
import { type SubscriptionRow, subscriptionOf } from './subscription-store'

const DAY = 86_400_000
/** How far ahead the scheduler looks for a subscription's next period before parking it until then. */
const HORIZON = 62 * DAY

/** The periods of a drink plan due before `until` and not generated yet (skipped ones left out). */
function owedPeriods(row: SubscriptionRow, plan: StorePlan, timeZone: string, until: number) {
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
  // Most plans are due again within days: look close first, the whole horizon only when that finds nothing.
  for (const ahead of [3 * DAY, HORIZON]) {
    const r = duePeriods(sub, plan, from, Math.min(sub.endAt, from + ahead), timeZone)
    const next = r.ok ? r.value.find((p) => !row.skipped.includes(p.key)) : undefined
    if (next) return next.start
  }
  return from + HORIZON < sub.endAt ? from + HORIZON : null
}

/** The order a drink plan places for one period: the plan's drink, covered in full by the pass. */
function periodOrder(input: {
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

interface Claim {
  row: SubscriptionRow
  plan: StorePlan
  period: PassPeriod
  orderId: string
}

/**
 * Generates the owed periods of a batch of locked subscriptions, with a constant number of statements
 * per batch: claims every `(subscription, period)` at once (the unique key refuses a second claim,
 * whoever makes it), takes a block of pickup numbers per store, queues the claimed periods' orders, and
 * moves each subscription's cursor and next due time — all in the caller's transaction. Periods missed
 * while the BFF was down are owed from the cursor on, so they are caught up exactly once. Returns the
 * outbox keys of the queued orders.
 */
async function generate(
  s: Services,
  tx: Sql,
  rows: readonly SubscriptionRow[],
  now: number,
  menus: ReadonlyMap<string, Menu>,
): Promise<string[]> {
  const wanted: Claim[] = []
  const moves: { storeId: string; id: string; until: number | null; next: number | null }[] = []
  for (const row of rows) {
    const plan = await runtimeOf(s).plans.get(row.storeId, row.planId, tx)
    const store = s.stores.byId(row.storeId)
    if (!plan || !store || !menus.has(row.storeId)) {
      moves.push({ storeId: row.storeId, id: row.id, until: row.scheduledUntil, next: null })
      continue
    }
    const owed = owedPeriods(row, plan, store.timeZone, now + 1)
    for (const period of owed.ok ? owed.value : []) wanted.push({ row, plan, period, orderId: newOrderId() })
    const moved: SubscriptionRow = { ...row, scheduledUntil: Math.max(row.scheduledUntil ?? now, now + 1) }
    moves.push({
      storeId: row.storeId,
      id: row.id,
      until: moved.scheduledUntil,
      next: nextDueAt(moved, plan, store.timeZone, now + 1),
    })
  }
  const claimedRows = wanted.length
    ? await tx.query<{ subscription_id: string; period_key: string }>(
        `insert into subscription_periods (store_id, subscription_id, period_key, period_start, order_id, created_ms)
         select x->>0, x->>1, x->>2, (x->>3)::bigint, x->>4, $2 from jsonb_array_elements($1::jsonb) x
         on conflict do nothing returning subscription_id, period_key`,
        [JSON.stringify(wanted.map((c) => [c.row.storeId, c.row.id, c.period.key, c.period.start, c.orderId])), now],
      )
    : []
  const won = new Set(claimedRows.map((r) => `${r.subscription_id}|${r.period_key}`))
  const claims = wanted.filter((c) => won.has(`${c.row.id}|${c.period.key}`))
  const queued: { storeId: string; key: string; command: unknown; orderId: string; subId: string }[] = []
  for (const [storeId, mine] of groupBy(claims, (c) => c.row.storeId)) {
    const businessDay = s.businessDay(storeId, now)
    const numbers = await pickupBlock(tx, storeId, businessDay, mine.length)
    for (const [i, c] of mine.entries()) {
      const order = periodOrder({
        orderId: c.orderId,
        row: c.row,
        plan: c.plan,
        period: c.period,
        menu: menus.get(storeId)!,
        businessDay,
        pickupNumber: numbers[i]!,
        at: Math.max(now, c.period.start),
      })
      if (!order.ok) {
        s.log.warn(
          { subscriptionId: c.row.id, period: c.period.key, code: order.error.code },
          'drink plan order not priced',
        )
        continue
      }
      const key = `sub:${c.row.id}:${c.period.key}`
      queued.push({ storeId, key, command: upsertCommand(order.value, now), orderId: c.orderId, subId: c.row.id })
    }
  }
  if (queued.length > 0) {
    await tx.query(
      `insert into tracked_orders (store_id, order_id, kind, ref_id)
       select x->>0, x->>1, 'subscription', x->>2 from jsonb_array_elements($1::jsonb) x on conflict do nothing`,
      [JSON.stringify(queued.map((q) => [q.storeId, q.orderId, q.subId]))],
    )
    await tx.query(
      `insert into command_outbox (store_id, key, command, created_ms)
       select x->>0, x->>1, x->2, $2 from jsonb_array_elements($1::jsonb) x on conflict do nothing`,
      [JSON.stringify(queued.map((q) => [q.storeId, q.key, q.command])), now],
    )
  }
  if (moves.length > 0) {
    await tx.query(
      `update subscriptions s set scheduled_until = (x->>2)::bigint, next_due_ms = (x->>3)::bigint
       from jsonb_array_elements($1::jsonb) x where s.store_id = x->>0 and s.id = x->>1`,
      [JSON.stringify(moves.map((m) => [m.storeId, m.id, m.until, m.next]))],
    )
  }
  return queued.map((q) => q.key)
}

function groupBy<T>(xs: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>()
  for (const x of xs) {
    const k = key(x)
    const list = out.get(k)
    if (list) list.push(x)
    else out.set(k, [x])
  }
  return out
}

/**
 * `n` consecutive pickup numbers of a business day from the server's counter (the one the store's own
 * orders use: 1–999, wrapping), in one statement.
 */
async function pickupBlock(tx: Sql, storeId: string, businessDay: string, n: number): Promise<number[]> {
  const rows = await tx.query<{ last: number }>(
    `insert into pickup_counters (store_id, business_day, last) values ($1, $2, ($3::integer - 1) % 999 + 1)
     on conflict (store_id, business_day) do update set last = (pickup_counters.last + $3::integer - 1) % 999 + 1
     returning last`,
    [storeId, businessDay, n],
  )
  const last = Number(rows[0]!.last)
  return Array.from({ length: n }, (_, i) => ((((last - n + i) % 999) + 999) % 999) + 1)
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
      return { n: rows.length, keys: await generate(s, tx, rows.map(subscriptionOf), now, menus) }
    })
    queued += keys.length
    if (keys.length > 0) await drainOutbox(s, undefined, 2_000)
    if (n < batch) return queued
  }
}
