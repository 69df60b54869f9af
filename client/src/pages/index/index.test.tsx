import Taro from '@tarojs/taro'
import { act, fireEvent, waitFor } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { MENU_ANSWER } from '@/consumer/fixtures'
import { renderConsumer, scriptedHttp, testServices, text } from '@/consumer/testing'
import type { HttpClient } from '@/platform/http'
import { sessionStore } from '@/stores/session'
import Index from './index'

vi.mock('@tarojs/taro', async (importOriginal) => {
  const mod = await importOriginal<{ default: object }>()
  const Taro = Object.assign(mod.default, { pageScrollTo: vi.fn(async () => ({})) })
  return { ...mod, default: Taro, useRouter: () => ({ params: {} }) }
})

const HEALTH = { ok: true, db: 'pglite', version: '0.1.0' }
const STORES = {
  stores: [MENU_ANSWER.store, { id: 'wash-01', name: '闪亮洗车', kind: 'carwash', timeZone: 'Asia/Shanghai' }],
}

function shop(routes: Parameters<typeof scriptedHttp>[0] = {}) {
  sessionStore.getState().reset()
  return scriptedHttp({
    'GET /healthz': { status: 200, data: HEALTH },
    'GET /api/stores': { status: 200, data: STORES },
    'GET /api/stores/tea-01/menu': { status: 200, data: MENU_ANSWER },
    ...routes,
  })
}

describe('store home: the menu (real Taro H5 components in jsdom)', () => {
  it('shows the first store’s menu with prices, art and the promotions', async () => {
    const { http } = shop()
    const { container } = renderConsumer(<Index />, http)
    expect(container.querySelector('#stores-loading, #menu-loading')).not.toBeNull()
    await waitFor(() => expect(text(container, '#item-pearl-milk-tea .item__name')).toBe('珍珠奶茶'))
    expect(text(container, '#item-pearl-milk-tea .item__price')).toBe('¥12起')
    expect(container.querySelector('#item-pearl-milk-tea img, #item-pearl-milk-tea taro-image-core')).not.toBeNull()
    expect(text(container, '#promo-banner')).toContain('满30减5')
    expect(text(container, '#cart-count')).toBe('0')
  })

  it('picks size and toppings with a live price, and adds to the cart', async () => {
    const { http } = shop()
    const { container, services } = renderConsumer(<Index />, http)
    await waitFor(() => expect(container.querySelector('#item-pearl-milk-tea')).not.toBeNull())
    fireEvent.click(container.querySelector('#item-pearl-milk-tea')!)
    await waitFor(() => expect(text(container, '#picker-price')).toBe('¥12.00'))
    fireEvent.click(container.querySelector('#sku-pearl-milk-tea-l')!)
    fireEvent.click(container.querySelector('#opt-toppings-pearl')!)
    fireEvent.click(container.querySelector('#picker-inc')!)
    await waitFor(() => expect(text(container, '#picker-price')).toBe('¥34.00'))
    expect(text(container, '#picker-detail')).toBe('大杯 · 五分糖 · 珍珠')
    fireEvent.click(container.querySelector('#picker-add')!)
    await waitFor(() => expect(text(container, '#cart-count')).toBe('2'))
    expect(text(container, '#cart-estimate')).toBe('¥34.00')
    expect(services.cart.getState().lines[0]).toMatchObject({ skuId: 'pearl-milk-tea-l', quantity: 2 })
    expect(container.querySelector('#option-sheet')).toBeNull()
    fireEvent.click(container.querySelector('#go-cart')!)
    expect(vi.mocked(Taro.navigateTo).mock.calls.at(-1)?.[0].url).toBe('/pages/cart/index?storeId=tea-01')
  })

  it('marks what sells out while the menu is open', async () => {
    let soldOut = { items: [] as string[], skus: [] as string[], options: [] as string[] }
    const { http } = shop({ 'GET /api/stores/tea-01/menu': () => ({ status: 200, data: { ...MENU_ANSWER, soldOut } }) })
    const { container, queryClient } = renderConsumer(<Index />, http)
    await waitFor(() => expect(container.querySelector('#item-taro-boba')).not.toBeNull())
    expect(container.querySelector('#soldout-taro-boba')).toBeNull()
    soldOut = { items: ['taro-boba'], skus: [], options: ['pearl'] }
    await act(() => queryClient.refetchQueries({ queryKey: ['menu'] }))
    await waitFor(() => expect(text(container, '#soldout-taro-boba')).toBe('已售罄'))
    fireEvent.click(container.querySelector('#item-pearl-milk-tea')!)
    await waitFor(() => expect(text(container, '#opt-toppings-pearl')).toContain('售罄'))
    fireEvent.click(container.querySelector('#opt-toppings-pearl')!)
    expect(container.querySelector('#opt-toppings-pearl')?.className).not.toContain('chip--on')
  })

  it('follows the live sold-out feed without waiting for the menu refresh', async () => {
    const { http } = shop()
    let push: (marks: { items: string[]; skus: string[]; options: string[]; etag: string }) => void = () => {}
    const services = testServices(http, {
      followSoldOut: (storeId, onMarks) => {
        expect(storeId).toBe('tea-01')
        push = onMarks
        return () => {}
      },
    })
    const { container } = renderConsumer(<Index />, http, services)
    await waitFor(() => expect(container.querySelector('#item-taro-boba')).not.toBeNull())
    expect(container.querySelector('#soldout-taro-boba')).toBeNull()
    act(() => push({ items: ['taro-boba'], skus: [], options: [], etag: 'e2' }))
    await waitFor(() => expect(text(container, '#soldout-taro-boba')).toBe('已售罄'))
  })

  it('shows an error with 重试 instead of a blank page when the menu cannot load', async () => {
    let fail = true
    const { http } = shop({
      'GET /api/stores/tea-01/menu': () =>
        fail
          ? { status: 503, data: { error: { code: 'UNAVAILABLE', message: 'down' } } }
          : { status: 200, data: MENU_ANSWER },
    })
    const { container } = renderConsumer(<Index />, http)
    await waitFor(() => expect(container.querySelector('#menu-error')).not.toBeNull())
    fail = false
    fireEvent.click(container.querySelector('#menu-error .state__retry')!)
    await waitFor(() => expect(container.querySelector('#item-pearl-milk-tea')).not.toBeNull())
  })
})

describe('store home: the status line and the other entries', () => {
  it('shows 加载中… and then the health answer from GET /healthz', async () => {
    let answer: (data: unknown) => void = () => {}
    const { http: base } = shop()
    const http: HttpClient = {
      request: (req) =>
        req.path === '/healthz'
          ? new Promise((resolve) => {
              answer = (data) => resolve({ status: 200, data })
            })
          : base.request(req),
    }
    const { container } = renderConsumer(<Index />, http)
    expect(text(container, '#health-loading')).toBe('加载中…')
    expect(container.querySelector('#health-loading')?.tagName.toLowerCase()).toBe('taro-text-core')
    await waitFor(() => expect(container.querySelector('#health-loading')).not.toBeNull())
    answer(HEALTH)
    await waitFor(() => expect(text(container, '#health-status')).toBe('ok'))
    expect(text(container, '#health-db')).toBe('pglite')
    expect(text(container, '#health-version')).toBe('0.1.0')
    expect(container.querySelector('#health-loading')).toBeNull()
  })

  it('shows 连接失败 when the BFF does not answer, and recovers on 重试', async () => {
    let refuse = true
    const { http } = shop({
      'GET /healthz': () => {
        if (refuse) throw new Error('request failed: net::ERR_CONNECTION_REFUSED')
        return { status: 200, data: { ok: true, db: 'postgres', version: '0.1.0' } }
      },
    })
    const { container } = renderConsumer(<Index />, http)
    await waitFor(() => expect(text(container, '#health-error')).toBe('连接失败'))
    refuse = false
    fireEvent.click(container.querySelector('#health-retry')!)
    await waitFor(() => expect(text(container, '#health-db')).toBe('postgres'))
  })

  it('opens the staff board, the owner dashboard and the consumer entries', async () => {
    const { http } = shop()
    const { container } = renderConsumer(<Index />, http)
    await waitFor(() => expect(container.querySelector('#item-pearl-milk-tea')).not.toBeNull())
    for (const id of ['#go-staff', '#go-owner', '#go-orders', '#go-booking', '#go-passes', '#go-group'])
      fireEvent.click(container.querySelector(id)!)
    expect(vi.mocked(Taro.navigateTo).mock.calls.map(([options]) => options.url)).toEqual([
      '/staff/pages/board/index',
      '/owner/pages/dashboard/index',
      '/pages/orders/index?storeId=tea-01',
      '/consumer/pages/booking/index?storeId=tea-01',
      '/consumer/pages/passes/index?storeId=tea-01',
      '/pages/group/index?storeId=tea-01',
    ])
  })
})
