import { describe, expect, it } from 'vitest'
import { memoryKv } from './fake-bff.test-helpers'
import { createPickupBook } from './pickup-book'

describe('the device’s pickup numbers', () => {
  it('hands out its own block in order, and a reloaded book continues where it stopped', () => {
    const kv = memoryKv()
    const book = createPickupBook(kv, 'k')
    expect(book.draw('2026-11-22')).toMatchObject({ ok: false })
    book.setBlock({ block: 12, blockSize: 100 })
    expect([1, 2, 3].map(() => book.draw('2026-11-22'))).toEqual([
      { ok: true, value: 1201 },
      { ok: true, value: 1202 },
      { ok: true, value: 1203 },
    ])
    const reloaded = createPickupBook(kv, 'k')
    expect(reloaded.draw('2026-11-22')).toEqual({ ok: true, value: 1204 })
    // Registering the same block again keeps today's count.
    reloaded.setBlock({ block: 12, blockSize: 100 })
    expect(reloaded.draw('2026-11-22')).toEqual({ ok: true, value: 1205 })
  })

  it('starts over on a new business day and refuses when the block is used up', () => {
    const book = createPickupBook(memoryKv(), 'k')
    book.setBlock({ block: 1, blockSize: 3 })
    expect(book.draw('2026-11-22')).toEqual({ ok: true, value: 4 })
    expect(book.draw('2026-11-22')).toEqual({ ok: true, value: 5 })
    expect(book.draw('2026-11-22')).toMatchObject({ ok: false, error: { code: 'PICKUP_BLOCK_EXHAUSTED' } })
    expect(book.draw('2026-11-23')).toEqual({ ok: true, value: 4 })
  })
})
