import type { AddressInfo } from 'node:net'
import { type ServerType, serve } from '@hono/node-server'
import { PullResponse, PullStreamEvent } from '@xiaodian/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testApp } from '../test-app'
import { T0, apply, doc, posOrder } from './test-orders'

type TestApp = Awaited<ReturnType<typeof testApp>>
let t: TestApp
let server: ServerType
let url: string
let token: string

beforeAll(async () => {
  t = await testApp()
  token = await t.staffToken()
  server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' })
  await new Promise((r) => server.once('listening', r))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/stores/tea-01/replication/orders`
})
afterAll(async () => {
  ;(server as { closeAllConnections?: () => void }).closeAllConnections?.()
  await new Promise((r) => server.close(r))
  await t.close()
})

/** Reads an SSE response's `data:` messages, parsed with the shared contract. */
function messages(res: Response) {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader()
  let buf = ''
  const queue: PullStreamEvent[] = []
  return {
    async next(timeoutMs = 5000): Promise<PullStreamEvent> {
      const deadline = Date.now() + timeoutMs
      while (queue.length === 0) {
        const timer = new Promise<never>((_, rej) =>
          setTimeout(() => rej(new Error('no message in time')), Math.max(1, deadline - Date.now())),
        )
        const { value, done } = await Promise.race([reader.read(), timer])
        if (done) throw new Error('stream ended')
        buf += value
        let end = buf.indexOf('\n\n')
        while (end >= 0) {
          const frame = buf.slice(0, end)
          buf = buf.slice(end + 2)
          const data = frame
            .split('\n')
            .filter((l) => l.startsWith('data: '))
            .map((l) => l.slice(6))
            .join('\n')
          if (data) queue.push(PullStreamEvent.parse(JSON.parse(data)))
          end = buf.indexOf('\n\n')
        }
      }
      return queue.shift()!
    },
    cancel: () => reader.cancel(),
  }
}

function push(rows: unknown[]) {
  return fetch(`${url}/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-device-id': 'tab-a' },
    body: JSON.stringify(rows),
  })
}

async function until(ok: () => boolean) {
  for (let i = 0; i < 100 && !ok(); i++) await new Promise((r) => setTimeout(r, 20))
  expect(ok()).toBe(true)
}

describe('replication pull stream', () => {
  it('says RESYNC first, then streams each committed change as documents with a checkpoint [REP-6]', async () => {
    const res = await fetch(`${url}/pull-stream?access_token=${token}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/)
    const stream = messages(res)
    expect(await stream.next()).toBe('RESYNC')

    const orders = ['s-1', 's-2', 's-3'].map((id, i) => posOrder(id, { pickupNumber: 1001 + i }))
    expect((await push(orders.map((o) => ({ newDocumentState: doc(o) })))).status).toBe(200)
    const got: string[] = []
    let last: PullResponse | undefined
    while (got.length < 3) {
      const m = await stream.next()
      if (m === 'RESYNC') throw new Error('unexpected RESYNC')
      got.push(...m.documents.map((d) => d.id))
      last = m
    }
    expect(got).toEqual(['s-1', 's-2', 's-3'])
    // The stream's checkpoint is where a pull would stand after the same documents.
    const pulled = PullResponse.parse(await (await fetch(`${url}/pull?access_token=${token}`)).json())
    expect(last!.checkpoint).toEqual(pulled.checkpoint)

    // Events that carry no order (a payment for an order not seen yet) replicate nothing.
    await t.services.ingestor.submit({
      kind: 'payment.succeeded',
      storeId: 'tea-01',
      provider: 'wechatpay',
      notificationId: 'n-1',
      outTradeNo: 'unknown-order',
      transactionId: 'tx-1',
      amountFen: 100,
      payerTotalFen: 100,
      at: T0,
    })
    const moved = apply(orders[0]!, { type: 'accepted', at: T0 + 1, by: 'tab-a' })
    await push([{ assumedMasterState: doc(orders[0]!), newDocumentState: doc(moved) }])
    const m = await stream.next()
    expect(m !== 'RESYNC' && m.documents.map((d) => [d.id, d.fulfilment, d._deleted])).toEqual([
      ['s-1', 'accepted', false],
    ])
    await stream.cancel()
  })

  it('starts every connection with RESYNC and ends the subscription when the tablet goes away', async () => {
    await until(() => t.services.hub.subscriberCount === 0)
    const before = 0
    const ac = new AbortController()
    const res = await fetch(`${url}/pull-stream`, {
      headers: { authorization: `Bearer ${token}` },
      signal: ac.signal,
    })
    const stream = messages(res)
    expect(await stream.next()).toBe('RESYNC')
    await until(() => t.services.hub.subscriberCount === before + 1)
    ac.abort()
    await until(() => t.services.hub.subscriberCount === before)
  })

  it("sends each order once per batch in its newest state, a tablet's own change included", async () => {
    const res = await fetch(`${url}/pull-stream?access_token=${token}`)
    const stream = messages(res)
    expect(await stream.next()).toBe('RESYNC')
    const o = posOrder('newest-1', { pickupNumber: 1201 })
    const accepted = apply(o, { type: 'accepted', at: T0 + 1, by: 'tab-b' })
    const making = apply(accepted, { type: 'making_started', at: T0 + 2, by: 'tab-a' })
    // Another tablet's change and this tablet's own, committed together: the batch carries the newest.
    await t.services.ingestor.submitAll([
      { kind: 'order.upsert', storeId: 'tea-01', order: accepted, deviceId: 'tab-b', at: T0 },
      { kind: 'order.upsert', storeId: 'tea-01', order: making, deviceId: 'tab-a', at: T0 },
    ])
    const m = await stream.next()
    expect(m !== 'RESYNC' && m.documents.map((d) => [d.id, d.fulfilment])).toEqual([['newest-1', 'making']])
    await stream.cancel()
  })
})
