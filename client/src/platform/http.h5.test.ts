import { afterEach, describe, expect, it, vi } from 'vitest'
import { createHttpClient } from './http.h5'

afterEach(() => {
  vi.unstubAllGlobals()
  vi.useRealTimers()
})

describe('h5 http adapter (fetch)', () => {
  it('sends JSON to base + path and parses the answer whatever the status', async () => {
    const fetch = vi.fn(
      async (_url: string, _init: RequestInit) => new Response('{"error":{"code":"X"}}', { status: 409 }),
    )
    vi.stubGlobal('fetch', fetch)
    const http = createHttpClient({ baseUrl: 'http://bff.test' })

    const res = await http.request({
      method: 'POST',
      path: '/orders',
      body: { a: 1 },
      headers: { 'x-request-id': 'r1' },
    })

    expect(res).toEqual({ status: 409, data: { error: { code: 'X' } } })
    const [url, init] = fetch.mock.calls[0]!
    expect(url).toBe('http://bff.test/orders')
    expect(init.method).toBe('POST')
    expect(init.body).toBe('{"a":1}')
    expect(init.headers).toMatchObject({ 'content-type': 'application/json', 'x-request-id': 'r1' })
  })

  it('is same-origin with an empty base URL and sends no body on GET', async () => {
    const fetch = vi.fn(async (_url: string, _init: RequestInit) => new Response(null, { status: 204 }))
    vi.stubGlobal('fetch', fetch)
    const res = await createHttpClient({ baseUrl: '' }).request({ path: '/healthz' })
    expect(res).toEqual({ status: 204, data: undefined })
    expect(fetch.mock.calls[0]![0]).toBe('/healthz')
    expect(fetch.mock.calls[0]![1]).not.toHaveProperty('body')
  })

  it("aborts the fetch when the caller's signal aborts, and on timeout", async () => {
    const fetch = vi.fn(
      (_url: string, init: RequestInit) =>
        new Promise<Response>((_resolve, reject) => {
          init.signal?.addEventListener('abort', () => reject(init.signal?.reason))
        }),
    )
    vi.stubGlobal('fetch', fetch)
    const http = createHttpClient({ baseUrl: '', timeoutMs: 50 })

    const controller = new AbortController()
    const aborted = http.request({ path: '/slow', signal: controller.signal })
    controller.abort(new Error('navigated away'))
    await expect(aborted).rejects.toThrow('navigated away')

    await expect(http.request({ path: '/slow' })).rejects.toThrow('timed out after 50 ms')
  })
})
