import { describe, expect, it } from 'vitest'
import { barPercents, change, dayLabel, hourSpan, money, shiftDay } from './figures'

describe('owner dashboard figures', () => {
  it('formats money with grouped thousands', () => {
    expect(money(123456789)).toBe('¥1,234,567.89')
    expect(money(5)).toBe('¥0.05')
    expect(money(-250000)).toBe('-¥2,500.00')
  })

  it('describes the change against last week', () => {
    expect(change(110, 100)).toEqual({ text: '+10.0%', trend: 'up' })
    expect(change(90, 100)).toEqual({ text: '−10.0%', trend: 'down' })
    expect(change(0, 0).trend).toBe('flat')
    expect(change(5, 0)).toEqual({ text: '新增', trend: 'up' })
  })

  it('sizes bars against the largest value', () => {
    expect(barPercents([0, 5, 10])).toEqual([0, 50, 100])
    expect(barPercents([0, 0])).toEqual([0, 0])
    expect(barPercents([-3, 3])).toEqual([0, 100])
  })

  it('picks the hours worth drawing', () => {
    const quiet = Array(24).fill(0)
    expect(hourSpan(quiet)).toEqual({ from: 10, to: 21 })
    const wash = [...quiet]
    wash[8] = 3
    wash[22] = 1
    expect(hourSpan(wash, quiet)).toEqual({ from: 8, to: 22 })
  })

  it('walks and labels days', () => {
    expect(shiftDay('2026-11-01', -1)).toBe('2026-10-31')
    expect(shiftDay('2026-12-31', 1)).toBe('2027-01-01')
    expect(dayLabel('2026-11-22')).toBe('11月22日 周日')
  })
})
