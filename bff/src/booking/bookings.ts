import {
  type BookingDay,
  type Interval,
  allocate,
  availableSlots,
  createOrder,
  findItem,
  localTime,
  openingIntervals,
} from '@xiaodian/domain'
import type { BookingView, HoldRequest, SlotView } from '@xiaodian/shared'
import { price, storeCatalog } from '../catalog/routes'
import type { Store } from '../config/stores'
import type { Sql } from '../db/database'
import { AppError } from '../http/errors'
import type { Services } from '../services'
import {
  type BookingRow,
  blockingBetween,
  dayVersion,
  getBooking,
  insertBooking,
  isOverlap,
  isTransient,
  liveHoldsOf,
  releaseLapsedHolds,
} from './booking-store'
import { type BookableService, type BookingConfig, domainPolicy } from './config'
import { drainOutbox, enqueueCommand, trackOrder } from './outbox'
import { runtimeOf } from './runtime'
import { formatLocal, newOrderId, nextPickupNumber, upsertCommand } from './shop-order'

/** Attempts at a hold when a concurrent writer took the chosen bay first (the constraint said 23P01). */
const MAX_ATTEMPTS = 6
const DAY_MS = 86_400_000

/** A store that takes bookings: its entry in the stores file and its booking configuration, or 404. */
export async function bookingStore(s: Services, storeId: string): Promise<{ store: Store; cfg: BookingConfig }> {
  const store = s.stores.byId(storeId)
  const cfg = store ? await runtimeOf(s).configs.get(storeId) : undefined
  if (!store || !cfg) throw new AppError('NOT_FOUND', `store ${storeId} takes no bookings`)
  return { store, cfg }
}

/** A service of the store, or 404. */
export function serviceOf(cfg: BookingConfig, serviceId: string): BookableService {
  const service = cfg.services.find((x) => x.id === serviceId)
  if (!service) throw new AppError('NOT_FOUND', `no service ${serviceId}`)
  return service
}

/** The opening intervals of a local day. */
function openOf(cfg: BookingConfig, store: Store, dayKey: string): Interval[] {
  return openingIntervals(dayKey, cfg.weeklyHours, cfg.overrides, store.timeZone)
}

/** The state of a local day: its hours, its bays and the bookings blocking time in them at `now`. */
export async function loadDay(
  sql: Sql,
  store: Store,
  cfg: BookingConfig,
  dayKey: string,
  now: number,
): Promise<BookingDay> {
  const open = openOf(cfg, store, dayKey)
  const from = open[0]?.start ?? 0
  const to = open[open.length - 1]?.end ?? 0
  const bookings = open.length ? await blockingBetween(sql, store.id, from, to, now) : []
  return { open, resources: cfg.resources, bookings }
}

const CACHED_DAYS = 512

/**
 * A day's state for reading availability: the bookings come from this process's memory while the day's
 * version (bumped by every writer, in any process) has not moved, so a busy day costs one one-row query.
 * Holds that lapse after they were read are still dropped by the domain, which checks expiry against `now`.
 */
export async function readDay(s: Services, store: Store, cfg: BookingConfig, dayKey: string, now: number) {
  const days = runtimeOf(s).days
  const key = `${store.id}|${dayKey}`
  const version = await dayVersion(s.db, store.id, dayKey)
  const hit = days.get(key)
  if (hit && hit.version === version)
    return { open: openOf(cfg, store, dayKey), resources: cfg.resources, bookings: hit.bookings }
  const day = await loadDay(s.db, store, cfg, dayKey, now)
  days.delete(key)
  days.set(key, { version, bookings: day.bookings })
  if (days.size > CACHED_DAYS) days.delete(days.keys().next().value as string)
  return day
}

/** A slot as the client shows it. */
export function slotView(slot: { start: number; end: number; free: number }, timeZone: string): SlotView {
  return { ...slot, label: formatLocal(slot.start, timeZone, false) }
}

/** The starts still free for a service nearest to `wanted`: on its day, else on the next days with any. */
async function nearestSlots(
  s: Services,
  store: Store,
  cfg: BookingConfig,
  service: BookableService,
  wanted: number,
  count = 3,
): Promise<SlotView[]> {
  const now = s.now()
  const policy = domainPolicy(cfg, store.holdMinutes)
  const first = localTime(wanted, store.timeZone).dayKey
  for (let d = 0; d < 3; d++) {
    const dayKey = localTime(wanted + d * DAY_MS, store.timeZone).dayKey
    if (d > 0 && dayKey === first) continue
    const day = await readDay(s, store, cfg, dayKey, now)
    const slots = availableSlots(day, service, { now, policy })
    if (slots.length > 0) {
      return slots
        .sort((a, b) => Math.abs(a.start - wanted) - Math.abs(b.start - wanted) || a.start - b.start)
        .slice(0, count)
        .sort((a, b) => a.start - b.start)
        .map((x) => slotView(x, store.timeZone))
    }
  }
  return []
}

/** The 409 a taken slot answers with: the nearest free starts for the same service. */
export async function slotTaken(
  s: Services,
  store: Store,
  cfg: BookingConfig,
  service: BookableService,
  wanted: number,
): Promise<AppError> {
  const nearest = await nearestSlots(s, store, cfg, service, wanted)
  return new AppError('SLOT_TAKEN', '该时段已被预约，请选择其他时间', { nearest })
}

/** Thrown inside a transaction to leave it and answer 409 with the nearest slots after rollback. */
export class SlotGone extends Error {}

/** A domain refusal (too soon, off the grid…) as a 422, or the slot-taken marker. */
export function refusal(error: { code: string; message: string; details?: object }): Error {
  if (error.code === 'BOOKING_NO_RESOURCE') return new SlotGone(error.message)
  return new AppError(error.code, error.message, { ...error.details }, 422)
}

/**
 * Holds a start for a consumer while they pay. In one transaction: release the store's lapsed holds,
 * allocate a bay with the domain (best fit), insert the hold, and queue its unpaid order; the exclusion
 * constraint refuses the insert if another request took that bay meanwhile, and the hold is tried again
 * on fresh state. Retrying the same `bookingId` returns the same hold.
 */
export async function placeHold(
  s: Services,
  storeId: string,
  customer: { openid: string; nickname: string },
  req: HoldRequest,
): Promise<{ booking: BookingRow; duplicate: boolean }> {
  const { store, cfg } = await bookingStore(s, storeId)
  const service = serviceOf(cfg, req.serviceId)
  const { catalog } = await storeCatalog(s, storeId)
  const item = findItem(catalog.menu, service.itemId)?.item
  const skuId = req.skuId ?? item?.skus[0]?.id
  if (!item || !skuId) throw new AppError('NOT_FOUND', `service ${service.id} is not on the menu`)
  const cart = { lines: [{ id: '1', selection: { itemId: item.id, skuId, quantity: 1 } }] }
  const priced = await price(s, store, catalog, cart, 'miniprogram', [], false)
  const id = req.bookingId ?? newOrderId()
  const dayKey = localTime(req.start, store.timeZone).dayKey
  const policy = domainPolicy(cfg, store.holdMinutes)
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const now = s.now()
    try {
      const out = await s.db.transaction(async (tx) => {
        const existing = await getBooking(tx, storeId, id)
        if (existing) {
          if (existing.customerId !== customer.openid) throw new AppError('CONFLICT', `booking ${id} exists`)
          return { booking: existing, duplicate: true }
        }
        if (cfg.policy.mode === 'deferred') await lockDay(tx, storeId, dayKey)
        await releaseLapsedHolds(tx, storeId, now)
        if ((await liveHoldsOf(tx, storeId, customer.openid, now)) >= cfg.policy.maxHoldsPerCustomer) {
          throw new AppError('TOO_MANY_HOLDS', '待支付的预约太多，请先支付或取消', {
            max: cfg.policy.maxHoldsPerCustomer,
          })
        }
        const day = await loadDay(tx, store, cfg, dayKey, now)
        const r = allocate({ bookingId: id, day, service, start: req.start, now, policy, hold: true })
        if (!r.ok) throw refusal(r.error)
        const orderId = newOrderId()
        const businessDay = s.businessDay(storeId, now)
        const order = createOrder({
          id: orderId,
          storeId,
          channel: 'miniprogram',
          externalId: orderId,
          businessDay,
          fulfilmentType: 'dine_in',
          pickupNumber: await nextPickupNumber(tx, storeId, businessDay),
          customer: { id: customer.openid, name: customer.nickname || null },
          lines: priced.lines,
          promotions: priced.promotions.map((p) => ({
            promotionId: p.promotionId,
            name: p.name,
            savingFen: p.savingFen,
          })),
          notes: [`预约 ${formatLocal(req.start, store.timeZone)} ${service.name}`, req.notes]
            .filter(Boolean)
            .join(' · '),
          at: now,
          by: 'miniprogram',
        })
        const booking: BookingRow = {
          storeId,
          id,
          serviceId: service.id,
          skuId,
          resourceId: r.value.resourceId,
          start: r.value.start,
          end: r.value.end,
          serviceEnd: r.value.start + service.durationMin * 60_000,
          status: 'held',
          holdExpiresAt: r.value.holdExpiresAt,
          orderId,
          customerId: customer.openid,
          amountFen: order.amounts.totalFen,
          localDay: dayKey,
          checkedInAt: null,
          remindedAt: null,
          cancelReason: null,
          createdMs: now,
          updatedMs: now,
        }
        await insertBooking(tx, booking)
        await trackOrder(tx, storeId, orderId, 'booking', id)
        await enqueueCommand(tx, `booking:${id}:order`, upsertCommand(order, now), now)
        return { booking, duplicate: false }
      })
      // The order is on the stream before the customer pays; should this fail, the outbox retries it.
      await drainOutbox(s, { storeId, keys: [`booking:${id}:order`] }).catch(() => 0)
      return out
    } catch (err) {
      // Another request took the bay (or PostgreSQL broke a lock cycle): try again on fresh state.
      if (isOverlap(err) || isTransient(err)) continue
      if (err instanceof SlotGone) throw await slotTaken(s, store, cfg, service, req.start)
      throw err
    }
  }
  throw await slotTaken(s, store, cfg, service, req.start)
}

/** Serialises deferred-mode writers of one store-day (capacity is a count no constraint can check). */
export async function lockDay(tx: Sql, storeId: string, dayKey: string): Promise<void> {
  await tx.query('insert into booking_day_locks (store_id, local_day) values ($1, $2) on conflict do nothing', [
    storeId,
    dayKey,
  ])
  await tx.query('select 1 from booking_day_locks where store_id = $1 and local_day = $2 for update', [storeId, dayKey])
}

/** A stored booking as the client sees it. Holds that lapsed read as `expired` even before the sweeper ran. */
export function bookingView(b: BookingRow, cfg: BookingConfig, now: number): BookingView {
  const lapsed = b.status === 'held' && b.holdExpiresAt !== null && b.holdExpiresAt <= now
  return {
    id: b.id,
    storeId: b.storeId,
    serviceId: b.serviceId,
    serviceName: cfg.services.find((x) => x.id === b.serviceId)?.name ?? b.serviceId,
    skuId: b.skuId,
    resourceId: b.resourceId,
    resourceName: cfg.resources.find((r) => r.id === b.resourceId)?.name ?? null,
    start: b.start,
    end: b.serviceEnd,
    occupiedUntil: b.end,
    localDay: b.localDay as BookingView['localDay'],
    status: lapsed ? 'expired' : b.status,
    holdExpiresAt: b.holdExpiresAt,
    checkedInAt: b.checkedInAt,
    cancelReason: b.cancelReason,
    orderId: b.orderId,
    amountFen: b.amountFen,
    customerId: b.customerId,
  }
}
