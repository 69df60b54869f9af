import {
  type GroupBuy,
  type Order,
  createOrder,
  formatYuan,
  joinGroupBuy,
  openGroupBuy,
  paidFen,
  priceLine,
  refundedFen,
  settleGroupBuy,
} from '@xiaodian/domain'
import type { FollowContext, FollowedEvent } from '../booking/follower'
import { drainOutbox, enqueueCommand, statusCommand, trackOrder } from '../booking/outbox'
import { runtimeOf } from '../booking/runtime'
import { newOrderId, nextPickupNumber, upsertCommand } from '../booking/shop-order'
import type { Sql } from '../db/database'
import { AppError } from '../http/errors'
import { enqueueNotification } from '../notify/outbox'
import { groupOutcomeMessage } from '../notify/templates'
import type { Services } from '../services'
import type { GroupOffer } from './offers'
import { outRefundNoOf, owe } from './refund-saga'

/** A stored team. */
export interface TeamRow {
  storeId: string
  id: string
  offerId: string
  size: number
  groupFen: number
  closesAt: number
  status: GroupBuy['status']
  doc: GroupBuy
  leaderId: string
}

/** A stored seat. */
export interface MemberRow {
  memberId: string
  nickname: string
  orderId: string
  status: 'pending' | 'paid' | 'lapsed' | 'refunding' | 'refunded'
  seatExpiresAt: number
  joinedMs: number
}

type Raw = Record<string, unknown>

function teamOf(r: Raw): TeamRow {
  return {
    storeId: r.store_id as string,
    id: r.id as string,
    offerId: r.offer_id as string,
    size: Number(r.size),
    groupFen: Number(r.group_fen),
    closesAt: Number(r.closes_at),
    status: r.status as TeamRow['status'],
    doc: r.doc as GroupBuy,
    leaderId: r.leader_id as string,
  }
}

function memberOf(r: Raw): MemberRow {
  return {
    memberId: r.member_id as string,
    nickname: r.nickname as string,
    orderId: r.order_id as string,
    status: r.status as MemberRow['status'],
    seatExpiresAt: Number(r.seat_expires_at),
    joinedMs: Number(r.joined_ms),
  }
}

/** A team, optionally locked. */
export async function getTeam(sql: Sql, storeId: string, id: string, lock = false): Promise<TeamRow | undefined> {
  const rows = await sql.query<Raw>(
    `select * from group_buys where store_id = $1 and id = $2${lock ? ' for update' : ''}`,
    [storeId, id],
  )
  return rows[0] ? teamOf(rows[0]) : undefined
}

/** A team's seats, in joining order. */
export async function membersOf(sql: Sql, storeId: string, groupId: string): Promise<MemberRow[]> {
  const rows = await sql.query<Raw>(
    'select * from group_members where store_id = $1 and group_id = $2 order by joined_ms, member_id',
    [storeId, groupId],
  )
  return rows.map(memberOf)
}

async function setMember(tx: Sql, storeId: string, groupId: string, memberId: string, status: MemberRow['status']) {
  await tx.query('update group_members set status = $4 where store_id = $1 and group_id = $2 and member_id = $3', [
    storeId,
    groupId,
    memberId,
    status,
  ])
}

async function saveTeam(tx: Sql, t: TeamRow, now: number) {
  await tx.query('update group_buys set status = $3, doc = $4, updated_ms = $5 where store_id = $1 and id = $2', [
    t.storeId,
    t.id,
    t.status,
    JSON.stringify(t.doc),
    now,
  ])
}

/** A store and one of its offers, or 404. */
async function offerOf(s: Services, storeId: string, offerId: string, sql?: Sql) {
  const store = s.stores.byId(storeId)
  const offer = store ? await runtimeOf(s).offers.get(storeId, offerId, sql) : undefined
  if (!store || !offer) throw new AppError('NOT_FOUND', `no 拼团 offer ${offerId} in store ${storeId}`)
  return { store, offer }
}

/** The menu price of one unit of what an offer sells. */
export async function regularPrice(s: Services, storeId: string, offer: GroupOffer) {
  const catalog = await s.catalogs.get(storeId)
  const line = catalog ? priceLine(catalog.menu, { itemId: offer.itemId, skuId: offer.skuId, quantity: 1 }) : null
  if (!line?.ok) throw new AppError('NOT_FOUND', `offer ${offer.id} sells nothing on the menu`)
  return line.value
}

/**
 * Takes a seat for a member: their order at the group price (the menu price with the 拼团 discount on the
 * line), unpaid, queued in the caller's transaction; the seat lapses after the store's hold minutes.
 */
async function takeSeat(
  s: Services,
  tx: Sql,
  team: TeamRow,
  offer: GroupOffer,
  customer: { openid: string; nickname: string },
  now: number,
): Promise<string> {
  const store = s.stores.byId(team.storeId)!
  const line = await regularPrice(s, team.storeId, offer)
  const promotionId = `groupbuy:${offer.id}`
  const off = Math.max(0, line.subtotalFen - offer.groupFen)
  const orderId = newOrderId()
  const businessDay = s.businessDay(team.storeId, now)
  const order = createOrder({
    id: orderId,
    storeId: team.storeId,
    channel: 'miniprogram',
    externalId: orderId,
    businessDay,
    fulfilmentType: 'pickup',
    pickupNumber: await nextPickupNumber(tx, team.storeId, businessDay),
    customer: { id: customer.openid, name: customer.nickname || null },
    lines: [
      { id: '1', ...line, discounts: off ? [{ promotionId, amountFen: off }] : [], totalFen: line.subtotalFen - off },
    ],
    promotions: off ? [{ promotionId, name: offer.name, savingFen: off }] : [],
    notes: `拼团 ${offer.name} · 成团后制作`,
    at: now,
    by: 'miniprogram',
  })
  await tx.query(
    `insert into group_members (store_id, group_id, member_id, nickname, order_id, status, seat_expires_at, joined_ms)
     values ($1, $2, $3, $4, $5, 'pending', $6, $7)`,
    [team.storeId, team.id, customer.openid, customer.nickname, orderId, now + store.holdMinutes * 60_000, now],
  )
  await trackOrder(tx, team.storeId, orderId, 'group', team.id)
  const key = `group:${team.id}:${customer.openid}:order`
  await enqueueCommand(tx, key, upsertCommand(order, now), now)
  return key
}

/** Opens a team from an offer; the starter takes the first seat and pays like everyone else. */
export async function openTeam(
  s: Services,
  storeId: string,
  customer: { openid: string; nickname: string },
  offerId: string,
): Promise<TeamRow> {
  const { offer } = await offerOf(s, storeId, offerId)
  await regularPrice(s, storeId, offer)
  const now = s.now()
  const id = newOrderId()
  const closesAt = now + offer.windowMinutes * 60_000
  const team: TeamRow = {
    storeId,
    id,
    offerId,
    size: offer.size,
    groupFen: offer.groupFen,
    closesAt,
    status: 'open',
    doc: openGroupBuy(id, offer.size, closesAt),
    leaderId: customer.openid,
  }
  const key = await s.db.transaction(async (tx) => {
    await tx.query(
      `insert into group_buys (store_id, id, offer_id, size, group_fen, closes_at, status, doc, leader_id, created_ms, updated_ms)
       values ($1, $2, $3, $4, $5, $6, 'open', $7, $8, $9, $9)`,
      [storeId, id, offerId, offer.size, offer.groupFen, closesAt, JSON.stringify(team.doc), customer.openid, now],
    )
    return takeSeat(s, tx, team, offer, customer, now)
  })
  await drainOutbox(s, { storeId, keys: [key] }).catch(() => 0)
  return team
}

/**
 * Joins a team: refused when it is closed or past its window (GROUP_CLOSED) or when paid and live unpaid
 * seats already fill it (GROUP_FULL); joining again returns the member's seat. The seat counts once paid.
 */
export async function joinTeam(
  s: Services,
  storeId: string,
  groupId: string,
  customer: { openid: string; nickname: string },
): Promise<{ team: TeamRow; duplicate: boolean }> {
  // The menu is read (and cached) before the transaction: on PGlite a query outside it would wait for it.
  if (!(await s.catalogs.get(storeId))) throw new AppError('NOT_FOUND', `no store ${storeId}`)
  const now = s.now()
  const out = await s.db.transaction(async (tx) => {
    const team = await getTeam(tx, storeId, groupId, true)
    if (!team) throw new AppError('NOT_FOUND', `no 拼团 ${groupId}`)
    const members = await membersOf(tx, storeId, groupId)
    const mine = members.find((m) => m.memberId === customer.openid)
    if (mine && (mine.status === 'paid' || (mine.status === 'pending' && mine.seatExpiresAt > now))) {
      return { team, duplicate: true, key: null }
    }
    if (team.status !== 'open' || now >= team.closesAt) {
      throw new AppError('GROUP_CLOSED', '拼团已结束', { groupBuyId: groupId }, 409)
    }
    if (mine) throw new AppError('GROUP_ALREADY_JOINED', '你的座位已超时，请参加新的拼团', {}, 409)
    const taken = members.filter((m) => m.status === 'paid' || (m.status === 'pending' && m.seatExpiresAt > now))
    if (taken.length >= team.size) throw new AppError('GROUP_FULL', '团已满', { groupBuyId: groupId }, 409)
    const { offer } = await offerOf(s, storeId, team.offerId, tx)
    return { team, duplicate: false, key: await takeSeat(s, tx, team, offer, customer, now) }
  })
  if (out.key) await drainOutbox(s, { storeId, keys: [out.key] }).catch(() => 0)
  return { team: out.team, duplicate: out.duplicate }
}

/** Queues the 拼团 outcome message for a member. */
async function tellOutcome(s: Services, tx: Sql, team: TeamRow, m: MemberRow, succeeded: boolean, now: number) {
  const offer = await runtimeOf(s).offers.get(team.storeId, team.offerId, tx)
  const message = groupOutcomeMessage({
    openid: m.memberId,
    groupId: team.id,
    offerName: offer?.name ?? '拼团',
    succeeded,
    members: team.doc.participants.length,
    amount: formatYuan(team.groupFen),
  })
  await enqueueNotification(tx, team.storeId, 'group_outcome', `group:${team.id}:${m.memberId}`, message, now)
}

/** Refunds one member's payment in full and cancels their order (a failed team, or a payment too late). */
async function refundSeat(
  tx: Sql,
  team: TeamRow,
  m: MemberRow,
  order: Pick<Order, 'payments' | 'refunds'>,
  why: string,
  now: number,
) {
  const paid = paidFen(order)
  await owe(
    tx,
    {
      storeId: team.storeId,
      outRefundNo: outRefundNoOf(`${team.id}:${m.memberId}`),
      orderId: m.orderId,
      amountFen: paid - refundedFen(order),
      totalFen: paid,
      reason: why,
      source: 'groupbuy',
    },
    now,
  )
  await setMember(tx, team.storeId, team.id, m.memberId, 'refunding')
  await enqueueCommand(
    tx,
    `group:${team.id}:${m.memberId}:cancel`,
    statusCommand(team.storeId, 'miniprogram', m.orderId, 'cancelled', now, why),
    now,
  )
}

/** The team filled: every paid member's order is confirmed (accepted) and told; unpaid seats lapse. */
async function succeed(s: Services, tx: Sql, team: TeamRow, now: number) {
  for (const m of await membersOf(tx, team.storeId, team.id)) {
    if (m.status === 'paid') {
      await enqueueCommand(
        tx,
        `group:${team.id}:${m.memberId}:accept`,
        statusCommand(team.storeId, 'miniprogram', m.orderId, 'accepted', now),
        now,
      )
      await tellOutcome(s, tx, team, m, true, now)
    } else if (m.status === 'pending') {
      await lapse(tx, team, m, '拼团已满员', now)
    }
  }
}

async function lapse(tx: Sql, team: TeamRow, m: MemberRow, why: string, now: number) {
  await setMember(tx, team.storeId, team.id, m.memberId, 'lapsed')
  await enqueueCommand(
    tx,
    `group:${team.id}:${m.memberId}:cancel`,
    statusCommand(team.storeId, 'miniprogram', m.orderId, 'cancelled', now, why),
    now,
  )
}

/**
 * The follower's reaction to a seat's order: once paid, the payment joins the team through the domain
 * ([GRP-4]), at the time WeChat Pay says it was paid; the join that fills the team makes it succeed. A
 * payment the team cannot take (full, closed, the seat lapsed) is refunded in full.
 */
export function onGroupOrder(s: Services) {
  return async function joinPaidSeat(ctx: FollowContext, groupId: string, ev: FollowedEvent): Promise<void> {
    const order = ev.order
    const paid = paidFen(order) - refundedFen(order)
    if (paid <= 0) return
    const team = await getTeam(ctx.tx, ctx.storeId, groupId, true)
    const rows = await ctx.tx.query<Raw>('select * from group_members where store_id = $1 and order_id = $2', [
      ctx.storeId,
      order.id,
    ])
    if (!team || !rows[0]) return
    const m = memberOf(rows[0])
    if (m.status === 'lapsed') return refundSeat(ctx.tx, team, m, order, '拼团座位已超时', ctx.now)
    if (m.status !== 'pending') return
    const paidAt = Math.max(...Object.values(order.payments).map((p) => p.at))
    const joined = joinGroupBuy(team.doc, { memberId: m.memberId, orderId: m.orderId, paidFen: paid, joinedAt: paidAt })
    if (!joined.ok) return refundSeat(ctx.tx, team, m, order, joined.error.message, ctx.now)
    await setMember(ctx.tx, ctx.storeId, groupId, m.memberId, 'paid')
    await ctx.tx.query(
      'update group_members set paid_ms = $4 where store_id = $1 and group_id = $2 and member_id = $3',
      [ctx.storeId, groupId, m.memberId, paidAt],
    )
    const next: TeamRow = { ...team, doc: joined.value, status: joined.value.status }
    await saveTeam(ctx.tx, next, ctx.now)
    if (next.status === 'succeeded') await succeed(s, ctx.tx, next, ctx.now)
  }
}

/**
 * Teams past their deadline fail ([GRP-5]): every paid member is owed a full refund (one stable
 * out_refund_no each, so the saga refunds nobody twice), their orders are cancelled and they are told;
 * unpaid seats lapse. Unpaid seats of open teams lapse after the hold minutes, freeing the seat.
 */
export async function settleTeams(s: Services): Promise<number> {
  const now = s.now()
  const due = await s.db.query(
    `(select 1 from group_buys where status = 'open' and closes_at <= $1 limit 1)
     union all (select 1 from group_members where status = 'pending' and seat_expires_at <= $1 limit 1)`,
    [now],
  )
  if (due.length === 0) return 0
  return s.db.transaction(async (tx) => {
    const rows = await tx.query<Raw>(
      `select * from group_buys where status = 'open' and closes_at <= $1 order by closes_at limit 100 for update skip locked`,
      [now],
    )
    for (const team of rows.map(teamOf)) {
      const settled = settleGroupBuy(team.doc, now)
      const next: TeamRow = { ...team, doc: settled.groupBuy, status: settled.groupBuy.status }
      await saveTeam(tx, next, now)
      const orders = await tx.query<{ id: string; doc: Order }>(
        'select id, doc from orders where store_id = $1 and id = any($2)',
        [team.storeId, settled.refunds.map((r) => r.orderId)],
      )
      const byId = new Map(orders.map((o) => [o.id, o.doc]))
      for (const m of await membersOf(tx, team.storeId, team.id)) {
        const order = byId.get(m.orderId)
        if (m.status === 'paid' && order) {
          await refundSeat(tx, next, m, order, '拼团未成团', now)
          await tellOutcome(s, tx, next, m, false, now)
        } else if (m.status === 'pending') await lapse(tx, next, m, '拼团未成团', now)
      }
    }
    const lapsed = await tx.query<Raw>(
      `select * from group_members where status = 'pending' and seat_expires_at <= $1
       order by seat_expires_at limit 200 for update skip locked`,
      [now],
    )
    for (const r of lapsed) {
      const team = await getTeam(tx, r.store_id as string, r.group_id as string)
      if (team) await lapse(tx, team, memberOf(r), '拼团座位超时未支付', now)
    }
    return rows.length + lapsed.length
  })
}
