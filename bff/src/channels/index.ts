/** The channel adapters' public entry: the route factories and what they need. */
export type { ChannelDeps, ChannelStores, MeituanStore, WechatpayMerchant } from './deps'
export { meituanRoutes } from './meituan/routes'
export { WECHATPAY_BASE_PATH, wechatpayRoutes } from './wechatpay/routes'
