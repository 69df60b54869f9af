import Taro, { useRouter } from '@tarojs/taro'

/** Builds a page URL with query parameters. */
export function pageUrl(path: string, params: Readonly<Record<string, string | undefined>> = {}): string {
  const query = Object.entries(params)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&')
  return query === '' ? path : `${path}?${query}`
}

export const go = (path: string, params?: Readonly<Record<string, string | undefined>>) =>
  Taro.navigateTo({ url: pageUrl(path, params) })

/** Replaces the current page (the payment page gives way to the order page). */
export const replace = (path: string, params?: Readonly<Record<string, string | undefined>>) =>
  Taro.redirectTo({ url: pageUrl(path, params) })

/** The current page's query parameters, decoded. */
export function usePageParams(): Record<string, string> {
  const params = useRouter().params
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(params)) if (typeof v === 'string') out[k] = decodeURIComponent(v)
  return out
}

export const PAGES = {
  home: '/pages/index/index',
  cart: '/pages/cart/index',
  pay: '/pages/pay/index',
  order: '/pages/order/index',
  orders: '/pages/orders/index',
  group: '/pages/group/index',
  booking: '/consumer/pages/booking/index',
  passes: '/consumer/pages/passes/index',
  groupCart: '/consumer/pages/group-cart/index',
} as const
