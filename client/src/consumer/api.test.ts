import { describe, expect, it } from 'vitest'
import { ApiError, createConsumerApi, errorText } from './api'
import { createConsumerAuth, TOKEN_KEY } from './auth'
import { MENU_ANSWER, orderBody } from './fixtures'
import { memoryStorage, scriptedHttp } from './testing'

describe('consumer API', () => {
  it('signs in once for concurrent calls, and again when the BFF refuses the kept token', async () => {
    let logins = 0
    let accept = 'tok-1'
    const { http, requests } = scriptedHttp({
      'POST /api/auth/consumer': () => ({ status: 200, data: { token: `tok-${++logins}`, openid: 'o1' } }),
      'GET /api/stores/tea-01/my-orders': (req) =>
        req.headers?.authorization === `Bearer ${accept}`
          ? { status: 200, data: { orders: [orderBody()] } }
          : { status: 401, data: { error: { code: 'UNAUTHENTICATED', message: 'sign in first' } } },
    })
    const storage = memoryStorage()
    const api = createConsumerApi(http, createConsumerAuth({ http, storage, loginCode: async () => 'code-1' }))
    const [a, b] = await Promise.all([api.myOrders('tea-01'), api.myOrders('tea-01')])
    expect(a).toHaveLength(1)
    expect(b[0]?.pickupNumber).toBe(7)
    expect(logins).toBe(1)
    accept = 'tok-2'
    await api.myOrders('tea-01')
    expect(logins).toBe(2)
    expect(storage.getItem(TOKEN_KEY)).toBe('tok-2')
    expect(requests.filter((r) => r.path === '/api/auth/consumer')[0]?.body).toEqual({ code: 'code-1' })
  })

  it('parses answers with the shared schemas and turns bad ones into errors', async () => {
    const { http } = scriptedHttp({
      'GET /api/stores/tea-01/menu': { status: 200, data: MENU_ANSWER },
      'GET /api/stores/bad/menu': { status: 200, data: { menu: 'nope' } },
      'POST /api/stores/tea-01/cart/price': {
        status: 422,
        data: { error: { code: 'SOLD_OUT', message: '珍珠奶茶 已售罄' } },
      },
    })
    const api = createConsumerApi(
      http,
      createConsumerAuth({ http, storage: memoryStorage(), loginCode: async () => 'c' }),
    )
    expect((await api.menu('tea-01')).menu.categories[0]?.items[0]?.name).toBe('珍珠奶茶')
    await expect(api.menu('bad')).rejects.toMatchObject({ code: 'BAD_RESPONSE' })
    const refused = await api.price('tea-01', { lines: [] }).catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(ApiError)
    expect(errorText(refused)).toBe('珍珠奶茶 已售罄')
    expect(errorText(new Error('request failed: net::ERR_CONNECTION_REFUSED'))).toBe('网络连接失败, 请检查网络后重试')
  })
})
