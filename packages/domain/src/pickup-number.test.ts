import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { formatPickupNumber, nextPickupNumber, type PickupCounter, pickupCounter } from './pickup-number'

function draw(c: PickupCounter, day: string): [number, PickupCounter] {
  const r = nextPickupNumber(c, day)
  if (!r.ok) throw new Error(r.error.code)
  return [r.value.number, r.value.counter]
}

describe('pickup numbers', () => {
  it('[PCK-1] devices draw from disjoint blocks, so offline tablets never collide', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 20 }), { minLength: 2, maxLength: 4 }),
        fc.integer({ min: 1, max: 99 }),
        (blocks, n) => {
          const seen = new Set<number>()
          for (const b of blocks) {
            let c = pickupCounter('2026-11-23', b)
            for (let i = 0; i < n; i++) {
              const [num, next] = draw(c, '2026-11-23')
              expect(seen.has(num)).toBe(false)
              seen.add(num)
              c = next
            }
          }
        },
      ),
      { numRuns: 50 },
    )
  })

  it('[PCK-2] numbers restart each business day and a full block is an error', () => {
    let c = pickupCounter('2026-11-23', 1)
    const [a, c1] = draw(c, '2026-11-23')
    const [b, c2] = draw(c1, '2026-11-23')
    expect([a, b]).toEqual([101, 102])
    const [d] = draw(c2, '2026-11-24')
    expect(d).toBe(101)
    c = { ...c2, last: 199 }
    const r = nextPickupNumber({ ...c, last: 199 }, '2026-11-23')
    expect(r.ok || r.error.code).toBe('PICKUP_BLOCK_EXHAUSTED')
  })

  it('[PCK-3] the human format is a letter and three digits', () => {
    expect(formatPickupNumber(12)).toBe('A012')
    expect(formatPickupNumber(105, 'M')).toBe('M105')
    expect(formatPickupNumber(1203)).toBe('A1203')
  })
})
