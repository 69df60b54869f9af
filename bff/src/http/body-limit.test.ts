import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { afterAll, describe, expect, it } from 'vitest'
import { limitBody } from './body-limit'

const MAX = 1024

function app() {
  const a = new Hono()
  a.use(limitBody({ maxSize: MAX, onError: (c) => c.json({ error: { code: 'PAYLOAD_TOO_LARGE' } }, 413) }))
  a.post('/echo', async (c) => c.json({ length: (await c.req.text()).length }))
  a.get('/echo', (c) => c.json({ ok: true }))
  return a
}

describe('limitBody', () => {
  const server = serve({ fetch: app().fetch, port: 0, hostname: '127.0.0.1' })
  const base = new Promise<string>((resolve) =>
    server.once('listening', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
  )
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  it('refuses a declared length over the limit and lets one at the limit through, over real HTTP', async () => {
    const over = await fetch(`${await base}/echo`, { method: 'POST', body: 'x'.repeat(MAX + 1) })
    expect(over.status).toBe(413)
    const at = await fetch(`${await base}/echo`, { method: 'POST', body: 'x'.repeat(MAX) })
    expect(await at.json()).toEqual({ length: MAX })
  })

  it('counts a chunked body while it streams', async () => {
    const chunks = (n: number) =>
      new ReadableStream<Uint8Array>({
        start(c) {
          for (let i = 0; i < n; i++) c.enqueue(new Uint8Array(256).fill(120))
          c.close()
        },
      })
    const post = (n: number) =>
      base.then((b) => fetch(`${b}/echo`, { method: 'POST', body: chunks(n), duplex: 'half' } as RequestInit))
    expect((await post(5)).status).toBe(413)
    expect(await (await post(4)).json()).toEqual({ length: MAX })
  })

  it('does not look at a GET', async () => {
    expect((await app().request('/echo')).status).toBe(200)
  })
})
