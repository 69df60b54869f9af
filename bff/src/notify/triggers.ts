import { formatPickupNumber } from '@xiaodian/domain'
import { type BookingRow, getBooking } from '../booking/booking-store'
import type { AnyHandler, FollowContext, LogEvent } from '../booking/follower'
import { runtimeOf } from '../booking/runtime'
import { formatLocal } from '../booking/shop-order'
import type { Services } from '../services'
import { enqueueNotification } from './outbox'
import { bookingReminderMessage, orderReadyMessage } from './templates'

/** Orders whose customer is a mini-program user we can message. */
const MESSAGEABLE = new Set(['miniprogram', 'subscription', 'group'])

/** The follower's hook for 取餐提醒: an own-channel order that reached `ready` messages its customer once. */
export function onOrderReady(s: Services): AnyHandler {
  return { sees: `p->'order'->>'fulfilment' = 'ready'`, handle: queueOrderReady }
  async function queueOrderReady(ctx: FollowContext, ev: LogEvent): Promise<void> {
    const o = ev.order
    if (o?.fulfilment !== 'ready' || !o.customer.id || !MESSAGEABLE.has(o.channel)) return
    const store = s.stores.byId(ctx.storeId)
    const first = o.lines[0]
    const items = first ? `${first.itemName}${o.lines.length > 1 ? ` 等${o.lines.length}件` : ''}` : '您的订单'
    const message = orderReadyMessage({
      openid: o.customer.id,
      orderId: o.id,
      pickupNumber: o.pickupNumber === null ? o.id.slice(0, 8) : formatPickupNumber(o.pickupNumber),
      items,
      storeName: store?.name ?? ctx.storeId,
      readyAt: formatLocal(o.timestamps.readyAt ?? ctx.now, store?.timeZone ?? 'Asia/Shanghai'),
    })
    await enqueueNotification(ctx.tx, ctx.storeId, 'order_ready', `ready:${o.id}`, message, ctx.now)
  }
}

/**
 * 预约提醒: confirmed bookings starting within the store's reminder lead get one message each. The booking
 * row is claimed with SKIP LOCKED and marked reminded in the same transaction as the queued message.
 */
export async function queueBookingReminders(s: Services): Promise<number> {
  let queued = 0
  for (const store of s.stores.list()) {
    const cfg = await runtimeOf(s).configs.get(store.id)
    if (!cfg) continue
    const now = s.now()
    const lead = now + cfg.policy.reminderLeadMin * 60_000
    const any = await s.db.query(
      `select 1 from bookings where store_id = $1 and status = 'confirmed' and reminded_at is null
         and start_ms > $2 and start_ms <= $3 limit 1`,
      [store.id, now, lead],
    )
    if (any.length === 0) continue
    queued += await s.db.transaction(async (tx) => {
      const due = await tx.query<{ id: string }>(
        `select id from bookings where store_id = $1 and status = 'confirmed' and reminded_at is null
           and start_ms > $2 and start_ms <= $3 and customer_id is not null
         order by start_ms limit 100 for update skip locked`,
        [store.id, now, lead],
      )
      for (const { id } of due) {
        const b = (await getBooking(tx, store.id, id)) as BookingRow
        const message = bookingReminderMessage({
          openid: b.customerId ?? '',
          bookingId: b.id,
          serviceName: cfg.services.find((x) => x.id === b.serviceId)?.name ?? b.serviceId,
          startsAt: formatLocal(b.start, store.timeZone),
          storeName: store.name,
          bay: cfg.resources.find((r) => r.id === b.resourceId)?.name ?? '到店安排工位',
        })
        await enqueueNotification(tx, store.id, 'booking_reminder', `reminder:${b.id}:${b.start}`, message, now)
        await tx.query('update bookings set reminded_at = $3 where store_id = $1 and id = $2', [store.id, id, now])
      }
      return due.length
    })
  }
  return queued
}
