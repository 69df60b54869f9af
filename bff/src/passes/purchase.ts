import {
  type OrderLine,
  type Redemption,
  createOrder,
  createSubscription,
  duePeriods,
  localTime,
  paidFen,
  periodAt,
  refundedFen,
  subscriptionState,
} from '@xiaodian/domain'
import type { SubscriptionView } from '@xiaodian/shared'
import type { FollowContext, FollowedEvent } from '../booking/follower'
import { drainOutbox, enqueueCommand, trackOrder } from '../booking/outbox'
import { runtimeOf } from '../booking/runtime'
import { newOrderId, nextPickupNumber, upsertCommand } from '../booking/shop-order'
import type { Sql } from '../db/database'
import { AppError } from '../http/errors'
import type { Services } from '../services'
import type { StorePlan } from './plans'
import { nextDueAt } from './scheduler'
import { type SubscriptionRow, getSubscription, insertSubscription, updateSubscription } from './subscription-store'

/** A store and one of its plans, or 404. */
export async function planOf(s: Services, storeId: string, planId: string, sql?: Sql) {
  const store = s.stores.byId(storeId)
  const plan = store ? await runtimeOf(s).plans.get(storeId, planId, sql) : undefined
  if (!store || !plan) throw new AppError('NOT_FOUND', `no plan ${planId} in store ${storeId}`)
  return { store, plan }
}

/** The purchase order's one line: the plan itself, sold at its price. */
function planLine(plan: StorePlan): OrderLine {
  return {
    id: '1',
    itemId: `plan:${plan.id}`,
    itemName: plan.name,
    categoryId: 'passes',
    skuId: plan.id,
    skuName: plan.name,
    options: [],
    unitPriceFen: plan.priceFen,
    quantity: 1,
    subtotalFen: plan.priceFen,
    discounts: [],
    totalFen: plan.priceFen,
  }
}

/**
 * Buys a plan: the pass waits for its payment (`pending_payment`) and its order is queued in the same
 * transaction. It starts when the WeChat Pay notification for that order is ingested ({@link onPassOrder}).
 */
export async function purchasePass(
  s: Services,
  storeId: string,
  customer: { openid: string; nickname: string },
  planId: string,
  subscriptionId: string | undefined,
): Promise<{ row: SubscriptionRow; duplicate: boolean }> {
  const { plan } = await planOf(s, storeId, planId)
  const id = subscriptionId ?? newOrderId()
  const now = s.now()
  const out = await s.db.transaction(async (tx) => {
    const existing = await getSubscription(tx, storeId, id)
    if (existing) {
      if (existing.customerId !== customer.openid || existing.planId !== planId) {
        throw new AppError('CONFLICT', `pass ${id} exists`)
      }
      return { row: existing, duplicate: true }
    }
    const orderId = newOrderId()
    const businessDay = s.businessDay(storeId, now)
    const order = createOrder({
      id: orderId,
      storeId,
      channel: 'miniprogram',
      externalId: orderId,
      businessDay,
      fulfilmentType: 'pickup',
      pickupNumber: await nextPickupNumber(tx, storeId, businessDay),
      customer: { id: customer.openid, name: customer.nickname || null },
      lines: [planLine(plan)],
      notes: `购买 ${plan.name}`,
      at: now,
      by: 'miniprogram',
    })
    const row: SubscriptionRow = {
      storeId,
      id,
      planId,
      customerId: customer.openid,
      status: 'pending_payment',
      purchaseOrderId: orderId,
      doc: null,
      skipped: [],
      scheduledUntil: null,
      nextDueMs: null,
      createdMs: now,
      updatedMs: now,
    }
    await insertSubscription(tx, row)
    await trackOrder(tx, storeId, orderId, 'pass', id)
    await enqueueCommand(tx, `pass:${id}:order`, upsertCommand(order, now), now)
    return { row, duplicate: false }
  })
  await drainOutbox(s, { storeId, keys: [`pass:${id}:order`] }).catch(() => 0)
  return out
}

/**
 * The follower's reaction to a purchase order: once paid, the pass starts now, valid for the plan's
 * periods ([PAS-1]). A drink plan's scheduler cursor starts at the beginning of the current period, so an
 * interval plan's first period (which began at local midnight) is owed at once.
 */
export function onPassOrder(s: Services) {
  return async function activatePass(ctx: FollowContext, subscriptionId: string, ev: FollowedEvent): Promise<void> {
    if (paidFen(ev.order) - refundedFen(ev.order) <= 0) return
    const row = await getSubscription(ctx.tx, ctx.storeId, subscriptionId, true)
    const store = s.stores.byId(ctx.storeId)
    const plan = await runtimeOf(s).plans.get(ctx.storeId, row?.planId ?? '', ctx.tx)
    if (row?.status !== 'pending_payment' || !store || !plan) return
    const created = createSubscription({
      id: row.id,
      plan,
      customerId: row.customerId,
      storeId: row.storeId,
      startAt: ctx.now,
      timeZone: store.timeZone,
    })
    if (!created.ok) return
    const current = periodAt(plan, ctx.now, ctx.now, store.timeZone)
    const cursor = current.ok && current.value ? Math.min(current.value.start, ctx.now) : ctx.now
    const next: SubscriptionRow = {
      ...row,
      status: 'active',
      doc: created.value,
      scheduledUntil: plan.generates ? cursor : null,
      updatedMs: ctx.now,
    }
    await updateSubscription(ctx.tx, { ...next, nextDueMs: nextDueAt(next, plan, store.timeZone, cursor) })
  }
}

function live(doc: SubscriptionRow['doc']): Redemption[] {
  return Object.values(doc?.redemptions ?? {}).filter((r) => r.undoneAt === null)
}

/** A pass as the customer sees it at `now`. */
export function subscriptionView(
  row: SubscriptionRow,
  plan: StorePlan,
  timeZone: string,
  now: number,
): SubscriptionView {
  const doc = row.doc
  const used = live(doc)
  let usesLeft: number | null = null
  if (plan.totalUses !== undefined) usesLeft = Math.max(0, plan.totalUses - used.length)
  else if (plan.usesPerDay !== undefined) {
    const today = localTime(now, timeZone).dayKey
    usesLeft = Math.max(0, plan.usesPerDay - used.filter((r) => r.dayKey === today).length)
  }
  let periodsLeft: number | null = null
  let nextPeriod: SubscriptionView['nextPeriod'] = null
  if (plan.generates && doc) {
    const from = Math.max(now, row.scheduledUntil ?? now)
    const r = duePeriods({ ...doc, pausedAt: null }, plan, from, doc.endAt, timeZone)
    const coming = r.ok ? r.value.filter((p) => !row.skipped.includes(p.key)) : []
    periodsLeft = coming.length
    nextPeriod = coming[0] ? { key: coming[0].key, start: coming[0].start } : null
  }
  return {
    id: row.id,
    storeId: row.storeId,
    planId: plan.id,
    planName: plan.name,
    kind: plan.kind,
    status: doc && row.status !== 'pending_payment' ? subscriptionState(doc, now) : 'pending_payment',
    startAt: doc?.startAt ?? null,
    endAt: doc?.endAt ?? null,
    usesLeft,
    periodsLeft,
    nextPeriod,
    skipped: row.skipped,
    purchaseOrderId: row.purchaseOrderId,
    priceFen: plan.priceFen,
    redemptions: Object.values(doc?.redemptions ?? {})
      .sort((a, b) => b.at - a.at)
      .map((r) => ({
        id: r.id,
        at: r.at,
        itemId: r.itemId,
        priceFen: r.priceFen,
        coveredFen: r.coveredFen,
        payFen: r.payFen,
        undoneAt: r.undoneAt,
      })),
  }
}
