import { gzipSync } from 'node:zlib'
import { mergeOrders, ordersEqual } from '@xiaodian/domain'
import { type OrderDocument, PullResponse, PushResponse } from '@xiaodian/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testApp } from '../test-app'
import { T0, apply, doc, posOrder } from './test-orders'

type TestApp = Awaited<ReturnType<typeof testApp>>
let t: TestApp
let token: string
const base = '/api/stores/tea-01/replication/orders'

beforeAll(async () => {
  t = await testApp()
  token = await t.staffToken()
})
afterAll(() => t.close())

function push(rows: unknown, opts: { device?: string | null; tok?: string; raw?: string } = {}) {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    authorization: `Bearer ${opts.tok ?? token}`,
  }
  if (opts.device !== null) headers['x-device-id'] = opts.device ?? 'tab-a'
  return t.app.request(`${base}/push`, { method: 'POST', headers, body: opts.raw ?? JSON.stringify(rows) })
}

async function pushOk(
  rows: { assumedMasterState?: OrderDocument; newDocumentState: OrderDocument }[],
  device = 'tab-a',
) {
  const res = await push(rows, { device })
  expect(res.status).toBe(200)
  return PushResponse.parse(await res.json())
}

async function pull(query: string, tok = token) {
  const res = await t.app.request(`${base}/pull?${query}`, { headers: { authorization: `Bearer ${tok}` } })
  return { status: res.status, body: await res.json() }
}

async function eventsOf(orderId: string) {
  const all = await t.db.query<{ type: string; payload: { detail: Record<string, unknown> } }>(
    'select type, payload from order_events where store_id = $1 and order_id = $2 order by seq',
    ['tea-01', orderId],
  )
  return all
}

describe('replication push', () => {
  it('ingests a new counter order once, with the device id, and answers no conflict [REP-1]', async () => {
    const o = posOrder('0190a000-0000-7000-8000-000000000001')
    expect(await pushOk([{ newDocumentState: doc(o) }])).toEqual([])
    // A retried push (the answer was lost) is the same delivery: no second event.
    expect(await pushOk([{ newDocumentState: doc(o) }])).toEqual([])
    const events = await eventsOf(o.id)
    expect(events).toHaveLength(1)
    expect(events[0]!.payload.detail).toEqual({ deviceId: 'tab-a' })
  })

  it('merges concurrent status changes with the domain merge and answers the merged master [REP-2]', async () => {
    const m0 = posOrder('0190a000-0000-7000-8000-000000000002')
    await pushOk([{ newDocumentState: doc(m0) }])
    const a = apply(
      m0,
      { type: 'accepted', at: T0 + 1000, by: 'tab-a' },
      { type: 'making_started', at: T0 + 2000, by: 'tab-a' },
    )
    const b = apply(m0, { type: 'cancelled', reason: '顾客不要了', at: T0 + 1500, by: 'tab-b' })
    expect(await pushOk([{ assumedMasterState: doc(m0), newDocumentState: doc(a) }])).toEqual([])
    const conflicts = await pushOk([{ assumedMasterState: doc(m0), newDocumentState: doc(b) }], 'tab-b')
    expect(conflicts).toHaveLength(1)
    const merged = mergeOrders(a, b)
    expect(merged.fulfilment).toBe('cancelled')
    expect(ordersEqual(strip(conflicts[0]!), merged)).toBe(true)
    expect(conflicts[0]!._deleted).toBe(false)
    // The tablet's conflict handler adopts the master and pushes it back: nothing new, no event.
    const before = (await eventsOf(m0.id)).length
    expect(await pushOk([{ assumedMasterState: conflicts[0]!, newDocumentState: conflicts[0]! }], 'tab-b')).toEqual([])
    expect(await eventsOf(m0.id)).toHaveLength(before)
  })

  it('never moves a status back: a stale state is answered with the master, not written [REP-3]', async () => {
    const m0 = posOrder('0190a000-0000-7000-8000-000000000003')
    const ready = apply(m0, { type: 'accepted', at: T0 + 1, by: 'a' }, { type: 'ready', at: T0 + 2, by: 'a' })
    await pushOk([{ newDocumentState: doc(ready) }])
    const stale = apply(m0, { type: 'accepted', at: T0 + 5, by: 'b' })
    const conflicts = await pushOk([{ assumedMasterState: doc(m0), newDocumentState: doc(stale) }], 'tab-b')
    expect(conflicts.map((c) => c.fulfilment)).toEqual(['ready'])
  })

  it('does not treat a missing assumed master as a conflict when the pushed state is the master [REP-4]', async () => {
    const m0 = posOrder('0190a000-0000-7000-8000-000000000004')
    await pushOk([{ newDocumentState: doc(m0) }])
    // A tablet with a fresh replication identifier pushes everything it holds without assumed states.
    expect(await pushOk([{ newDocumentState: doc(m0) }], 'tab-c')).toEqual([])
    expect(await eventsOf(m0.id)).toHaveLength(1)
  })

  it('answers a deleted document with the master and never deletes an order', async () => {
    const m0 = posOrder('0190a000-0000-7000-8000-000000000005')
    await pushOk([{ newDocumentState: doc(m0) }])
    const conflicts = await pushOk([{ assumedMasterState: doc(m0), newDocumentState: doc(m0, true) }])
    expect(conflicts).toHaveLength(1)
    expect(conflicts[0]!._deleted).toBe(false)
    expect(await eventsOf(m0.id)).toHaveLength(1)
  })

  it('answers a row that changes an order identity with the master and leaves it alone', async () => {
    const m0 = posOrder('0190a000-0000-7000-8000-000000000006')
    await pushOk([{ newDocumentState: doc(m0) }])
    const forged = { ...m0, channel: 'miniprogram' as const, fulfilment: 'done' as const }
    const conflicts = await pushOk([{ newDocumentState: doc(forged) }])
    expect(conflicts.map((c) => [c.channel, c.fulfilment])).toEqual([['pos', 'submitted']])
  })

  it('refuses bad input with clear codes', async () => {
    const o = doc(posOrder('0190a000-0000-7000-8000-000000000007'))
    const codeOf = async (res: Response) => {
      const body = (await res.json()) as { error?: { code: string } }
      return [res.status, body.error?.code ?? JSON.stringify(body)]
    }
    expect(await codeOf(await push([{ newDocumentState: o }], { device: null }))).toEqual([400, 'VALIDATION_FAILED'])
    expect(await codeOf(await push([{ newDocumentState: o }], { device: 'bad device!' }))).toEqual([
      400,
      'VALIDATION_FAILED',
    ])
    expect(await codeOf(await push([{ newDocumentState: { ...o, fulfilment: 'lost' } }]))).toEqual([
      400,
      'VALIDATION_FAILED',
    ])
    expect(await codeOf(await push([{ newDocumentState: { ...o, storeId: 'wash-01' } }]))).toEqual([
      400,
      'VALIDATION_FAILED',
    ])
    expect(await codeOf(await push([{ newDocumentState: { ...o, channel: 'meituan' } }]))).toEqual([
      400,
      'VALIDATION_FAILED',
    ])
    expect(await codeOf(await push(null, { raw: '[{"newDocumentState":' }))).toEqual([400, 'BAD_REQUEST'])
    const big = Array.from({ length: 200 }, () => ({ newDocumentState: o }))
    expect(await codeOf(await push(big))).toEqual([413, 'PAYLOAD_TOO_LARGE'])
    expect(await eventsOf(o.id)).toHaveLength(0)
  })

  it('takes gzip-compressed bodies, counting the compressed bytes against the limit', async () => {
    const rows = Array.from({ length: 300 }, (_, i) => ({
      newDocumentState: doc(posOrder(`0190c000-0000-7000-8000-${String(i).padStart(12, '0')}`, { pickupNumber: 3001 })),
    }))
    const gz = gzipSync(JSON.stringify(rows))
    expect(gz.length).toBeLessThan(64 * 1024)
    const send = (body: Uint8Array, encoding = 'gzip') =>
      t.app.request(`${base}/push`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-encoding': encoding,
          'x-device-id': 'tab-a',
          authorization: `Bearer ${token}`,
        },
        body: body as Uint8Array<ArrayBuffer>,
      })
    const res = await send(gz)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual([])
    expect(await eventsOf(rows[299]!.newDocumentState.id)).toHaveLength(1)
    const bodyOf = async (r: Response) => [r.status, ((await r.json()) as { error: { code: string } }).error.code]
    // A small body that would inflate past the limit, a body that is not gzip, an encoding not offered.
    expect(await bodyOf(await send(gzipSync(Buffer.alloc(3 * 1024 * 1024, 32))))).toEqual([413, 'PAYLOAD_TOO_LARGE'])
    expect(await bodyOf(await send(new TextEncoder().encode('[]')))).toEqual([400, 'MALFORMED_BODY'])
    expect(await bodyOf(await send(gz, 'br'))).toEqual([400, 'BAD_REQUEST'])
    expect(await bodyOf(await send(gzipSync('[{"newDocumentState": 1}]')))).toEqual([400, 'VALIDATION_FAILED'])
  })

  it('lets only the store staff replicate: 401 without a token, 403 for another store', async () => {
    const wash = await t.staffToken('wash-01', '2222')
    const o = doc(posOrder('0190a000-0000-7000-8000-000000000008'))
    expect((await push([{ newDocumentState: o }], { tok: wash })).status).toBe(403)
    expect((await pull('', wash)).status).toBe(403)
    const anon = await t.app.request(`${base}/pull`)
    expect(anon.status).toBe(401)
    const stream = await t.app.request(`${base}/pull-stream`, { headers: { authorization: `Bearer ${wash}` } })
    expect(stream.status).toBe(403)
  })
})

describe('replication pull', () => {
  it('pages through every order in (updatedAt, id) order, in either checkpoint form [REP-5]', async () => {
    const ids = Array.from({ length: 7 }, (_, i) => `0190b000-0000-7000-8000-00000000000${i}`)
    await pushOk(ids.map((id, i) => ({ newDocumentState: doc(posOrder(id, { pickupNumber: 2001 + i })) })))
    const seen: OrderDocument[] = []
    let checkpoint = { updatedAt: 0, id: '' }
    for (let i = 0; ; i++) {
      const q =
        i % 2
          ? `checkpoint=${encodeURIComponent(JSON.stringify(checkpoint))}`
          : `updatedAt=${checkpoint.updatedAt}&id=${encodeURIComponent(checkpoint.id)}`
      const r = await pull(`${q}&limit=3`)
      expect(r.status).toBe(200)
      const page = PullResponse.parse(r.body)
      seen.push(...page.documents)
      if (page.documents.length < 3) {
        expect(page.checkpoint).toEqual(page.documents.length ? page.checkpoint : checkpoint)
        break
      }
      checkpoint = page.checkpoint
    }
    const stored = await t.db.query<{ id: string }>(
      'select id from orders where store_id = $1 order by updated_at, id',
      ['tea-01'],
    )
    expect(seen.map((d) => d.id)).toEqual(stored.map((r) => r.id))
    expect(seen.every((d) => d._deleted === false)).toBe(true)
    expect(seen.filter((d) => ids.includes(d.id))).toHaveLength(7)
  })

  it('answers an empty page with the same checkpoint, and refuses a malformed one', async () => {
    const r = await pull(`updatedAt=${Number.MAX_SAFE_INTEGER}&id=z`)
    expect(r.body).toEqual({ documents: [], checkpoint: { updatedAt: Number.MAX_SAFE_INTEGER, id: 'z' } })
    expect((await pull('checkpoint=%7Bnope')).status).toBe(400)
    expect((await pull('limit=0')).status).toBe(400)
    expect((await pull('limit=5000')).status).toBe(400)
    expect((await pull('updatedAt=-1')).status).toBe(400)
  })
})

function strip(d: OrderDocument) {
  const { _deleted, ...o } = d
  return o
}
