import { describe, expect, it } from 'vitest'
import type { HttpClient } from '@/platform/http'
import { memoryKv } from './fake-bff.test-helpers'
import { cachedMenu, fetchMenu } from './store-menu'

const answer = (promotions: unknown[]) => ({
  store: { id: 'tea-01', name: '茶', kind: 'tea', timeZone: 'Asia/Shanghai' },
  menu: { id: 'm', categories: [] },
  promotions,
  soldOut: { items: ['x'], skus: [], options: [] },
})
const http = (data: unknown, status = 200): HttpClient => ({ request: async () => ({ status, data }) })

describe('the menu on the tablet', () => {
  it('is cached so the counter sells offline, with the promotions whose rules came along', async () => {
    const kv = memoryKv()
    const rule = { kind: 'threshold', tiers: [{ minFen: 3000, offFen: 500 }] }
    const menu = await fetchMenu(
      http(
        answer([
          { id: 'a', name: '满30减5', rule, stackable: true },
          { id: 'b', name: '只有名字' },
        ]),
      ),
      kv,
      'tea-01',
      42,
    )
    expect(menu.promotions.map((p) => p.id)).toEqual(['a'])
    expect(menu.promotionNames).toEqual([
      { id: 'a', name: '满30减5' },
      { id: 'b', name: '只有名字' },
    ])
    expect(cachedMenu(kv, 'tea-01')).toEqual(menu)
    expect(cachedMenu(kv, 'other')).toBeNull()
  })

  it('refuses an answer it cannot read and keeps the cache', async () => {
    const kv = memoryKv()
    await expect(fetchMenu(http({ nope: true }), kv, 'tea-01', 1)).rejects.toThrow('unexpected')
    await expect(fetchMenu(http(answer([]), 503), kv, 'tea-01', 1)).rejects.toThrow('503')
    expect(cachedMenu(kv, 'tea-01')).toBeNull()
  })
})
