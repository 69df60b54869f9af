import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { allocate, assignAtCheckIn } from './allocate-booking'
import { availableSlots } from './available-slots'
import type { Booking, BookingDay, BookingPolicy, Resource, Service } from './booking'
import { openingIntervals } from './opening-hours'

const H = 3_600_000
const M = 60_000
const SH = 'Asia/Shanghai'
const day0 = Date.UTC(2026, 10, 23, 1) // 09:00 Shanghai
const open = [{ start: day0, end: day0 + 10 * H }] // 09:00–19:00
const now = day0 - 24 * H
const policy: BookingPolicy = { minNoticeMin: 60, windowDays: 14 }
const bays: Resource[] = [
  { id: 'bay-1', name: '1号位', capabilities: [] },
  { id: 'bay-2', name: '2号位', capabilities: ['lift'] },
]
const wash: Service = { id: 'wash', name: '普洗', durationMin: 30, bufferMin: 10, requires: [], slotIntervalMin: 20 }
const detail: Service = { id: 'detail', name: '精洗', durationMin: 90, bufferMin: 15, requires: ['lift'] }

const booking = (
  id: string,
  resourceId: string | null,
  start: number,
  end: number,
  extra: Partial<Booking> = {},
): Booking => ({
  id,
  resourceId,
  serviceId: 'wash',
  start,
  end,
  status: 'confirmed',
  holdExpiresAt: null,
  ...extra,
})

describe('booking', () => {
  it('[BKG-1] opening hours come from weekly hours in the store zone; a date override replaces them', () => {
    const weekly = Array.from({ length: 7 }, () => [{ fromMinute: 9 * 60, toMinute: 19 * 60 }])
    expect(openingIntervals('2026-11-23', weekly, [], SH)).toEqual(open)
    expect(openingIntervals('2026-11-23', weekly, [{ date: '2026-11-23', windows: [] }], SH)).toEqual([])
    const late = openingIntervals(
      '2026-11-24',
      weekly,
      [{ date: '2026-11-24', windows: [{ fromMinute: 20 * 60, toMinute: 60 }] }],
      SH,
    )
    expect(late[0]).toEqual({ start: Date.UTC(2026, 10, 24, 12), end: Date.UTC(2026, 10, 24, 17) })
  })

  it('[BKG-2] starts step by the slot interval, not the duration, and the buffer must fit', () => {
    const slots = availableSlots({ open, resources: bays, bookings: [] }, wash, { now, policy })
    expect(slots[1]?.start).toBe(day0 + 20 * M)
    expect(slots[0]).toEqual({ start: day0, end: day0 + 30 * M, free: 2 })
    const last = slots[slots.length - 1]
    expect(last?.start).toBeLessThanOrEqual(day0 + 10 * H - 40 * M)
  })

  it('[BKG-3] minimum notice and booking window bound the offered starts and allocations', () => {
    const soon = availableSlots({ open, resources: bays, bookings: [] }, wash, { now: day0, policy })
    expect(soon[0]?.start).toBe(day0 + 60 * M)
    const r = allocate({
      bookingId: 'b',
      day: { open, resources: bays, bookings: [] },
      service: wash,
      start: day0,
      now: day0,
      policy,
    })
    expect(r.ok || r.error.code).toBe('BOOKING_TOO_SOON')
    const far = allocate({
      bookingId: 'b',
      day: { open, resources: bays, bookings: [] },
      service: wash,
      start: day0,
      now: day0 - 20 * 24 * H,
      policy,
    })
    expect(far.ok || far.error.code).toBe('BOOKING_TOO_FAR')
    const off = allocate({
      bookingId: 'b',
      day: { open, resources: bays, bookings: [] },
      service: wash,
      start: day0 + 5 * M,
      now,
      policy,
    })
    expect(off.ok || off.error.code).toBe('BOOKING_OFF_GRID')
    const closed = allocate({
      bookingId: 'b',
      day: { open, resources: bays, bookings: [] },
      service: wash,
      start: day0 - H,
      now: now - H,
      policy,
    })
    expect(closed.ok || closed.error.code).toBe('BOOKING_OUTSIDE_HOURS')
  })

  it('[BKG-4] capabilities decide which resources can serve; a full slot is BOOKING_NO_RESOURCE', () => {
    const taken = [booking('x', 'bay-2', day0, day0 + 105 * M)]
    const r = allocate({
      bookingId: 'b',
      day: { open, resources: bays, bookings: taken },
      service: detail,
      start: day0,
      now,
      policy,
    })
    expect(r.ok || r.error.code).toBe('BOOKING_NO_RESOURCE')
    const ok = allocate({
      bookingId: 'b',
      day: { open, resources: bays, bookings: [] },
      service: detail,
      start: day0,
      now,
      policy,
    })
    expect(ok.ok && ok.value.resourceId).toBe('bay-2')
  })

  it('[BKG-5] holds block until they expire; expired holds are ignored', () => {
    const hold = allocate({
      bookingId: 'h',
      day: { open, resources: bays.slice(0, 1), bookings: [] },
      service: wash,
      start: day0,
      now,
      policy,
      hold: true,
    })
    expect(hold.ok && hold.value.holdExpiresAt).toBe(now + 15 * 60_000)
    if (!hold.ok) return
    const day: BookingDay = { open, resources: bays.slice(0, 1), bookings: [hold.value] }
    expect(availableSlots(day, wash, { now, policy })[0]?.start).not.toBe(day0)
    expect(availableSlots(day, wash, { now: now + 16 * M, policy })[0]?.start).toBe(day0)
  })

  it('[BKG-6] best fit: the resource whose gap is left with the least unusable idle time', () => {
    // bay-1 is busy until 09:40; bay-2 is free. A wash at 09:40 fits bay-1 flush, leaving bay-2 whole.
    const bookings = [booking('x', 'bay-1', day0, day0 + 40 * M)]
    const r = allocate({
      bookingId: 'b',
      day: { open, resources: bays, bookings },
      service: wash,
      start: day0 + 40 * M,
      now,
      policy: { ...policy, shortestServiceMin: 40 },
    })
    expect(r.ok && r.value.resourceId).toBe('bay-1')
  })

  it('[BKG-4] allocations never overlap on a resource, whatever the request sequence', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            k: fc.integer({ min: 0, max: 30 }),
            svc: fc.boolean(),
            hold: fc.boolean(),
            deferred: fc.constant(false),
          }),
          { maxLength: 40 },
        ),
        (reqs) => {
          let bookings: Booking[] = []
          reqs.forEach((q, i) => {
            const service = q.svc ? wash : detail
            const r = allocate({
              bookingId: `b${i}`,
              day: { open, resources: bays, bookings },
              service,
              start: day0 + q.k * 20 * M,
              now,
              policy,
              hold: q.hold,
            })
            if (r.ok) bookings = [...bookings, r.value]
          })
          for (const a of bookings)
            for (const b of bookings)
              if (a !== b && a.resourceId === b.resourceId) expect(a.end <= b.start || b.end <= a.start).toBe(true)
        },
      ),
      { numRuns: 100 },
    )
  })

  it('[BKG-7] deferred: feasible while fewer than N overlap, and check-in in start order always finds a bay', () => {
    const deferred: BookingPolicy = { ...policy, mode: 'deferred' }
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 25 }), { maxLength: 30 }), (ks) => {
        let bookings: Booking[] = []
        ks.forEach((k, i) => {
          const r = allocate({
            bookingId: `d${i}`,
            day: { open, resources: bays, bookings },
            service: wash,
            start: day0 + k * 20 * M,
            now,
            policy: deferred,
          })
          if (r.ok) {
            expect(r.value.resourceId).toBeNull()
            bookings = [...bookings, r.value]
          }
        })
        const byStart = [...bookings].sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : 1))
        let assigned: Booking[] = [...bookings]
        for (const b of byStart) {
          const r = assignAtCheckIn(b, { open, resources: bays, bookings: assigned }, wash, now, deferred)
          expect(r.ok).toBe(true)
          if (r.ok) assigned = assigned.map((x) => (x.id === b.id ? r.value : x))
        }
        for (const a of assigned)
          for (const b of assigned)
            if (a !== b && a.resourceId === b.resourceId) expect(a.end <= b.start || b.end <= a.start).toBe(true)
      }),
      { numRuns: 100 },
    )
    const full = [booking('a', null, day0, day0 + 40 * M), booking('b', null, day0 + 20 * M, day0 + 60 * M)]
    const slots = availableSlots({ open, resources: bays, bookings: full }, wash, { now, policy: deferred })
    expect(slots.find((s) => s.start === day0 + 20 * M)).toBeUndefined()
    expect(slots.find((s) => s.start === day0 + 40 * M)?.free).toBe(1)
  })
})
