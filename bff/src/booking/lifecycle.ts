import { type Order, allocate, assignAtCheckIn, localTime, paidFen, refundedFen } from '@xiaodian/domain'
import type { Principal } from '../auth/tokens'
import type { Sql } from '../db/database'
import { owe } from '../groupbuy/refund-saga'
import { AppError } from '../http/errors'
import type { Services } from '../services'
import {
  type BookingRow,
  getBooking,
  isOverlap,
  isTransient,
  releaseLapsedHolds,
  toDomain,
  updateBooking,
} from './booking-store'
import { SlotGone, bookingStore, loadDay, lockDay, refusal, serviceOf, slotTaken } from './bookings'
import { domainPolicy } from './config'
import type { FollowContext, FollowedEvent } from './follower'
import { drainOutbox, enqueueCommand, statusCommand } from './outbox'

const MINUTE = 60_000

/** Runs a booking transaction again when PostgreSQL broke a lock cycle or a serialization conflict. */
async function retrying<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run()
    } catch (err) {
      if (!isTransient(err) || attempt >= 5) throw err
    }
  }
}

/** What is left to refund on an order: paid minus refunded. */
async function refundable(sql: Sql, storeId: string, orderId: string): Promise<{ left: number; paid: number }> {
  const rows = await sql.query<{ doc: Order }>('select doc from orders where store_id = $1 and id = $2', [
    storeId,
    orderId,
  ])
  const order = rows[0]?.doc
  if (!order) return { left: 0, paid: 0 }
  const paid = paidFen(order)
  return { left: paid - refundedFen(order), paid }
}

/** One refund per booking order: a stable out_refund_no, so cancelling twice never refunds twice. */
function bookingRefundNo(orderId: string): string {
  return `rf-${orderId}`
}

/** Cancels the booking's order and, when it was paid, owes the customer a full refund. */
async function cancelAndRefund(tx: Sql, b: BookingRow, reason: string, now: number): Promise<void> {
  await enqueueCommand(
    tx,
    `booking:${b.id}:cancel`,
    statusCommand(b.storeId, 'miniprogram', b.orderId, 'cancelled', now, reason),
    now,
  )
  const { left, paid } = await refundable(tx, b.storeId, b.orderId)
  if (left > 0) {
    await owe(
      tx,
      {
        storeId: b.storeId,
        outRefundNo: bookingRefundNo(b.orderId),
        orderId: b.orderId,
        amountFen: left,
        totalFen: paid,
        reason,
        source: 'booking',
      },
      now,
    )
  }
}

function mayAct(who: Principal, b: BookingRow): boolean {
  return who.role === 'consumer' ? b.customerId === who.openid : who.storeId === b.storeId
}

async function lockedBooking(tx: Sql, storeId: string, id: string, who: Principal): Promise<BookingRow> {
  const b = await getBooking(tx, storeId, id, true)
  if (!b || !mayAct(who, b)) throw new AppError('NOT_FOUND', `no booking ${id}`)
  return b
}

/**
 * Cancels a booking. A consumer may cancel a hold at any time and a confirmed booking until the store's
 * cutoff before its start; staff may cancel any time. A paid booking is refunded in full through the
 * refund saga. Cancelling twice changes nothing.
 */
export async function cancelBooking(
  s: Services,
  storeId: string,
  id: string,
  who: Principal,
  reason: string | undefined,
): Promise<BookingRow> {
  const { cfg } = await bookingStore(s, storeId)
  const now = s.now()
  const out = await retrying(() =>
    s.db.transaction(async (tx) => {
      const b = await lockedBooking(tx, storeId, id, who)
      if (b.status === 'cancelled' || b.status === 'expired') return b
      const cutoff = b.start - cfg.policy.cancelCutoffMin * MINUTE
      if (who.role === 'consumer' && b.status === 'confirmed' && now > cutoff) {
        throw new AppError('BOOKING_POLICY', `开始前 ${cfg.policy.cancelCutoffMin} 分钟内不能取消，请联系门店`, {
          cutoff,
        })
      }
      const why = reason ?? (who.role === 'consumer' ? '顾客取消预约' : '门店取消预约')
      const next: BookingRow = { ...b, status: 'cancelled', cancelReason: why, updatedMs: now }
      await updateBooking(tx, next)
      await cancelAndRefund(tx, next, why, now)
      return next
    }),
  )
  await drainOutbox(s, { storeId, keys: [`booking:${id}:cancel`] }).catch(() => 0)
  return out
}

/**
 * Moves a booking to another start of the same service, within the store's cutoff for consumers. The
 * new range is allocated by the domain against the day without this booking and written in place, so the
 * exclusion constraint checks it; a hold keeps its original expiry (moving it never extends it).
 */
export async function rescheduleBooking(
  s: Services,
  storeId: string,
  id: string,
  who: Principal,
  start: number,
): Promise<BookingRow> {
  const { store, cfg } = await bookingStore(s, storeId)
  const policy = domainPolicy(cfg, store.holdMinutes)
  for (let attempt = 0; attempt < 6; attempt++) {
    const now = s.now()
    let serviceId = ''
    try {
      return await s.db.transaction(async (tx) => {
        const b = await lockedBooking(tx, storeId, id, who)
        serviceId = b.serviceId
        const live = b.status === 'confirmed' || (b.status === 'held' && (b.holdExpiresAt ?? 0) > now)
        if (!live) throw new AppError('BOOKING_POLICY', '这个预约已失效', { status: b.status })
        if (b.checkedInAt !== null) throw new AppError('BOOKING_POLICY', '已到店的预约不能改期')
        if (who.role === 'consumer' && now > b.start - cfg.policy.rescheduleCutoffMin * MINUTE) {
          throw new AppError('BOOKING_POLICY', `开始前 ${cfg.policy.rescheduleCutoffMin} 分钟内不能改期`)
        }
        const service = serviceOf(cfg, b.serviceId)
        const dayKey = localTime(start, store.timeZone).dayKey
        if (cfg.policy.mode === 'deferred') await lockDay(tx, storeId, dayKey)
        await releaseLapsedHolds(tx, storeId, now)
        const day = await loadDay(tx, store, cfg, dayKey, now)
        const others = { ...day, bookings: day.bookings.filter((x) => x.id !== b.id) }
        const r = allocate({ bookingId: b.id, day: others, service, start, now, policy })
        if (!r.ok) throw refusal(r.error)
        const next: BookingRow = {
          ...b,
          start: r.value.start,
          end: r.value.end,
          serviceEnd: r.value.start + service.durationMin * MINUTE,
          resourceId: r.value.resourceId,
          localDay: dayKey,
          remindedAt: null,
          updatedMs: now,
        }
        await updateBooking(tx, next, b.localDay)
        return next
      })
    } catch (err) {
      if (isOverlap(err) || isTransient(err)) continue
      if (err instanceof SlotGone) throw await slotTaken(s, store, cfg, serviceOf(cfg, serviceId), start)
      throw err
    }
  }
  const b = await getBooking(s.db, storeId, id)
  throw await slotTaken(s, store, cfg, serviceOf(cfg, b?.serviceId ?? ''), start)
}

/**
 * Check-in at the counter: a deferred booking gets its bay now, by best fit ([BKG-7]); the order is
 * accepted so the board shows the car as arrived.
 */
export async function checkIn(s: Services, storeId: string, id: string, who: Principal): Promise<BookingRow> {
  const { store, cfg } = await bookingStore(s, storeId)
  const policy = domainPolicy(cfg, store.holdMinutes)
  const now = s.now()
  const out = await retrying(() =>
    s.db.transaction(async (tx) => {
      const b = await lockedBooking(tx, storeId, id, who)
      if (b.status !== 'confirmed')
        throw new AppError('BOOKING_POLICY', '只有已支付的预约可以到店核销', { status: b.status })
      if (b.checkedInAt !== null) return b
      let resourceId = b.resourceId
      if (resourceId === null) {
        await lockDay(tx, storeId, b.localDay)
        const day = await loadDay(tx, store, cfg, b.localDay, now)
        const r = assignAtCheckIn(toDomain(b), day, serviceOf(cfg, b.serviceId), now, policy)
        if (!r.ok) throw new AppError('SLOT_TAKEN', r.error.message, { ...r.error.details })
        resourceId = r.value.resourceId
      }
      const next: BookingRow = { ...b, resourceId, checkedInAt: now, updatedMs: now }
      await updateBooking(tx, next)
      await enqueueCommand(
        tx,
        `booking:${id}:accept`,
        statusCommand(storeId, 'miniprogram', b.orderId, 'accepted', now),
        now,
      )
      return next
    }),
  )
  await drainOutbox(s, { storeId, keys: [`booking:${id}:accept`] }).catch(() => 0)
  return out
}

/**
 * The follower's reaction to a booking's order: once paid, a live hold is confirmed (a hold still marked
 * `held` keeps its range even past its expiry, since every writer releases lapsed holds before booking);
 * a payment for a booking that was cancelled or whose hold lapsed is refunded in full.
 */
export async function onBookingOrder(ctx: FollowContext, bookingId: string, ev: FollowedEvent): Promise<void> {
  const order = ev.order
  if (paidFen(order) - refundedFen(order) <= 0) return
  const b = await getBooking(ctx.tx, ctx.storeId, bookingId, true)
  if (!b) return
  if (b.status === 'held') {
    await updateBooking(ctx.tx, { ...b, status: 'confirmed', holdExpiresAt: null, updatedMs: ctx.now })
    return
  }
  if (b.status === 'cancelled' || b.status === 'expired') {
    const reason = b.status === 'expired' ? '支付时预约已超时' : (b.cancelReason ?? '预约已取消')
    await cancelAndRefund(ctx.tx, b, reason, ctx.now)
  }
}
