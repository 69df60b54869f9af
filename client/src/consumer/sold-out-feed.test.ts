import { describe, expect, it } from 'vitest'
import type { HttpRequest } from '@/platform/http'
import { followSoldOut } from './sold-out-feed'

describe('sold-out feed', () => {
  it('long-polls with the last etag and reports each change once, retrying after failures', async () => {
    const answers = [
      { status: 200, data: { items: [], skus: [], options: [], etag: 'e1' } },
      'fail',
      { status: 200, data: { items: [], skus: [], options: [], etag: 'e1' } },
      { status: 200, data: { items: ['taro-boba'], skus: [], options: ['pearl'], etag: 'e2' } },
    ] as const
    const requests: HttpRequest[] = []
    const seen: string[][] = []
    let stopFeed = () => {}
    const done = new Promise<void>((resolve) => {
      stopFeed = followSoldOut(
        {
          async request(req) {
            requests.push(req)
            const next = answers[requests.length - 1]
            if (next === undefined) {
              resolve()
              return new Promise(() => {})
            }
            if (next === 'fail') throw new Error('request failed')
            return next
          },
        },
        'tea-01',
        (marks) => seen.push([...marks.items, ...marks.options]),
        { sleep: async () => {} },
      )
    })
    await done
    stopFeed()
    expect(seen).toEqual([[], ['taro-boba', 'pearl']])
    expect(requests.map((r) => r.path)).toEqual([
      '/api/stores/tea-01/sold-out',
      '/api/stores/tea-01/sold-out?wait=e1',
      '/api/stores/tea-01/sold-out?wait=e1',
      '/api/stores/tea-01/sold-out?wait=e1',
      '/api/stores/tea-01/sold-out?wait=e2',
    ])
  })
})
