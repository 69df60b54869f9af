import { readFileSync } from 'node:fs'
import path from 'node:path'
import {
  meituanCancelFields,
  meituanDeliveryFields,
  meituanOrderFields,
  meituanRefundFields,
  type SimulatedItem,
  simulateMeituanPush,
} from '../channels/meituan/simulate'
import type { MeituanPushType } from '../channels/meituan/push-types'
import { refundResource, simulateWechatpayNotification, transactionResource } from '../channels/wechatpay/simulate'
import type { Store, StoreDirectory } from '../config/stores'

/** One HTTP request the platform would send: POST `path` with these headers and body. */
export interface PlatformRequest {
  path: string
  headers: Record<string, string>
  body: string
}

/** The demo platform keys (public test material) the simulator signs WeChat Pay notifications with. */
export const SIMULATOR_KEYS_FILE = path.resolve(import.meta.dirname, '../../config/simulator.demo.json')

/**
 * Meituan and WeChat Pay as seen from the shop: builds real-format, really signed pushes and notifications
 * for a store of the stores file. Used by `npm run simulate`, the h5 sandbox payment, the tests and the
 * benchmarks.
 */
export class PlatformSimulator {
  readonly #stores: StoreDirectory
  readonly #wechatKeys: Record<string, string>
  #seq = 0

  constructor(stores: StoreDirectory, keysFile = SIMULATOR_KEYS_FILE) {
    this.#stores = stores
    this.#wechatKeys = JSON.parse(readFileSync(keysFile, 'utf8')).wechatpayPlatformKeys
  }

  /** A Meituan push of `pushType` with these business fields, signed for the store. */
  meituan(
    storeId: string,
    pushType: MeituanPushType,
    fields: Record<string, string>,
    nowMs = Date.now(),
  ): PlatformRequest {
    const mt = this.#store(storeId).meituan
    if (!mt) throw new Error(`store ${storeId} has no Meituan credentials`)
    const push = simulateMeituanPush({
      pushType,
      publicBaseUrl: mt.publicBaseUrl,
      appId: mt.appId,
      appSecret: mt.appSecret,
      timestampSec: Math.floor(nowMs / 1000),
      fields,
    })
    return { path: push.path, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: push.body }
  }

  /** A paid Meituan order (推送已支付订单). */
  meituanOrder(
    storeId: string,
    opts: { orderId?: string; daySeq?: number; items?: SimulatedItem[]; nowMs?: number } = {},
  ): PlatformRequest & { orderId: string } {
    const nowMs = opts.nowMs ?? Date.now()
    const store = this.#store(storeId)
    this.#seq++
    const orderId = opts.orderId ?? `${Math.floor(nowMs / 1000)}${String(this.#seq).padStart(5, '0')}`
    const fields = meituanOrderFields({
      orderId,
      appPoiCode: store.meituan?.appPoiCode ?? '',
      daySeq: opts.daySeq ?? this.#seq,
      items: opts.items ?? [
        { code: 'mt-pearl-l', name: '珍珠奶茶(大杯)', quantity: 1, priceYuan: '15', property: '五分糖,少冰' },
        { code: 'mt-mango-l', name: '杨枝甘露(大杯)', quantity: 1, priceYuan: '22' },
      ],
      shippingFeeYuan: '3',
      ctimeSec: Math.floor(nowMs / 1000),
      status: 2,
      recipientName: '王先生',
      recipientPhone: '13651187030',
      recipientAddress: '人民路 88 号 3 单元',
    })
    return { ...this.meituan(storeId, 'order-paid', fields, nowMs), orderId }
  }

  meituanCancel(storeId: string, orderId: string, nowMs = Date.now()): PlatformRequest {
    return this.meituan(storeId, 'order-cancelled', meituanCancelFields(orderId), nowMs)
  }

  meituanRefund(
    storeId: string,
    orderId: string,
    refundId: string,
    notifyType: 'apply' | 'agree',
    nowMs = Date.now(),
  ): PlatformRequest {
    const fields = meituanRefundFields({
      orderId,
      refundId,
      notifyType,
      ctimeSec: Math.floor(nowMs / 1000),
      reason: '商品洒了',
    })
    return this.meituan(storeId, 'refund-full', fields, nowMs)
  }

  meituanDelivered(storeId: string, orderId: string, nowMs = Date.now()): PlatformRequest {
    const fields = meituanDeliveryFields({
      orderId,
      logisticsStatus: 40,
      timeSec: Math.floor(nowMs / 1000),
      riderName: '张师傅',
      riderPhone: '13800001234',
    })
    return this.meituan(storeId, 'delivery-status', fields, nowMs)
  }

  /** WeChat Pay's TRANSACTION.SUCCESS for our order `outTradeNo`. */
  wechatPaid(
    storeId: string,
    outTradeNo: string,
    amountFen: number,
    opts: { transactionId?: string; nowMs?: number } = {},
  ): PlatformRequest {
    const nowMs = opts.nowMs ?? Date.now()
    const { wx, serial } = this.#wechat(storeId)
    const n = simulateWechatpayNotification({
      privateKey: this.#wechatKeys[serial] as string,
      serial,
      apiV3Key: wx.apiV3Key,
      eventType: 'TRANSACTION.SUCCESS',
      originalType: 'transaction',
      resource: transactionResource({
        mchid: wx.mchid,
        appid: wx.appid,
        outTradeNo,
        amountFen,
        successTimeMs: nowMs,
        ...(opts.transactionId ? { transactionId: opts.transactionId } : {}),
      }),
      nowMs,
    })
    return { path: '/channels/wechatpay/notify', headers: n.headers, body: n.body }
  }

  /** WeChat Pay's REFUND.SUCCESS for our order `outTradeNo`. */
  wechatRefunded(
    storeId: string,
    outTradeNo: string,
    outRefundNo: string,
    refundFen: number,
    totalFen: number,
    nowMs = Date.now(),
  ): PlatformRequest {
    const { wx, serial } = this.#wechat(storeId)
    const n = simulateWechatpayNotification({
      privateKey: this.#wechatKeys[serial] as string,
      serial,
      apiV3Key: wx.apiV3Key,
      eventType: 'REFUND.SUCCESS',
      originalType: 'refund',
      resource: refundResource({
        mchid: wx.mchid,
        outTradeNo,
        outRefundNo,
        refundFen,
        totalFen,
        status: 'SUCCESS',
        successTimeMs: nowMs,
      }),
      nowMs,
    })
    return { path: '/channels/wechatpay/notify', headers: n.headers, body: n.body }
  }

  #store(storeId: string): Store {
    const s = this.#stores.byId(storeId)
    if (!s) throw new Error(`unknown store ${storeId}`)
    return s
  }

  #wechat(storeId: string) {
    const s = this.#store(storeId)
    const wx = s.wechatpay
    const serial = Object.keys(wx?.platformKeys ?? {}).find((k) => this.#wechatKeys[k])
    if (!wx || !serial) throw new Error(`store ${storeId} has no WeChat Pay merchant the simulator holds a key for`)
    return { wx, serial }
  }
}

/** Sends one platform request to a running BFF; returns the status and body text. */
export async function send(baseUrl: string, req: PlatformRequest): Promise<{ status: number; text: string }> {
  const res = await fetch(baseUrl + req.path, { method: 'POST', headers: req.headers, body: req.body })
  return { status: res.status, text: await res.text() }
}
