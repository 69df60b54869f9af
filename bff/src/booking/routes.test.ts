import { AvailabilityResponse, BookingServicesResponse, HoldResponse, SlotTakenResponse } from '@xiaodian/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MONDAY_9AM, at, flowApp } from './test-flows'

const W = '/api/stores/wash-01/booking'
let t: Awaited<ReturnType<typeof flowApp>>
beforeAll(async () => {
  t = await flowApp()
})
afterAll(() => t.close())

async function hold(code: string, serviceId: string, start: number, extra: Record<string, unknown> = {}) {
  return t.json('POST', `${W}/holds`, { serviceId, start, ...extra }, await t.consumer(code))
}

describe('booking API', () => {
  it('lists services priced from the menu, the bays and the policy', async () => {
    const r = await t.json('GET', `${W}/services`)
    expect(r.status).toBe(200)
    const body = BookingServicesResponse.parse(r.body)
    expect(body.services.map((x) => x.id)).toEqual(['basic-wash', 'fine-wash', 'interior', 'wax'])
    expect(body.services[0]!.skus[0]).toEqual({ id: 'basic-wash-r', name: '轿车', priceFen: 3500 })
    expect(body.resources).toHaveLength(4)
    expect(body.policy.holdMinutes).toBe(15)
    expect((await t.json('GET', '/api/stores/tea-01/booking/services')).status).toBe(404)
  })

  it('[BKG-2][BKG-3] offers a 15-minute grid from 30 minutes ahead, whole occupancy inside the hours', async () => {
    const r = await t.json('GET', `${W}/availability?serviceId=basic-wash&date=2026-11-23`)
    expect(r.status).toBe(200)
    const a = AvailabilityResponse.parse(r.body)
    expect(a.slots[0]).toMatchObject({ start: at(9, 30), end: at(10, 0), free: 4, label: '09:30' })
    expect(a.slots[1]!.start - a.slots[0]!.start).toBe(15 * 60_000)
    // 30 min + 10 min cleanup must end by 20:00: the last start is 19:15.
    expect(a.slots.at(-1)!.label).toBe('19:15')
    const closed = await t.json('GET', `${W}/availability?serviceId=basic-wash&date=2027-02-05`)
    expect(closed.body.slots).toEqual([])
  })

  it('answers bad input with 400/404/422, never 500', async () => {
    expect((await t.json('GET', `${W}/availability?serviceId=basic-wash&date=2026-13-01`)).status).toBe(400)
    expect((await t.json('GET', `${W}/availability?serviceId=nope&date=2026-11-23`)).status).toBe(404)
    expect((await hold('u-bad', 'basic-wash', -5)).status).toBe(400)
    expect((await hold('u-bad', 'basic-wash', 9e15)).status).toBe(400)
    const far = await hold('u-bad', 'basic-wash', at(10, 0, 30))
    expect([far.status, far.body.error.code]).toEqual([422, 'BOOKING_TOO_FAR'])
    expect((await hold('u-bad', 'nope', at(11))).status).toBe(404)
    const off = await hold('u-bad', 'basic-wash', at(11, 7))
    expect([off.status, off.body.error.code]).toEqual([422, 'BOOKING_OFF_GRID'])
    const soon = await hold('u-bad', 'basic-wash', at(9, 15))
    expect([soon.status, soon.body.error.code]).toEqual([422, 'BOOKING_TOO_SOON'])
    const staff = await t.staffToken('wash-01', '2222')
    expect((await t.json('POST', `${W}/holds`, { serviceId: 'basic-wash', start: at(11) }, staff)).status).toBe(403)
    expect((await t.json('POST', `${W}/holds`, { serviceId: 'basic-wash', start: at(11) })).status).toBe(401)
  })

  it('[BKG-5] holds while paying and confirms when the WeChat Pay notification arrives', async () => {
    const r = await hold('u-alice', 'basic-wash', at(11), { bookingId: 'booking-alice-01' })
    expect(r.status).toBe(201)
    const h = HoldResponse.parse(r.body)
    expect(h.booking).toMatchObject({ status: 'held', resourceId: 'bay-1', amountFen: 3500 })
    expect(h.payment).toEqual({ outTradeNo: h.booking.orderId, amountFen: 3500, payBefore: MONDAY_9AM + 15 * 60_000 })
    expect((await t.order('wash-01', h.booking.orderId))?.payment).toBe('unpaid')
    // The same request again is the same hold.
    const again = await hold('u-alice', 'basic-wash', at(11), { bookingId: 'booking-alice-01' })
    expect([again.status, again.body.booking.orderId]).toEqual([200, h.booking.orderId])

    await t.pay('wash-01', h.booking.orderId, 3500)
    const mine = await t.json('GET', `${W}/bookings/booking-alice-01`, undefined, await t.consumer('u-alice'))
    expect(mine.body.booking.status).toBe('confirmed')
    expect(mine.body.booking.holdExpiresAt).toBeNull()
    // Someone else cannot see it.
    expect((await t.json('GET', `${W}/bookings/booking-alice-01`, undefined, await t.consumer('u-bob'))).status).toBe(
      404,
    )
  })

  it('[BKG-4][BKG-6] answers 409 with the nearest free starts when the only capable bay is taken', async () => {
    // 精洗 needs the lift: only bay 1 can take it, so one hold fills 11:00–12:15.
    const first = await hold('u-bob', 'fine-wash', at(11), { bookingId: 'booking-bob-fine' })
    expect(first.status).toBe(201)
    expect(first.body.booking.resourceId).toBe('bay-4')
    const taken = await hold('u-carol', 'fine-wash', at(11, 30))
    expect(taken.status).toBe(409)
    const body = SlotTakenResponse.parse(taken.body)
    expect(body.error.nearest.map((x) => x.label)).toEqual(['12:15', '12:30', '12:45'])
  })

  it('[BKG-5] ignores a lapsed hold when read, releases it on the next write and refunds a late payment', async () => {
    t.advance(16 * 60_000)
    const a = await t.json('GET', `${W}/availability?serviceId=fine-wash&date=2026-11-23`)
    expect(a.body.slots.map((x: { label: string }) => x.label)).toContain('11:00')
    const bob = await t.json('GET', `${W}/bookings/booking-bob-fine`, undefined, await t.consumer('u-bob'))
    expect(bob.body.booking.status).toBe('expired')

    const carol = await hold('u-carol', 'fine-wash', at(11))
    expect([carol.status, carol.body.booking.resourceId]).toEqual([201, 'bay-4'])
    await t.tick()
    const order = await t.order('wash-01', bob.body.booking.orderId)
    expect([order?.fulfilment, order?.cancelReason]).toEqual(['cancelled', '预约超时未支付'])

    // Bob's payment arrives after his hold lapsed: he is refunded, once.
    await t.pay('wash-01', bob.body.booking.orderId, 6800)
    await t.tick()
    const owed = await t.db.query<{ out_refund_no: string; amount_fen: number }>(
      `select out_refund_no, amount_fen from refund_sagas where order_id = $1`,
      [bob.body.booking.orderId],
    )
    expect(owed.map((x) => [x.out_refund_no, Number(x.amount_fen)])).toEqual([[`rf-${bob.body.booking.orderId}`, 6800]])
  })

  it('keeps the cancellation cutoff for consumers and refunds a paid booking cancelled by staff', async () => {
    t.setNow(at(9, 30))
    const late = await t.json('POST', `${W}/bookings/booking-alice-01/cancel`, {}, await t.consumer('u-alice'))
    expect([late.status, late.body.error.code]).toEqual([409, 'BOOKING_POLICY'])
    const staff = await t.staffToken('wash-01', '2222')
    const ok = await t.json('POST', `${W}/bookings/booking-alice-01/cancel`, { reason: '设备故障' }, staff)
    expect(ok.body.booking).toMatchObject({ status: 'cancelled', cancelReason: '设备故障' })
    const twice = await t.json('POST', `${W}/bookings/booking-alice-01/cancel`, {}, staff)
    expect(twice.status).toBe(200)
    const owed = await t.db.query(`select 1 from refund_sagas where order_id = $1`, [ok.body.booking.orderId])
    expect(owed).toHaveLength(1)
    expect((await t.order('wash-01', ok.body.booking.orderId))?.fulfilment).toBe('cancelled')
  })

  it('reschedules within the policy and checks in with the staff token', async () => {
    const r = await hold('u-dave', 'basic-wash', at(14), { bookingId: 'booking-dave-01' })
    expect(r.status).toBe(201)
    const moved = await t.json(
      'POST',
      `${W}/bookings/booking-dave-01/reschedule`,
      { start: at(15, 15) },
      await t.consumer('u-dave'),
    )
    expect(moved.status).toBe(200)
    expect(moved.body.booking).toMatchObject({ start: at(15, 15), status: 'held' })
    expect(moved.body.booking.holdExpiresAt).toBe(r.body.booking.holdExpiresAt)
    const staff = await t.staffToken('wash-01', '2222')
    const early = await t.json('POST', `${W}/bookings/booking-dave-01/check-in`, {}, staff)
    expect([early.status, early.body.error.code]).toEqual([409, 'BOOKING_POLICY'])
    await t.pay('wash-01', r.body.booking.orderId, 3500)
    const checked = await t.json('POST', `${W}/bookings/booking-dave-01/check-in`, {}, staff)
    expect(checked.body.booking.checkedInAt).toBe(at(9, 30))
    await t.tick()
    expect((await t.order('wash-01', r.body.booking.orderId))?.fulfilment).toBe('accepted')
    const day = await t.json('GET', `${W}/bookings?date=2026-11-23`, undefined, staff)
    expect(day.body.bookings.map((b: { id: string }) => b.id)).toContain('booking-dave-01')
    expect((await t.json('GET', `${W}/bookings?date=2026-11-23`, undefined, await t.consumer('u-dave'))).status).toBe(
      403,
    )
  })

  it('limits the unpaid holds one customer keeps', async () => {
    for (const h of [16, 17, 18]) expect((await hold('u-hoarder', 'basic-wash', at(h))).status).toBe(201)
    const r = await hold('u-hoarder', 'basic-wash', at(19))
    expect([r.status, r.body.error.code]).toEqual([409, 'TOO_MANY_HOLDS'])
  })
})
