import { describe, expect, it } from 'vitest'
import { ConsumerApiError } from './api'
import { bookingDays, canChange, clockLabel, countdown, slotTakenAlternatives } from './booking'

// 2026-11-23 23:30 in Shanghai (a Monday): the store's day is still the 23rd, the next starts in 30 minutes.
const LATE = Date.UTC(2026, 10, 23, 15, 30)

describe('booking helpers', () => {
  it('lists the store’s local days, not the device’s', () => {
    const days = bookingDays(LATE, 'Asia/Shanghai', 3)
    expect(days).toEqual([
      { key: '2026-11-23', label: '今天 周一' },
      { key: '2026-11-24', label: '明天 周二' },
      { key: '2026-11-25', label: '11月25日 周三' },
    ])
    expect(clockLabel(LATE, 'Asia/Shanghai')).toBe('23:30')
  })

  it('counts the hold down in mm:ss and stops at zero', () => {
    expect(countdown(LATE + 15 * 60_000, LATE)).toBe('15:00')
    expect(countdown(LATE + 61_500, LATE)).toBe('01:02')
    expect(countdown(LATE - 1, LATE)).toBe('00:00')
  })

  it('reads the nearest free starts from a 409 SLOT_TAKEN', () => {
    const nearest = [{ start: 1, end: 2, free: 1, label: '10:15' }]
    const taken = new ConsumerApiError(409, 'SLOT_TAKEN', 'taken', {
      error: { code: 'SLOT_TAKEN', message: 'taken', nearest },
    })
    expect(slotTakenAlternatives(taken)).toEqual(nearest)
    expect(slotTakenAlternatives(new ConsumerApiError(422, 'BOOKING_TOO_SOON', 'x', {}))).toBeUndefined()
  })

  it('allows cancel and reschedule only before the cutoff', () => {
    const b = { status: 'confirmed', start: LATE + 3 * 3600_000 } as Parameters<typeof canChange>[0]
    expect(canChange(b, 120, LATE)).toBe(true)
    expect(canChange(b, 240, LATE)).toBe(false)
    expect(canChange({ ...b, status: 'cancelled' }, 120, LATE)).toBe(false)
  })
})
