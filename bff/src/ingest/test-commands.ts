import { createOrder } from '@xiaodian/domain'
import type { ChannelCommand } from './command'

const T0 = Date.UTC(2026, 10, 23, 4, 0) // 12:00 in Shanghai

/** A Meituan order's life as the platform would push it: paid, confirmed, a partial refund, delivered. */
export function meituanLife(storeId: string, externalId: string, t = T0): ChannelCommand[] {
  return [
    {
      kind: 'order.placed',
      storeId,
      channel: 'meituan',
      externalId,
      paid: true,
      at: t,
      order: {
        lines: [
          { externalCode: 'mt-1', name: '珍珠奶茶', quantity: 2, unitPriceFen: 1500, options: [] },
          { externalCode: 'mt-2', name: '杨枝甘露', quantity: 1, unitPriceFen: 1800, options: [] },
        ],
        subtotalFen: 4800,
        discountFen: 500,
        feesFen: 300,
        totalFen: 4600,
        fulfilment: 'delivery',
        pickupNumber: '7',
        customer: { name: '王先生', phoneMasked: '136****7030' },
        placedAt: t,
      },
    },
    { kind: 'order.status', storeId, channel: 'meituan', externalId, status: 'accepted', at: t + 60_000 },
    {
      kind: 'refund',
      storeId,
      channel: 'meituan',
      externalId,
      refundId: 'r1',
      state: 'agreed',
      amountFen: 1500,
      full: false,
      at: t + 120_000,
    },
    { kind: 'delivery.status', storeId, channel: 'meituan', externalId, status: 'delivered', at: t + 1_800_000 },
  ]
}

/** A mini-program order: created by the BFF, paid by WeChat Pay, then refunded in full. */
export function ownLife(storeId: string, orderId: string, t = T0): ChannelCommand[] {
  const order = createOrder({
    id: orderId,
    storeId,
    channel: 'miniprogram',
    businessDay: '2026-11-23',
    fulfilmentType: 'pickup',
    lines: [
      {
        id: '1',
        itemId: 'milk-tea',
        itemName: '珍珠奶茶',
        categoryId: 'tea',
        skuId: 'milk-tea-l',
        skuName: '大杯',
        options: [],
        unitPriceFen: 1500,
        quantity: 1,
        subtotalFen: 1500,
        discounts: [],
        totalFen: 1500,
      },
    ],
    at: t,
    by: 'bff',
  })
  return [
    { kind: 'order.upsert', storeId, order, at: t },
    {
      kind: 'payment.succeeded',
      storeId,
      provider: 'wechatpay',
      notificationId: `n-${orderId}`,
      outTradeNo: orderId,
      transactionId: `tx-${orderId}`,
      amountFen: 1500,
      payerTotalFen: 1500,
      at: t + 5000,
    },
    {
      kind: 'refund',
      storeId,
      channel: 'wechatpay',
      externalId: orderId,
      refundId: `rf-${orderId}`,
      state: 'succeeded',
      amountFen: 1500,
      full: true,
      at: t + 60_000,
    },
  ]
}
