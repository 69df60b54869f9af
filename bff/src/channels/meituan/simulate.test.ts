import { describe, expect, it } from 'vitest'
import { type MeituanPushFixture, readFixture } from '../__fixtures__/load'
import { formDecode } from './encoding'
import { MEITUAN_MAPPERS } from './map'
import { parseMeituanForm } from './parse'
import type { MeituanPushType } from './push-types'
import {
  encodeMeituanForm,
  meituanCancelFields,
  meituanDeliveryFields,
  meituanOrderFields,
  meituanRefundFields,
  meituanRefundStatusFields,
  simulateMeituanPush,
} from './simulate'
import { verifyMeituanPush } from './verify'

const captured = readFixture<MeituanPushFixture>('meituan-waimai-push-captured.json')
const store = { publicBaseUrl: 'https://shop.example.com/', appId: '4242', appSecret: 'simulated-secret' }
const order = meituanOrderFields({
  orderId: '27000000001',
  appPoiCode: 'xd-001',
  daySeq: 17,
  items: [
    { code: 'MT-1', name: '杨枝甘露 (大)', quantity: 2, priceYuan: '16.9', property: '少糖,去冰' },
    { code: 'MT-2', name: "Joe's + tea 100%", quantity: 1, priceYuan: '0.1' },
  ],
  shippingFeeYuan: '3.5',
  ctimeSec: 1_700_000_000,
  recipientName: 'Li Lei',
  recipientPhone: '13800001234_5678',
  recipientAddress: '上海市 徐汇区@#上海市徐汇区漕溪北路1号',
  caution: '不要吸管 & 多给纸巾',
})

const pushes: [MeituanPushType, Record<string, string>][] = [
  ['order-paid', order],
  ['order-confirmed', { ...order, status: '4' }],
  ['order-completed', { order_id: '27000000001' }],
  ['order-cancelled', meituanCancelFields('27000000001')],
  ['refund-full', meituanRefundFields({ orderId: '27000000001', refundId: 'R1', notifyType: 'apply', ctimeSec: 1 })],
  [
    'refund-partial',
    meituanRefundFields({ orderId: '27000000001', refundId: 'R2', notifyType: 'part', ctimeSec: 1, moneyYuan: '16.9' }),
  ],
  [
    'refund-status',
    meituanRefundStatusFields({
      orderId: '27000000001',
      refundId: 'R2',
      refundStatus: 13,
      moneyYuan: '16.9',
      ctimeSec: 1,
    }),
  ],
  ['delivery-status', meituanDeliveryFields({ orderId: '27000000001', logisticsStatus: 20, timeSec: 1_700_000_900 })],
]

describe('simulateMeituanPush', () => {
  it.each(pushes)('round-trips %s through verify and map', (pushType, fields) => {
    const push = simulateMeituanPush({ ...store, pushType, timestampSec: 1_700_000_100, fields })
    expect(push.url).toBe(`https://shop.example.com/channels/meituan/${pushType}`)
    const verified = verifyMeituanPush({ ...store, callbackUrl: push.url, rawBody: push.body })
    expect(verified.ok ? Object.fromEntries(verified.params) : verified.error).toEqual(push.params)
    if (!verified.ok) return
    const mapped = MEITUAN_MAPPERS[pushType](verified.params, { storeId: 's', menu: new Map([['MT-1', 'sku-1']]) })
    expect(mapped.ok && mapped.commands.length).toBeGreaterThan(0)
  })

  it('maps a simulated order exactly', () => {
    const push = simulateMeituanPush({ ...store, pushType: 'order-paid', timestampSec: 1_700_000_100, fields: order })
    const verified = verifyMeituanPush({ ...store, callbackUrl: push.url, rawBody: push.body })
    if (!verified.ok) throw new Error(verified.error.message)
    const mapped = MEITUAN_MAPPERS['order-paid'](verified.params, { storeId: 's', menu: new Map([['MT-1', 'sku-1']]) })
    expect(mapped.ok && mapped.commands[0]).toMatchObject({
      kind: 'order.placed',
      externalId: '27000000001',
      order: {
        subtotalFen: 3390,
        feesFen: 350,
        discountFen: 0,
        totalFen: 3740,
        pickupNumber: '17',
        note: '不要吸管 & 多给纸巾',
        customer: {
          name: 'Li Lei',
          phoneMasked: '138****1234_5678',
          address: '上海市 徐汇区（上海市徐汇区漕溪北路1号）',
        },
        lines: [
          { skuId: 'sku-1', name: '杨枝甘露 (大)', quantity: 2, unitPriceFen: 1690 },
          { externalCode: 'MT-2', name: "Joe's + tea 100%", quantity: 1, unitPriceFen: 10 },
        ],
      },
    })
  })

  it('encodes text fields twice exactly as the captured push', () => {
    const decoded = Object.fromEntries(Object.entries(captured.fields).map(([k, v]) => [k, formDecode(v) ?? v]))
    const wire = encodeMeituanForm(decoded)
    const onceDecoded = Object.fromEntries(
      wire.split('&').map((pair) => pair.split('=').map((part) => formDecode(part) ?? '') as [string, string]),
    )
    expect(onceDecoded).toEqual(captured.fields)
    const parsed = parseMeituanForm(wire)
    expect(parsed.ok && Object.fromEntries(parsed.params)).toEqual(decoded)
  })
})
