import { act, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { orderBody } from '@/consumer/fixtures'
import { fakeStreams, renderConsumer, scriptedHttp, testServices, text } from '@/consumer/testing'
import { OrderTracking } from './order-view'

describe('order tracking (real Taro H5 components in jsdom)', () => {
  it('shows the pickup number large and follows the status live from the stream', async () => {
    const paid = orderBody({ payment: 'paid' })
    const { http } = scriptedHttp({
      'POST /api/auth/consumer': { status: 200, data: { token: 'tok', openid: 'o' } },
      'GET /api/stores/tea-01/my-orders/order0000000001': { status: 200, data: { order: paid, seq: 3 } },
    })
    const streams = fakeStreams()
    const services = testServices(http, { openStream: streams.openStream })
    const { container } = renderConsumer(<OrderTracking storeId='tea-01' orderId='order0000000001' />, http, services)
    expect(container.querySelector('#order-loading')).not.toBeNull()
    await waitFor(() => expect(text(container, '#pickup-number')).toBe('007'))
    expect(text(container, '#order-status')).toBe('已下单')
    await waitFor(() => expect(streams.open).toHaveLength(1))
    expect(streams.open[0]?.query).toEqual({ access_token: 'tok' })
    const at = (updatedAt: number) => ({ ...paid.timestamps, updatedAt })
    act(() => streams.emit({ seq: 4, order: { ...paid, fulfilment: 'making', timestamps: at(5) } }))
    await waitFor(() => expect(text(container, '#order-status')).toBe('制作中'))
    act(() => streams.emit({ seq: 5, order: { ...paid, fulfilment: 'ready', timestamps: at(6) } }))
    await waitFor(() => expect(text(container, '#order-status')).toBe('可取餐'))
    expect(container.querySelector('#step-ready')?.className).toContain('steps__item--on')
  })

  it('offers to pay an unpaid order, and shows an error with retry when the order cannot load', async () => {
    const { http } = scriptedHttp({
      'POST /api/auth/consumer': { status: 200, data: { token: 'tok', openid: 'o' } },
      'GET /api/stores/tea-01/my-orders/order0000000001': { status: 200, data: { order: orderBody(), seq: 1 } },
    })
    const { container } = renderConsumer(<OrderTracking storeId='tea-01' orderId='order0000000001' />, http)
    await waitFor(() => expect(text(container, '#order-status')).toBe('待支付'))
    expect(text(container, '#order-pay')).toBe('去支付 ¥29.00')

    const missing = scriptedHttp({ 'POST /api/auth/consumer': { status: 200, data: { token: 'tok', openid: 'o' } } })
    const view = renderConsumer(<OrderTracking storeId='tea-01' orderId='nope' />, missing.http)
    await waitFor(() => expect(view.container.querySelector('#order-error .state__retry')).not.toBeNull())
  })
})
