import { zValidator } from '@hono/zod-validator'
import { PurchasePassRequest, RedeemPassRequest, SkipPeriodRequest } from '@xiaodian/shared'
import { Hono } from 'hono'
import { type AuthEnv, principalOf, requireStoreStaff } from '../auth/middleware'
import type { Principal } from '../auth/tokens'
import { runtimeOf } from '../booking/runtime'
import { AppError } from '../http/errors'
import { validationHook } from '../http/validation'
import type { Services } from '../services'
import { cancelPass, pausePass, redeemByCode, resumePass, skipPeriod, undoRedeem } from './manage'
import type { StorePlan } from './plans'
import { planOf, purchasePass, subscriptionView } from './purchase'
import { type SubscriptionRow, getSubscription, subscriptionsOf } from './subscription-store'

function consumerOf(c: { get: (k: 'principal') => Principal | undefined }) {
  const who = c.get('principal')
  if (!who) throw new AppError('UNAUTHENTICATED', 'sign in first: missing, expired or invalid token')
  if (who.role !== 'consumer') throw new AppError('FORBIDDEN', 'passes are bought in the mini-program')
  return who
}

/**
 * Passes and drink plans: `/api/stores/:storeId/passes/…`. Plans are public; buying, the code and the
 * list are the consumer's; redeeming and undoing are the staff's; pause, resume, skip and cancel are the
 * customer's or the staff's.
 */
export function passRoutes(s: Services) {
  const view = async (row: SubscriptionRow, plan?: StorePlan) => {
    const p = plan ?? (await planOf(s, row.storeId, row.planId)).plan
    return subscriptionView(row, p, s.stores.byId(row.storeId)?.timeZone ?? 'Asia/Shanghai', s.now())
  }
  return new Hono<AuthEnv>()
    .get('/:storeId/passes/plans', async (c) => {
      const storeId = c.req.param('storeId')
      if (!s.stores.byId(storeId)) throw new AppError('NOT_FOUND', `no store ${storeId}`)
      const plans = await runtimeOf(s).plans.list(storeId)
      return c.json({ plans: plans.map(({ generates: _g, ...p }) => p) })
    })
    .post('/:storeId/passes', zValidator('json', PurchasePassRequest, validationHook), async (c) => {
      const who = consumerOf(c)
      const body = c.req.valid('json')
      const { row, duplicate } = await purchasePass(s, c.req.param('storeId'), who, body.planId, body.subscriptionId)
      const subscription = await view(row)
      const payment = { outTradeNo: row.purchaseOrderId, amountFen: subscription.priceFen, payBefore: null }
      return c.json({ subscription, payment, duplicate }, duplicate ? 200 : 201)
    })
    .get('/:storeId/passes/mine', async (c) => {
      const who = consumerOf(c)
      const rows = await subscriptionsOf(s.db, c.req.param('storeId'), who.openid)
      return c.json({ subscriptions: await Promise.all(rows.map((r) => view(r))) })
    })
    .post(
      '/:storeId/passes/redeem',
      requireStoreStaff(),
      zValidator('json', RedeemPassRequest, validationHook),
      async (c) => {
        const out = await redeemByCode(s, c.req.param('storeId'), principalOf(c), c.req.valid('json'))
        const { undoneAt, id, at, itemId, priceFen, coveredFen, payFen } = out.redemption
        return c.json({
          redemption: { id, at, itemId, priceFen, coveredFen, payFen, undoneAt },
          subscription: await view(out.row, out.plan),
        })
      },
    )
    .get('/:storeId/passes/:id', async (c) => {
      const who = principalOf(c)
      const row = await getSubscription(s.db, c.req.param('storeId'), c.req.param('id'))
      const mine = row && (who.role === 'consumer' ? row.customerId === who.openid : who.storeId === row.storeId)
      if (!row || !mine) throw new AppError('NOT_FOUND', `no pass ${c.req.param('id')}`)
      return c.json({ subscription: await view(row) })
    })
    .get('/:storeId/passes/:id/code', async (c) => {
      const who = consumerOf(c)
      const row = await getSubscription(s.db, c.req.param('storeId'), c.req.param('id'))
      if (!row || row.customerId !== who.openid) throw new AppError('NOT_FOUND', `no pass ${c.req.param('id')}`)
      if (!row.doc) throw new AppError('PASS_NOT_ACTIVE', '这张卡还没有支付', {}, 409)
      const issued = (await runtimeOf(s).passCodes()).issue(row.storeId, row.id, s.now())
      return c.json({ code: issued.code, expiresAt: issued.expiresAt })
    })
    .post('/:storeId/passes/:id/pause', async (c) => {
      const out = await pausePass(s, c.req.param('storeId'), c.req.param('id'), principalOf(c))
      return c.json({ subscription: await view(out.row, out.plan) })
    })
    .post('/:storeId/passes/:id/resume', async (c) => {
      const out = await resumePass(s, c.req.param('storeId'), c.req.param('id'), principalOf(c))
      return c.json({ subscription: await view(out.row, out.plan) })
    })
    .post('/:storeId/passes/:id/cancel', async (c) => {
      const out = await cancelPass(s, c.req.param('storeId'), c.req.param('id'), principalOf(c))
      return c.json({ subscription: await view(out.row, out.plan) })
    })
    .post('/:storeId/passes/:id/skip', zValidator('json', SkipPeriodRequest, validationHook), async (c) => {
      const { periodKey } = c.req.valid('json')
      const out = await skipPeriod(s, c.req.param('storeId'), c.req.param('id'), principalOf(c), periodKey)
      return c.json({ subscription: await view(out.row, out.plan) })
    })
    .post('/:storeId/passes/:id/redemptions/:rid/undo', requireStoreStaff(), async (c) => {
      const p = c.req.param()
      const out = await undoRedeem(s, p.storeId, p.id, principalOf(c), p.rid)
      return c.json({ subscription: await view(out.row, out.plan) })
    })
}
