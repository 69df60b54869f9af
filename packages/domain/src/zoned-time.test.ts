import { describe, expect, it } from 'vitest'
import { addDays, businessDayOf, businessDayRange, localTime, weekdayOf, zonedTimeToEpoch } from './zoned-time'

const SH = 'Asia/Shanghai'

describe('zoned time', () => {
  it('[TIM-1] business day follows the store zone and cutoff: 02:00 belongs to the previous day', () => {
    const twoAm = Date.UTC(2026, 10, 23, 18) // 2026-11-24 02:00 in Shanghai
    expect(localTime(twoAm, SH)).toMatchObject({ dayKey: '2026-11-24', hour: 2, minuteOfDay: 120, weekday: 2 })
    expect(businessDayOf(twoAm, SH, 4 * 60)).toBe('2026-11-23')
    expect(businessDayOf(twoAm + 2 * 3_600_000, SH, 4 * 60)).toBe('2026-11-24')
    const r = businessDayRange('2026-11-23', SH, 4 * 60)
    expect(r.start).toBe(Date.UTC(2026, 10, 22, 20))
    expect(r.end - r.start).toBe(86_400_000)
  })

  it('[TIM-2] local wall time converts to an instant, also across a DST change', () => {
    expect(zonedTimeToEpoch('2026-11-23', 9 * 60, SH)).toBe(Date.UTC(2026, 10, 23, 1))
    // New York springs forward on 2026-03-08: that day is 23 hours long.
    const ny = 'America/New_York'
    expect(zonedTimeToEpoch('2026-03-09', 0, ny) - zonedTimeToEpoch('2026-03-08', 0, ny)).toBe(23 * 3_600_000)
    expect(localTime(zonedTimeToEpoch('2026-03-08', 12 * 60, ny), ny).hour).toBe(12)
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(weekdayOf('2026-11-23')).toBe(1)
  })
})
