import { describe, expect, it } from 'vitest'
import { RateLimiter } from './rate-limit'

describe('RateLimiter', () => {
  it('lets a burst through, then refuses with the seconds to wait, and refills over time', () => {
    let now = 0
    const limiter = new RateLimiter(2, 5, () => now)
    expect(Array.from({ length: 5 }, () => limiter.take('a'))).toEqual([0, 0, 0, 0, 0])
    expect(limiter.take('a')).toBe(1)
    expect(limiter.take('b')).toBe(0)
    now += 1000
    expect(limiter.take('a')).toBe(0)
    expect(limiter.take('a')).toBe(0)
    expect(limiter.take('a')).toBeGreaterThanOrEqual(1)
  })
})
