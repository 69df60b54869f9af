/**
 * What the channel routes need from the rest of the BFF. The skeleton (config, database, ingest) implements
 * this interface; route tests pass a fake whose `ingest` records the commands.
 */
import type { KeyObject } from 'node:crypto'
import type { ChannelCommand } from '../ingest/command'

/** A value or a promise of it: config lookups are synchronous today, database lookups may not be. */
export type MaybePromise<T> = T | Promise<T>

/** One store's Meituan Waimai credentials, as configured in `STORES_FILE`. */
export interface MeituanStore {
  storeId: string
  appId: string
  /** Never logged, never put in an error message. */
  appSecret: string
  appPoiCode: string
  /**
   * Scheme + host (+ optional path prefix) Meituan calls, e.g. `https://shop.example.com`. The signed URL is this
   * plus the request path, so it must be what is registered in the Meituan console, not what a proxy forwards.
   */
  publicBaseUrl: string
  /** When set, pushes whose `timestamp` is this many seconds or more away from now are rejected (off by default). */
  maxSkewSeconds?: number
}

/** One WeChat Pay merchant account of a store, selected by the `Wechatpay-Serial` that signed a notification. */
export interface WechatpayMerchant {
  storeId: string
  mchid: string
  appid: string
  /** The 32-byte APIv3 key. Never logged, never put in an error message. */
  apiV3Key: string
  /** The platform public key named by the serial, parsed once (see `WechatpayMerchantDirectory`). */
  publicKey: KeyObject
}

/** Store lookups the channel routes need. */
export interface ChannelStores {
  /** The store bound to a Meituan `app_poi_code` (order pushes carry it). */
  byMeituanAppPoiCode(appPoiCode: string): MaybePromise<MeituanStore | undefined>
  /**
   * The store of a Meituan `app_id`, for pushes without `app_poi_code` (cancel, refund, delivery). When one
   * developer app serves several stores, the implementation decides (for example by the order id's store).
   */
  byMeituanAppId(appId: string, orderId: string | undefined): MaybePromise<MeituanStore | undefined>
  /** The store's menu codes: Meituan `app_food_code` → the store's SKU id. */
  meituanMenu(storeId: string): MaybePromise<ReadonlyMap<string, string>>
  /**
   * The merchant whose platform key carries this `Wechatpay-Serial` (certificate serial, any case, or
   * `PUB_KEY_ID_…`). The serial is the only cleartext hint of the merchant: `mchid` is inside the encrypted resource.
   */
  byWechatpaySerial(serial: string): MaybePromise<WechatpayMerchant | undefined>
}

/** The subset of pino's logger the channels use; a pino `Logger` satisfies it. */
export interface ChannelLog {
  info(obj: object, msg?: string): void
  warn(obj: object, msg?: string): void
  error(obj: object, msg?: string): void
}

/** Dependencies of `meituanRoutes` and `wechatpayRoutes`. */
export interface ChannelDeps {
  stores: ChannelStores
  /** Appends the command in one transaction; resolves only after commit. */
  ingest(command: ChannelCommand): Promise<{ duplicate: boolean }>
  /** Epoch milliseconds. */
  now(): number
  log: ChannelLog
  /** Largest accepted webhook body in bytes; larger ones get 413. Defaults to 64 KiB. */
  maxBodyBytes?: number
  /**
   * Claims a verified WeChat Pay nonce for every process sharing the database: false when another process
   * (or this one) claimed it and it has not expired. Unset with one process, whose own cache is enough.
   */
  claimNonce?(nonce: string, expiresAtMs: number, nowMs: number): Promise<boolean>
}

/** The default webhook body limit (the design's 64 KB). */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024
