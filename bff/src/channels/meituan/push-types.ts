/**
 * The push types Meituan Waimai registers one URL for each, as path segments of `/channels/meituan/:pushType`.
 * Register `<publicBaseUrl>/channels/meituan/<segment>` in the Meituan console for each.
 */
export const MEITUAN_PUSH_TYPES = {
  /** 推送已支付订单: a new order the customer has paid. */
  'order-paid': 'order-paid',
  /** 推送已确认订单: the merchant accepted the order. */
  'order-confirmed': 'order-confirmed',
  /** 推送已完成订单: the order is finished. */
  'order-completed': 'order-completed',
  /** 推送订单取消: the order was cancelled (by the user, the merchant, customer service or the system). */
  'order-cancelled': 'order-cancelled',
  /** 推送全额退款: a full refund was requested, agreed, rejected or withdrawn. */
  'refund-full': 'refund-full',
  /** 推送部分退款: a partial refund was requested, agreed, rejected or withdrawn. */
  'refund-partial': 'refund-partial',
  /** 推送退款状态: the refund's money movement succeeded or failed. */
  'refund-status': 'refund-status',
  /** 推送配送状态 (美团配送): rider assigned, at the store, picked up, delivered, cancelled. */
  'delivery-status': 'delivery-status',
} as const

/** A push type path segment. */
export type MeituanPushType = keyof typeof MEITUAN_PUSH_TYPES

/** Whether a path segment names a push type. */
export function isMeituanPushType(segment: string): segment is MeituanPushType {
  return Object.hasOwn(MEITUAN_PUSH_TYPES, segment)
}

/** Where the sub-app is mounted: `app.route(MEITUAN_BASE_PATH, meituanRoutes(deps))`. */
export const MEITUAN_BASE_PATH = '/channels/meituan'
