import {
  type Redemption,
  type Result,
  type Subscription,
  cancelAtPeriodEnd,
  duePeriods,
  findItem,
  pauseSubscription,
  redeem,
  resumeSubscription,
  undoRedemption,
} from '@xiaodian/domain'
import type { Principal } from '../auth/tokens'
import { runtimeOf } from '../booking/runtime'
import { AppError } from '../http/errors'
import type { Services } from '../services'
import type { StorePlan } from './plans'
import { planOf } from './purchase'
import { nextDueAt } from './scheduler'
import { type SubscriptionRow, getSubscription, updateSubscription } from './subscription-store'

/** Domain refusals of a pass change (not active, caps reached) are conflicts with the pass's state. */
function orThrow<T>(r: Result<T>): T {
  if (!r.ok) throw new AppError(r.error.code, r.error.message, { ...r.error.details }, 409)
  return r.value
}

function mayManage(who: Principal, row: SubscriptionRow): boolean {
  return who.role === 'consumer' ? row.customerId === who.openid : who.storeId === row.storeId
}

/**
 * Runs one change of a pass in a transaction with the row locked: the caller's rule gets the paid pass and
 * its plan, returns the new subscription (and optional skipped keys); the scheduler's next due time is
 * recomputed from it.
 */
async function change(
  s: Services,
  storeId: string,
  id: string,
  who: Principal,
  rule: (
    sub: Subscription,
    plan: StorePlan,
    row: SubscriptionRow,
    ctx: { now: number; timeZone: string },
  ) => { sub: Subscription; skipped?: string[] },
): Promise<{ row: SubscriptionRow; plan: StorePlan }> {
  const now = s.now()
  return s.db.transaction(async (tx) => {
    const row = await getSubscription(tx, storeId, id, true)
    if (!row || !mayManage(who, row)) throw new AppError('NOT_FOUND', `no pass ${id}`)
    const { store, plan } = await planOf(s, storeId, row.planId, tx)
    if (!row.doc) throw new AppError('PASS_NOT_ACTIVE', '这张卡还没有支付', { subscriptionId: id }, 409)
    const out = rule(row.doc, plan, row, { now, timeZone: store.timeZone })
    const next: SubscriptionRow = {
      ...row,
      doc: out.sub,
      status: out.sub.status,
      skipped: out.skipped ?? row.skipped,
      updatedMs: now,
    }
    const from = Math.max(now, next.scheduledUntil ?? now)
    await updateSubscription(tx, { ...next, nextDueMs: nextDueAt(next, plan, store.timeZone, from) })
    return { row: next, plan }
  })
}

/** Pauses (冻结) a pass: no uses, no drink-plan orders until resumed ([PAS-2]). */
export function pausePass(s: Services, storeId: string, id: string, who: Principal) {
  return change(s, storeId, id, who, (sub, _plan, _row, { now }) => ({ sub: orThrow(pauseSubscription(sub, now)) }))
}

/** Resumes a pass; validity grows by the paused time and the paused periods are not owed ([PAS-2]). */
export function resumePass(s: Services, storeId: string, id: string, who: Principal) {
  return change(s, storeId, id, who, (sub, _plan, _row, { now }) => ({ sub: orThrow(resumeSubscription(sub, now)) }))
}

/** Cancels at the end of the current period: usable until then, nothing owed after ([PAS-3]). */
export function cancelPass(s: Services, storeId: string, id: string, who: Principal) {
  return change(s, storeId, id, who, (sub, plan, _row, { now, timeZone }) => ({
    sub: orThrow(cancelAtPeriodEnd(sub, plan, now, timeZone)),
  }))
}

/**
 * Skips one coming period of a drink plan: no order for it, and validity grows by that period, so the
 * customer keeps every drink they paid for. Only a future, not yet generated period can be skipped.
 */
export function skipPeriod(s: Services, storeId: string, id: string, who: Principal, periodKey: string) {
  return change(s, storeId, id, who, (sub, plan, row, { now, timeZone }) => {
    if (!plan.generates) throw new AppError('PASS_INVALID_TRANSITION', '只有饮品订阅可以跳过一期', {}, 409)
    if (sub.status !== 'active') throw new AppError('PASS_INVALID_TRANSITION', '这张卡当前不能跳过', {}, 409)
    if (row.skipped.includes(periodKey)) return { sub }
    const from = Math.max(now, row.scheduledUntil ?? now)
    const coming = duePeriods(sub, plan, from, sub.endAt, timeZone)
    const period = coming.ok ? coming.value.find((p) => p.key === periodKey) : undefined
    if (!period) throw new AppError('PASS_INVALID_TRANSITION', `没有可跳过的这一期: ${periodKey}`, { periodKey }, 409)
    return { sub: { ...sub, endAt: sub.endAt + (period.end - period.start) }, skipped: [...row.skipped, periodKey] }
  })
}

/**
 * Redeems one use of the pass a scanned code names ([PAS-4]): the code must be genuine, unexpired and of
 * this store; the price is the menu's; caps and the value cap are the domain's. The same redemption id
 * twice is one use.
 */
export async function redeemByCode(
  s: Services,
  storeId: string,
  who: Principal,
  req: { code: string; itemId: string; skuId?: string | undefined; redemptionId: string },
): Promise<{ row: SubscriptionRow; plan: StorePlan; redemption: Redemption }> {
  const claims = (await runtimeOf(s).passCodes()).verify(req.code, s.now())
  if (!claims || claims.storeId !== storeId) {
    throw new AppError('PASS_CODE_INVALID', '卡券码无效或已过期，请让顾客刷新', {}, 422)
  }
  const catalog = await s.catalogs.get(storeId)
  const item = catalog ? findItem(catalog.menu, req.itemId)?.item : undefined
  const sku = item?.skus.find((k) => k.id === (req.skuId ?? item.skus[0]?.id))
  if (!item || !sku) throw new AppError('NOT_FOUND', `no item ${req.itemId} / ${req.skuId ?? '-'}`)
  let redemption: Redemption | undefined
  const out = await change(s, storeId, claims.subscriptionId, who, (sub, plan, _row, { now, timeZone }) => {
    const r = orThrow(
      redeem(sub, plan, { redemptionId: req.redemptionId, at: now, itemId: item.id, priceFen: sku.priceFen }, timeZone),
    )
    redemption = r.redemption
    return { sub: r.subscription }
  })
  return { ...out, redemption: redemption! }
}

/** Undoes a redemption (the wash was not done): the use is free again, the record stays ([PAS-4]). */
export function undoRedeem(s: Services, storeId: string, id: string, who: Principal, redemptionId: string) {
  return change(s, storeId, id, who, (sub, _plan, _row, { now }) => ({
    sub: orThrow(undoRedemption(sub, redemptionId, now)),
  }))
}
