import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { Hono } from 'hono'
import type { AuthEnv } from '../auth/middleware'
import { signJsapiPayment } from '../channels/wechatpay/jsapi'
import type { Store } from '../config/stores'
import { AppError } from '../http/errors'
import type { Services } from '../services'
import { PlatformSimulator, type PlatformRequest, SIMULATOR_KEYS_FILE } from '../simulator/platform'
import { ownedOrder } from './consumer-routes'

/** Hands a platform request to the app's own WeChat Pay route (`app.request`), so verify and decrypt really run. */
export type DeliverToSelf = (req: PlatformRequest) => Promise<Response>

/**
 * Paying for an order from the mini-program:
 *
 * - `POST …/orders/:orderId/sandbox-pay` (h5 demo): the BFF plays WeChat Pay and sends itself the real,
 *   signed and encrypted TRANSACTION.SUCCESS notification for the stored order's amount. It goes through
 *   the same notify route, verification, decryption and ingest as a real one; nothing is marked paid any
 *   other way. Refused for stores without a WeChat Pay merchant.
 * - `POST …/orders/:orderId/jsapi` (weapp): the `wx.requestPayment` parameters, signed by the BFF. The demo
 *   has no WeChat Pay account to create a prepay order with, so the prepay id is made up and the merchant
 *   key is the simulator's demo key (`bff/config/simulator.demo.json`); a real deployment signs with its
 *   own `apiclient_key.pem` after calling `/v3/pay/transactions/jsapi`.
 */
export function sandboxPayRoutes(s: Services, deliver: DeliverToSelf) {
  let simulator: PlatformSimulator | undefined
  return new Hono<AuthEnv>()
    .post('/:storeId/orders/:orderId/sandbox-pay', async (c) => {
      const storeId = c.req.param('storeId')
      const store = payingStore(s, storeId)
      const { order } = await ownedOrder(s.db, c.get('principal'), storeId, c.req.param('orderId'))
      if (order.payment !== 'unpaid') return c.json({ order, alreadyPaid: true })
      if (order.fulfilment === 'cancelled') throw new AppError('CONFLICT', '订单已取消, 不能支付')
      simulator ??= new PlatformSimulator(s.stores)
      const notification = simulator.wechatPaid(store.id, order.id, order.amounts.totalFen, {
        // One transaction id per order: paying twice is the same payment, deduplicated by the ingest path.
        transactionId: sandboxTransactionId(order.id),
        nowMs: s.now(),
      })
      const res = await deliver(notification)
      if (!res.ok) {
        throw new AppError('UNAVAILABLE', `the payment notification was refused (${res.status})`, {
          notify: await res.text(),
        })
      }
      const paid = await ownedOrder(s.db, c.get('principal'), storeId, order.id)
      return c.json({ order: paid.order, alreadyPaid: false })
    })
    .post('/:storeId/orders/:orderId/jsapi', async (c) => {
      const storeId = c.req.param('storeId')
      const store = payingStore(s, storeId)
      const { order } = await ownedOrder(s.db, c.get('principal'), storeId, c.req.param('orderId'))
      if (order.payment !== 'unpaid') throw new AppError('CONFLICT', '订单已支付')
      const params = signJsapiPayment({
        appId: store.wechatpay?.appid ?? '',
        prepayId: `wx${createHash('sha256').update(`${store.id}:${order.id}`).digest('hex').slice(0, 30)}`,
        privateKey: demoMerchantKey(),
        nowMs: s.now(),
      })
      return c.json({ params, amountFen: order.amounts.totalFen })
    })
}

function payingStore(s: Services, storeId: string): Store {
  const store = s.stores.byId(storeId)
  if (!store) throw new AppError('NOT_FOUND', `no store ${storeId}`)
  if (!store.wechatpay) throw new AppError('CONFLICT', '该门店未开通微信支付')
  return store
}

/** A 28-digit WeChat-style transaction id derived from the order id. */
export function sandboxTransactionId(orderId: string): string {
  const digest = createHash('sha256').update(orderId).digest()
  let digits = ''
  for (const byte of digest) digits += String(byte % 10)
  return `4200${digits.slice(0, 24)}`
}

let merchantKey: string | undefined
function demoMerchantKey(): string {
  if (merchantKey === undefined) {
    const keys = JSON.parse(readFileSync(SIMULATOR_KEYS_FILE, 'utf8')).wechatpayPlatformKeys as Record<string, string>
    const first = Object.values(keys)[0]
    if (!first) throw new AppError('UNAVAILABLE', 'no demo merchant key')
    merchantKey = first
  }
  return merchantKey
}
