import {
  ErrorResponse,
  MenuResponse,
  type PlaceOrderRequest,
  type PriceCartRequest,
  PricedCartResponse,
  ReplicatedOrder,
  StoreSummary,
} from '@xiaodian/shared'
import { ApiError } from '@/core/api'
import type { HttpClient, HttpRequest, HttpResponse } from '@/platform/http'
import type { JsapiPayment } from '@/platform/payment'
import type { ConsumerAuth } from './auth'

export { ApiError }

/** An order as the consumer API sends it (the shared replicated-order schema). */
export type OrderView = ReturnType<typeof ReplicatedOrder.parse>

/** A schema the answers are parsed with: the zod schemas of `@xiaodian/shared` fit. */
interface Parser<T> {
  safeParse(data: unknown): { success: true; data: T } | { success: false }
}

/** The BFF as the consumer pages see it. Every answer is parsed with the shared schemas. */
export interface ConsumerApi {
  stores(signal?: AbortSignal): Promise<StoreSummary[]>
  menu(storeId: string, signal?: AbortSignal): Promise<MenuResponse>
  price(storeId: string, body: PriceCartRequest, signal?: AbortSignal): Promise<PricedCartResponse>
  placeOrder(storeId: string, body: PlaceOrderRequest): Promise<OrderView>
  myOrders(storeId: string, signal?: AbortSignal): Promise<OrderView[]>
  myOrder(storeId: string, orderId: string, signal?: AbortSignal): Promise<OrderView>
  /** h5 demo: the BFF sends itself WeChat Pay's signed notification for the order. */
  sandboxPay(storeId: string, orderId: string): Promise<OrderView>
  /** weapp: the signed `wx.requestPayment` parameters of an unpaid order. */
  jsapiPayment(storeId: string, orderId: string): Promise<JsapiPayment>
  /** The consumer token, signing in first when there is none (streams carry it in the URL). */
  token(): Promise<string>
  /** The signed-in consumer's openid. */
  openid(): Promise<string>
  /** Any authenticated call, parsed with `schema`. Booking, passes and group carts use it. */
  call<T>(req: HttpRequest, schema: Parser<T>): Promise<T>
}

const StoresAnswer = { safeParse: listOf('stores', StoreSummary) }
const OrderAnswer = { safeParse: fieldOf('order', ReplicatedOrder) }
const OrdersAnswer = { safeParse: listOf('orders', ReplicatedOrder) }
const JsapiAnswer: Parser<JsapiPayment> = {
  safeParse(data) {
    const params = (data as { params?: Record<string, unknown> } | null)?.params
    const ok =
      params !== undefined &&
      ['timeStamp', 'nonceStr', 'package', 'paySign'].every((k) => typeof params[k] === 'string') &&
      params.signType === 'RSA'
    return ok ? { success: true, data: params as unknown as JsapiPayment } : { success: false }
  },
}

export function createConsumerApi(http: HttpClient, auth: ConsumerAuth): ConsumerApi {
  const publicCall = async <T>(req: HttpRequest, schema: Parser<T>): Promise<T> =>
    parse(await http.request(req), schema)

  const call = async <T>(req: HttpRequest, schema: Parser<T>): Promise<T> => {
    const send = async () => {
      const token = await auth.token()
      return http.request({ ...req, headers: { ...req.headers, authorization: `Bearer ${token}` } })
    }
    let res = await send()
    // A token from an earlier BFF secret or an expired one: sign in again, once.
    if (res.status === 401) {
      auth.invalidate()
      res = await send()
    }
    return parse(res, schema)
  }

  const store = (storeId: string) => `/api/stores/${encodeURIComponent(storeId)}`
  const opt = (signal: AbortSignal | undefined) => (signal ? { signal } : {})

  return {
    stores: (signal) => publicCall({ path: '/api/stores', ...opt(signal) }, StoresAnswer),
    menu: (storeId, signal) => publicCall({ path: `${store(storeId)}/menu`, ...opt(signal) }, MenuResponse),
    price: (storeId, body, signal) =>
      publicCall({ method: 'POST', path: `${store(storeId)}/cart/price`, body, ...opt(signal) }, PricedCartResponse),
    placeOrder: (storeId, body) => call({ method: 'POST', path: `${store(storeId)}/orders`, body }, OrderAnswer),
    myOrders: (storeId, signal) => call({ path: `${store(storeId)}/my-orders`, ...opt(signal) }, OrdersAnswer),
    myOrder: (storeId, orderId, signal) =>
      call({ path: `${store(storeId)}/my-orders/${encodeURIComponent(orderId)}`, ...opt(signal) }, OrderAnswer),
    sandboxPay: (storeId, orderId) =>
      call(
        { method: 'POST', path: `${store(storeId)}/orders/${encodeURIComponent(orderId)}/sandbox-pay`, body: {} },
        OrderAnswer,
      ),
    jsapiPayment: (storeId, orderId) =>
      call(
        { method: 'POST', path: `${store(storeId)}/orders/${encodeURIComponent(orderId)}/jsapi`, body: {} },
        JsapiAnswer,
      ),
    token: () => auth.token(),
    openid: () => auth.openid(),
    call,
  }
}

function parse<T>(res: HttpResponse, schema: Parser<T>): T {
  if (res.status >= 200 && res.status < 300) {
    const parsed = schema.safeParse(res.data)
    if (parsed.success) return parsed.data
  }
  throw toError(res)
}

/** An ApiError that keeps the answer's body, for errors that carry more (409 SLOT_TAKEN lists the nearest slots). */
export class ConsumerApiError extends ApiError {
  constructor(
    status: number,
    code: string,
    message: string,
    readonly data: unknown,
  ) {
    super(status, code, message)
  }
}

/** The BFF's `{ error: { code, message } }` as an ApiError, or the bare status. */
export function toError(res: HttpResponse): ApiError {
  const body = ErrorResponse.safeParse(res.data)
  if (body.success) return new ConsumerApiError(res.status, body.data.error.code, body.data.error.message, res.data)
  if (res.status >= 200 && res.status < 300) {
    return new ApiError(res.status, 'BAD_RESPONSE', 'the server answered in an unexpected shape')
  }
  return new ApiError(res.status, `HTTP_${res.status}`, `the server answered ${res.status}`)
}

function fieldOf<T>(key: string, schema: Parser<T>) {
  return (data: unknown): { success: true; data: T } | { success: false } => {
    if (typeof data !== 'object' || data === null) return { success: false }
    return schema.safeParse((data as Record<string, unknown>)[key])
  }
}

function listOf<T>(key: string, schema: Parser<T>) {
  return (data: unknown): { success: true; data: T[] } | { success: false } => {
    const list = typeof data === 'object' && data !== null ? (data as Record<string, unknown>)[key] : undefined
    if (!Array.isArray(list)) return { success: false }
    const out: T[] = []
    for (const entry of list) {
      const parsed = schema.safeParse(entry)
      if (!parsed.success) return { success: false }
      out.push(parsed.data)
    }
    return { success: true, data: out }
  }
}

/** A short Chinese message for an error a page shows. */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 0 || error.code.startsWith('HTTP_5')) return '服务暂时不可用, 请稍后重试'
    return error.message
  }
  const message = error instanceof Error ? error.message : String(error)
  if (/timed out|request failed|Failed to fetch|NetworkError|ERR_/i.test(message))
    return '网络连接失败, 请检查网络后重试'
  return message
}
