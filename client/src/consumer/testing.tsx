/**
 * Test helpers for the consumer pages (not part of the app): a scripted http adapter, in-memory storage
 * and the providers the pages need, wired to the real consumer services.
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { render } from '@testing-library/react'
import type { ReactNode } from 'react'
import { ApiProvider } from '@/app/api-context'
import { createApi } from '@/core/api'
import type { HttpClient, HttpRequest, HttpResponse } from '@/platform/http'
import type { KeyValueStorage } from '@/platform/storage'
import type { OpenStream, StreamOptions } from '@/platform/stream'
import { createConsumerApi } from './api'
import { createConsumerAuth } from './auth'
import { createCartStore } from './cart-store'
import { createCheckout } from './checkout'
import { ConsumerProvider } from './hooks'
import type { ConsumerServices } from './services'

type Handler = (req: HttpRequest) => HttpResponse | Promise<HttpResponse>

/** An http adapter answering `"METHOD /path"` keys (query strings ignored); anything else is a 404. */
export function scriptedHttp(routes: Record<string, Handler | HttpResponse>) {
  const requests: HttpRequest[] = []
  const http: HttpClient = {
    async request(req) {
      requests.push(req)
      const key = `${req.method ?? 'GET'} ${req.path.split('?')[0]}`
      const route = routes[key]
      if (route === undefined) return { status: 404, data: { error: { code: 'NOT_FOUND', message: key } } }
      return typeof route === 'function' ? route(req) : route
    },
  }
  return { http, requests }
}

export function memoryStorage(): KeyValueStorage {
  const map = new Map<string, string>()
  return {
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  }
}

/** A stream adapter the test drives: `emit` delivers a frame to every open stream. */
export function fakeStreams() {
  const open: StreamOptions[] = []
  const openStream: OpenStream = (options) => {
    open.push(options)
    options.onStatus?.('open')
    return {
      close() {
        const i = open.indexOf(options)
        if (i >= 0) open.splice(i, 1)
      },
    }
  }
  return {
    openStream,
    open,
    emit(data: unknown) {
      for (const o of [...open]) o.onEvent({ id: undefined, data: JSON.stringify(data) })
    },
  }
}

export function testServices(http: HttpClient, extra: Partial<ConsumerServices> = {}): ConsumerServices {
  const storage = memoryStorage()
  const api = createConsumerApi(http, createConsumerAuth({ http, storage, loginCode: async () => 'test-code' }))
  let n = 0
  return {
    api,
    cart: createCartStore(storage),
    checkout: createCheckout({
      api,
      paymentMode: 'sandbox',
      requestPayment: async () => {},
      newOrderId: () => `order${String(++n).padStart(10, '0')}`,
    }),
    baseUrl: '',
    openStream: fakeStreams().openStream,
    followSoldOut: () => () => {},
    ...extra,
  }
}

export function renderConsumer(ui: ReactNode, http: HttpClient, services: ConsumerServices = testServices(http)) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  const result = render(
    <QueryClientProvider client={queryClient}>
      <ApiProvider api={createApi(http)}>
        <ConsumerProvider services={services}>{ui}</ConsumerProvider>
      </ApiProvider>
    </QueryClientProvider>,
  )
  return { ...result, services, queryClient }
}

export const text = (container: HTMLElement, selector: string) => container.querySelector(selector)?.textContent?.trim()
