/**
 * The platform side of Meituan Waimai pushes, for the simulator, the demo and tests: build the fields of each
 * push type, sign them, and encode the body exactly as Meituan does (text fields encoded twice, Java style).
 */
import { isDoubleEncoded, javaUrlEncode } from './encoding'
import { MEITUAN_BASE_PATH, type MeituanPushType } from './push-types'
import { meituanSig } from './sign'
import { yuanToFen } from './yuan'

/** A signed push, ready to POST as `application/x-www-form-urlencoded`. */
export interface SimulatedMeituanPush {
  /** The request path, `/channels/meituan/<pushType>`. */
  path: string
  /** The signed URL (`publicBaseUrl` + path). */
  url: string
  /** The form body. */
  body: string
  /** Decoded parameters, `sig` included. */
  params: Record<string, string>
}

/** Input of `simulateMeituanPush`. */
export interface SimulateMeituanPushInput {
  pushType: MeituanPushType
  publicBaseUrl: string
  appId: string
  appSecret: string
  timestampSec: number
  /** Decoded business fields (see the `meituan*Fields` builders); `app_id`, `timestamp` and `sig` are added. */
  fields: Readonly<Record<string, string>>
}

/** Signs and encodes one push. */
export function simulateMeituanPush(input: SimulateMeituanPushInput): SimulatedMeituanPush {
  const path = `${MEITUAN_BASE_PATH}/${input.pushType}`
  const url = `${input.publicBaseUrl.replace(/\/+$/, '')}${path}`
  const unsigned: Record<string, string> = {
    ...input.fields,
    app_id: input.appId,
    timestamp: String(input.timestampSec),
  }
  const params = { ...unsigned, sig: meituanSig(url, unsigned, input.appSecret) }
  return { path, url, body: encodeMeituanForm(params), params }
}

/** Encodes decoded params as Meituan puts them on the wire; `parseMeituanForm` inverts it. */
export function encodeMeituanForm(params: Readonly<Record<string, string>>): string {
  return Object.entries(params)
    .map(([name, value]) => {
      const inner = isDoubleEncoded(name, value) ? javaUrlEncode(value) : value
      return `${javaUrlEncode(name)}=${javaUrlEncode(inner)}`
    })
    .join('&')
}

/** One line of a simulated order. */
export interface SimulatedItem {
  code: string
  name: string
  quantity: number
  /** Unit price in yuan, as Meituan writes it: `"0.1"`, `"18"`. */
  priceYuan: string
  spec?: string
  /** Comma-separated properties, e.g. `少糖,去冰`. */
  property?: string
}

/** A simulated order push (paid or confirmed). */
export interface SimulatedOrder {
  orderId: string
  appPoiCode: string
  daySeq: number
  items: SimulatedItem[]
  shippingFeeYuan?: string
  ctimeSec: number
  /** Meituan order status; 2 for a paid push, 4 for a confirmed one. */
  status?: number
  pickup?: boolean
  recipientName?: string
  recipientPhone?: string
  recipientAddress?: string
  caution?: string
}

/** The fields of a 推送已支付订单 / 推送已确认订单 push; `total` and `original_price` are computed. */
export function meituanOrderFields(order: SimulatedOrder): Record<string, string> {
  const shippingFen = fenOf(order.shippingFeeYuan ?? '0')
  const itemsFen = order.items.reduce((sum, item) => sum + fenOf(item.priceYuan) * item.quantity, 0)
  const detail = order.items.map((item) => ({
    app_food_code: item.code,
    box_num: 0,
    box_price: 0,
    food_discount: 1,
    food_name: item.name,
    price: Number(item.priceYuan),
    quantity: item.quantity,
    sku_id: item.code,
    unit: '份',
    ...(item.spec ? { spec: item.spec } : {}),
    ...(item.property ? { food_property: item.property } : {}),
  }))
  return {
    order_id: order.orderId,
    wm_order_id_view: `${order.orderId}0`,
    app_poi_code: order.appPoiCode,
    wm_poi_name: '小店',
    wm_poi_address: '',
    wm_poi_phone: '',
    recipient_name: order.recipientName ?? '顾客 (先生)',
    recipient_phone: order.recipientPhone ?? '13800001234',
    recipient_address: order.recipientAddress ?? '',
    shipping_fee: yuanText(shippingFen),
    total: yuanText(itemsFen + shippingFen),
    original_price: yuanText(itemsFen + shippingFen),
    caution: order.caution ?? '',
    detail: JSON.stringify(detail),
    extras: '[{}]',
    status: String(order.status ?? 2),
    ctime: String(order.ctimeSec),
    utime: String(order.ctimeSec),
    day_seq: String(order.daySeq),
    pick_type: order.pickup ? '1' : '0',
    pay_type: '2',
    delivery_time: '0',
    invoice_title: '',
    poi_receive_detail: '',
  }
}

/** The fields of a 推送订单取消 push. */
export function meituanCancelFields(orderId: string, reason = '用户取消', reasonCode = '1001'): Record<string, string> {
  return { order_id: orderId, reason, reason_code: reasonCode, deal_op_type: '1' }
}

/** The fields of a 推送全额退款 / 推送部分退款 push. */
export function meituanRefundFields(input: {
  orderId: string
  refundId: string
  notifyType: string
  ctimeSec: number
  reason?: string
  moneyYuan?: string
}): Record<string, string> {
  return {
    order_id: input.orderId,
    refund_id: input.refundId,
    notify_type: input.notifyType,
    ctime: String(input.ctimeSec),
    reason: input.reason ?? '',
    ...(input.moneyYuan === undefined ? {} : { money: input.moneyYuan }),
  }
}

/** The fields of a 推送退款状态 push (`refundStatus` 3/4 full, 13/14 partial). */
export function meituanRefundStatusFields(input: {
  orderId: string
  refundId: string
  refundStatus: number
  moneyYuan: string
  ctimeSec: number
}): Record<string, string> {
  return {
    order_id: input.orderId,
    refund_id: input.refundId,
    refund_status: String(input.refundStatus),
    money: input.moneyYuan,
    ctime: String(input.ctimeSec),
    utime: String(input.ctimeSec),
  }
}

/** The fields of a 推送配送状态 push. */
export function meituanDeliveryFields(input: {
  orderId: string
  logisticsStatus: number
  timeSec: number
  riderName?: string
  riderPhone?: string
}): Record<string, string> {
  return {
    order_id: input.orderId,
    logistics_status: String(input.logisticsStatus),
    time: String(input.timeSec),
    dispatcher_name: input.riderName ?? '',
    dispatcher_mobile: input.riderPhone ?? '',
  }
}

function fenOf(yuan: string): number {
  const converted = yuanToFen(yuan)
  if (!converted.ok) throw new RangeError(`simulated amount ${JSON.stringify(yuan)} ${converted.message}`)
  return converted.fen
}

/** Fen as Meituan's yuan text: 910 → `"9.1"`, 900 → `"9.0"`, 1234 → `"12.34"`. */
function yuanText(fen: number): string {
  const cents = fen % 100
  return `${Math.floor(fen / 100)}.${cents === 0 ? '0' : String(cents).padStart(2, '0').replace(/0$/, '')}`
}
