import type { OrderView } from './api'
import { describe, expect, it } from 'vitest'
import { orderBody } from './fixtures'
import { followOrder } from './order-follow'
import { parseOrderFrame, pickupLabel, statusText } from './order-status'
import { fakeStreams } from './testing'

const order = (patch: Record<string, unknown> = {}) => orderBody(patch) as unknown as OrderView

describe('order status for the consumer', () => {
  it('says what matters now, in Chinese', () => {
    expect(statusText(order())).toBe('待支付')
    expect(statusText(order({ payment: 'paid' }))).toBe('已下单')
    expect(statusText(order({ payment: 'paid', fulfilment: 'making' }))).toBe('制作中')
    expect(statusText(order({ payment: 'paid', fulfilment: 'ready' }))).toBe('可取餐')
    expect(statusText(order({ payment: 'paid', fulfilment: 'ready', fulfilmentType: 'delivery' }))).toBe('待配送')
    expect(statusText(order({ payment: 'paid', fulfilment: 'cancelled' }))).toBe('已取消')
    expect(pickupLabel(order())).toBe('007')
  })

  it('reads stream frames with the shared order schema and ignores anything else', () => {
    expect(parseOrderFrame(JSON.stringify({ seq: 3, order: orderBody() }))?.seq).toBe(3)
    expect(parseOrderFrame('{"type":"heartbeat"}')).toBeUndefined()
    expect(parseOrderFrame(JSON.stringify({ seq: 3, order: { id: 'x' } }))).toBeUndefined()
    expect(parseOrderFrame('not json')).toBeUndefined()
  })

  it('follows one order on the consumer stream, with the token in the URL, skipping stale frames', () => {
    const streams = fakeStreams()
    const seen: string[] = []
    const handle = followOrder({
      baseUrl: '',
      storeId: 'tea-01',
      orderId: 'order0000000001',
      token: 'tok',
      openStream: streams.openStream,
      onOrder: (o) => seen.push(o.fulfilment),
    })
    expect(streams.open[0]).toMatchObject({
      path: '/api/stores/tea-01/my-orders/order0000000001/stream',
      socketPath: '/api/stores/tea-01/my-orders/order0000000001/stream/ws',
      event: 'order',
      query: { access_token: 'tok' },
    })
    const at = (updatedAt: number) => ({ ...orderBody().timestamps, updatedAt })
    streams.emit({ seq: 1, order: orderBody({ fulfilment: 'making', timestamps: at(10) }) })
    streams.emit({ seq: 2, order: orderBody({ fulfilment: 'ready', timestamps: at(20) }) })
    streams.emit({ seq: 1, order: orderBody({ fulfilment: 'making', timestamps: at(10) }) })
    streams.emit({ seq: 3, order: orderBody({ id: 'other-order-1', timestamps: at(30) }) })
    expect(seen).toEqual(['making', 'ready'])
    handle.close()
    expect(streams.open).toHaveLength(0)
  })
})
