import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { formatYuan, parseYuan, percentOf } from './money'
import { splitFen } from './split-fen'

describe('money', () => {
  it('[MNY-2] formats fen as yuan with two decimals', () => {
    expect(formatYuan(1250)).toBe('¥12.50')
    expect(formatYuan(5)).toBe('¥0.05')
    expect(formatYuan(0)).toBe('¥0.00')
    expect(formatYuan(-305)).toBe('-¥3.05')
    expect(formatYuan(500, { trim: true })).toBe('¥5')
    expect(formatYuan(550, { trim: true })).toBe('¥5.50')
  })

  it('[MNY-2] parses yuan text into fen without float error', () => {
    expect(parseYuan('12.5')).toBe(1250)
    expect(parseYuan('¥0.07')).toBe(7)
    expect(parseYuan('-3')).toBe(-300)
    expect(parseYuan('1.005')).toBeNull()
    expect(parseYuan('abc')).toBeNull()
    fc.assert(fc.property(fc.integer({ min: -1e9, max: 1e9 }), (fen) => parseYuan(formatYuan(fen)) === fen))
  })

  it('[MNY-3] percentages round half up to a whole fen', () => {
    expect(percentOf(1250, 15)).toBe(188)
    expect(percentOf(1000, 50)).toBe(500)
    expect(percentOf(1, 50)).toBe(1)
    expect(percentOf(999, 12.5)).toBe(125)
  })

  it('[MNY-4] splitFen sums exactly, never exceeds a weight, and is deterministic', () => {
    expect(splitFen(100, [1, 1, 1])).toEqual([34, 33, 33])
    expect(splitFen(0, [5, 5])).toEqual([0, 0])
    expect(splitFen(7, [0, 0])).toEqual([4, 3])
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 30 }),
        fc.nat(),
        (ws, t) => {
          const sum = ws.reduce((a, b) => a + b, 0)
          const total = sum > 0 ? t % (sum + 1) : t % 1000
          const shares = splitFen(total, ws)
          expect(shares.reduce((a, b) => a + b, 0)).toBe(total)
          if (sum > 0)
            shares.forEach((s, i) => {
              expect(s).toBeLessThanOrEqual(ws[i] as number)
            })
          for (const s of shares) expect(Number.isInteger(s) && s >= 0).toBe(true)
        },
      ),
      { numRuns: 200 },
    )
  })
})
