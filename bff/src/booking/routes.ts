import { zValidator } from '@hono/zod-validator'
import { availableSlots, findItem } from '@xiaodian/domain'
import {
  AvailabilityQuery,
  BookingListQuery,
  CancelBookingRequest,
  HoldRequest,
  RescheduleRequest,
} from '@xiaodian/shared'
import { Hono } from 'hono'
import { type AuthEnv, principalOf, requireStoreStaff } from '../auth/middleware'
import { storeCatalog } from '../catalog/routes'
import { AppError } from '../http/errors'
import { validationHook } from '../http/validation'
import type { Services } from '../services'
import { bookingsOfCustomer, bookingsOfDay, getBooking } from './booking-store'
import { bookingStore, bookingView, placeHold, readDay, serviceOf, slotView } from './bookings'
import { domainPolicy } from './config'
import { cancelBooking, checkIn, rescheduleBooking } from './lifecycle'

/**
 * Booking a time on a bay: `/api/stores/:storeId/booking/…`. Services, bays and availability are public;
 * holds are the consumer's; the day's list and check-in are the staff's; cancel and reschedule are either's.
 */
export function bookingRoutes(s: Services) {
  return new Hono<AuthEnv>()
    .get('/:storeId/booking/services', async (c) => {
      const { store, cfg } = await bookingStore(s, c.req.param('storeId'))
      const { catalog } = await storeCatalog(s, store.id)
      return c.json({
        services: cfg.services.map((x) => ({
          id: x.id,
          name: x.name,
          durationMin: x.durationMin,
          bufferMin: x.bufferMin,
          slotIntervalMin: x.slotIntervalMin ?? x.durationMin,
          requires: [...x.requires],
          itemId: x.itemId,
          skus: (findItem(catalog.menu, x.itemId)?.item.skus ?? []).map((k) => ({
            id: k.id,
            name: k.name,
            priceFen: k.priceFen,
          })),
        })),
        resources: cfg.resources.map((r) => ({ id: r.id, name: r.name, capabilities: [...r.capabilities] })),
        policy: {
          minNoticeMin: cfg.policy.minNoticeMin,
          windowDays: cfg.policy.windowDays,
          holdMinutes: store.holdMinutes,
          cancelCutoffMin: cfg.policy.cancelCutoffMin,
          rescheduleCutoffMin: cfg.policy.rescheduleCutoffMin,
          mode: cfg.policy.mode ?? 'assigned',
        },
        timeZone: store.timeZone,
      })
    })
    .get('/:storeId/booking/availability', zValidator('query', AvailabilityQuery, validationHook), async (c) => {
      const { store, cfg } = await bookingStore(s, c.req.param('storeId'))
      const q = c.req.valid('query')
      const service = serviceOf(cfg, q.serviceId)
      const now = s.now()
      const day = await readDay(s, store, cfg, q.date, now)
      const slots = availableSlots(day, service, { now, policy: domainPolicy(cfg, store.holdMinutes) })
      return c.json({
        date: q.date,
        serviceId: service.id,
        open: day.open,
        slots: slots.map((x) => slotView(x, store.timeZone)),
      })
    })
    .post('/:storeId/booking/holds', zValidator('json', HoldRequest, validationHook), async (c) => {
      const who = principalOf(c)
      if (who.role !== 'consumer') throw new AppError('FORBIDDEN', 'holds are made from the mini-program')
      const storeId = c.req.param('storeId')
      const { booking, duplicate } = await placeHold(s, storeId, who, c.req.valid('json'))
      const { cfg } = await bookingStore(s, storeId)
      const view = bookingView(booking, cfg, s.now())
      const payment = { outTradeNo: booking.orderId, amountFen: booking.amountFen, payBefore: booking.holdExpiresAt }
      return c.json({ booking: view, payment, duplicate }, duplicate ? 200 : 201)
    })
    .get('/:storeId/booking/mine', async (c) => {
      const who = principalOf(c)
      if (who.role !== 'consumer') throw new AppError('FORBIDDEN', 'consumers only')
      const { cfg } = await bookingStore(s, c.req.param('storeId'))
      const rows = await bookingsOfCustomer(s.db, c.req.param('storeId'), who.openid)
      const now = s.now()
      return c.json({ bookings: rows.map((b) => bookingView(b, cfg, now)) })
    })
    .get(
      '/:storeId/booking/bookings',
      requireStoreStaff(),
      zValidator('query', BookingListQuery, validationHook),
      async (c) => {
        const { cfg } = await bookingStore(s, c.req.param('storeId'))
        const rows = await bookingsOfDay(s.db, c.req.param('storeId'), c.req.valid('query').date)
        const now = s.now()
        return c.json({ bookings: rows.map((b) => bookingView(b, cfg, now)) })
      },
    )
    .get('/:storeId/booking/bookings/:id', async (c) => {
      const who = principalOf(c)
      const storeId = c.req.param('storeId')
      const { cfg } = await bookingStore(s, storeId)
      const b = await getBooking(s.db, storeId, c.req.param('id'))
      const mine = b && (who.role === 'consumer' ? b.customerId === who.openid : who.storeId === storeId)
      if (!b || !mine) throw new AppError('NOT_FOUND', `no booking ${c.req.param('id')}`)
      return c.json({ booking: bookingView(b, cfg, s.now()) })
    })
    .post(
      '/:storeId/booking/bookings/:id/cancel',
      zValidator('json', CancelBookingRequest, validationHook),
      async (c) => {
        const storeId = c.req.param('storeId')
        const { cfg } = await bookingStore(s, storeId)
        const b = await cancelBooking(s, storeId, c.req.param('id'), principalOf(c), c.req.valid('json').reason)
        return c.json({ booking: bookingView(b, cfg, s.now()) })
      },
    )
    .post(
      '/:storeId/booking/bookings/:id/reschedule',
      zValidator('json', RescheduleRequest, validationHook),
      async (c) => {
        const storeId = c.req.param('storeId')
        const { cfg } = await bookingStore(s, storeId)
        const b = await rescheduleBooking(s, storeId, c.req.param('id'), principalOf(c), c.req.valid('json').start)
        return c.json({ booking: bookingView(b, cfg, s.now()) })
      },
    )
    .post('/:storeId/booking/bookings/:id/check-in', requireStoreStaff(), async (c) => {
      const storeId = c.req.param('storeId')
      const { cfg } = await bookingStore(s, storeId)
      const b = await checkIn(s, storeId, c.req.param('id'), principalOf(c))
      return c.json({ booking: bookingView(b, cfg, s.now()) })
    })
}
