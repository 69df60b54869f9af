import { zValidator } from '@hono/zod-validator'
import { type GroupBuyView, OpenGroupBuyRequest } from '@xiaodian/shared'
import { Hono } from 'hono'
import { type AuthEnv, principalOf, requireStoreStaff } from '../auth/middleware'
import { runtimeOf } from '../booking/runtime'
import { AppError } from '../http/errors'
import { validationHook } from '../http/validation'
import type { Services } from '../services'
import { type TeamRow, getTeam, joinTeam, membersOf, openTeam, regularPrice } from './teams'

function consumer(c: Parameters<typeof principalOf>[0]) {
  const who = principalOf(c)
  if (who.role !== 'consumer') throw new AppError('FORBIDDEN', '拼团 is joined in the mini-program')
  return who
}

/**
 * 拼团: `/api/stores/:storeId/groupbuys/…`. Offers and teams are public (a shared link shows the team);
 * opening and joining are the consumer's and each seat is paid with WeChat Pay like any order.
 */
export function groupbuyRoutes(s: Services) {
  const view = async (team: TeamRow): Promise<GroupBuyView> => {
    const members = await membersOf(s.db, team.storeId, team.id)
    const offer = await runtimeOf(s).offers.get(team.storeId, team.offerId)
    return {
      id: team.id,
      storeId: team.storeId,
      offerId: team.offerId,
      name: offer?.name ?? team.offerId,
      size: team.size,
      paid: team.doc.participants.length,
      closesAt: team.closesAt,
      status: team.status,
      groupFen: team.groupFen,
      members: members.map((m) => ({
        memberId: m.memberId,
        nickname: m.nickname,
        status: m.status,
        orderId: m.orderId,
        joinedAt: m.joinedMs,
      })),
    }
  }
  const seat = async (team: TeamRow, memberId: string, duplicate: boolean) => {
    const groupBuy = await view(team)
    const mine = groupBuy.members.find((m) => m.memberId === memberId)
    const seats = await s.db.query<{ seat_expires_at: string }>(
      'select seat_expires_at from group_members where store_id = $1 and group_id = $2 and member_id = $3',
      [team.storeId, team.id, memberId],
    )
    const payment = {
      outTradeNo: mine?.orderId ?? '',
      amountFen: team.groupFen,
      payBefore: seats[0] ? Number(seats[0].seat_expires_at) : null,
    }
    return { groupBuy, payment, duplicate }
  }
  return new Hono<AuthEnv>()
    .get('/:storeId/groupbuys/offers', async (c) => {
      const storeId = c.req.param('storeId')
      if (!s.stores.byId(storeId)) throw new AppError('NOT_FOUND', `no store ${storeId}`)
      const offers = await runtimeOf(s).offers.list(storeId)
      return c.json({
        offers: await Promise.all(
          offers.map(async (o) => ({ ...o, regularFen: (await regularPrice(s, storeId, o)).subtotalFen })),
        ),
      })
    })
    .post('/:storeId/groupbuys', zValidator('json', OpenGroupBuyRequest, validationHook), async (c) => {
      const who = consumer(c)
      const storeId = c.req.param('storeId')
      const team = await openTeam(s, storeId, who, c.req.valid('json').offerId)
      return c.json(await seat(team, who.openid, false), 201)
    })
    .get('/:storeId/groupbuys/:id', async (c) => {
      const team = await getTeam(s.db, c.req.param('storeId'), c.req.param('id'))
      if (!team) throw new AppError('NOT_FOUND', `no 拼团 ${c.req.param('id')}`)
      return c.json({ groupBuy: await view(team) })
    })
    .get('/:storeId/refunds', requireStoreStaff(['owner']), async (c) => {
      // The owner's view of the refunds the flows owe (拼团 failures, cancelled paid bookings) and their saga state.
      const rows = await s.db.query<Record<string, unknown>>(
        `select out_refund_no, order_id, amount_fen, reason, source, status, attempts, last_error, created_ms, updated_ms
         from refund_sagas where store_id = $1 order by created_ms desc, out_refund_no limit 500`,
        [c.req.param('storeId')],
      )
      return c.json({
        refunds: rows.map((r) => ({
          outRefundNo: r.out_refund_no,
          orderId: r.order_id,
          amountFen: Number(r.amount_fen),
          reason: r.reason,
          source: r.source,
          status: r.status,
          attempts: Number(r.attempts),
          lastError: r.last_error ?? null,
          createdAt: Number(r.created_ms),
          updatedAt: Number(r.updated_ms),
        })),
      })
    })
    .post('/:storeId/groupbuys/:id/join', async (c) => {
      const who = consumer(c)
      const { team, duplicate } = await joinTeam(s, c.req.param('storeId'), c.req.param('id'), who)
      return c.json(await seat(team, who.openid, duplicate), duplicate ? 200 : 201)
    })
}
