import { describe, expect, it } from 'vitest'
import { NonceCache } from './nonce-cache'

describe('NonceCache', () => {
  it('remembers a nonce until its expiry', () => {
    const cache = new NonceCache()
    cache.add('n1', 1_000, 0)
    expect(cache.has('n1', 999)).toBe(true)
    expect(cache.has('n1', 1_000)).toBe(false)
    expect(cache.has('n2', 0)).toBe(false)
  })

  it('sweeps expired nonces as new ones arrive', () => {
    const cache = new NonceCache()
    for (let i = 0; i < 100; i++) cache.add(`n${i}`, i * 10 + 300, i * 10)
    expect(cache.size).toBeLessThanOrEqual(31)
  })

  it('stays within maxEntries, forgetting the oldest first', () => {
    const cache = new NonceCache({ maxEntries: 3 })
    for (const nonce of ['a', 'b', 'c', 'd']) cache.add(nonce, 10_000, 0)
    expect(cache.size).toBe(3)
    expect(cache.has('a', 0)).toBe(false)
    expect(cache.has('d', 0)).toBe(true)
  })
})
