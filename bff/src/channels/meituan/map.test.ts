import { describe, expect, it } from 'vitest'
import type { ChannelCommand } from '../../ingest/command'
import { meituanFixtureBody, type MeituanPushFixture, readFixture } from '../__fixtures__/load'
import { javaUrlEncode } from './encoding'
import { MEITUAN_MAPPERS, mapOrderConfirmed, mapOrderPaid } from './map'
import type { MeituanMapContext, MeituanMapResult } from './map-order'
import { verifyMeituanPush } from './verify'

const captured = readFixture<MeituanPushFixture>('meituan-waimai-push-captured.json')
const ctx: MeituanMapContext = { storeId: 'store-1', menu: new Map([['1', 'sku-test-1']]) }

function capturedParams(): Map<string, string> {
  const verified = verifyMeituanPush({
    callbackUrl: captured.callbackUrl,
    appId: captured.appId,
    appSecret: captured.appSecret,
    rawBody: meituanFixtureBody(captured, javaUrlEncode),
  })
  if (!verified.ok) throw new Error(verified.error.message)
  return new Map(verified.params)
}

function commands(result: MeituanMapResult): ChannelCommand[] {
  if (!result.ok) throw new Error(result.error.message)
  return result.commands
}

describe('Meituan order pushes', () => {
  it('maps the captured push to order.placed: 910 fen, shipping 900, one line at 10 fen, pickup number 2', () => {
    expect(commands(mapOrderPaid(capturedParams(), ctx))).toEqual([
      {
        kind: 'order.placed',
        storeId: 'store-1',
        channel: 'meituan',
        externalId: '2310763339',
        paid: true,
        at: 1476355830000,
        order: {
          lines: [
            {
              name: '测试菜品1',
              quantity: 1,
              unitPriceFen: 10,
              options: [],
              externalCode: '1',
              skuId: 'sku-test-1',
            },
          ],
          subtotalFen: 10,
          feesFen: 900,
          discountFen: 0,
          totalFen: 910,
          fulfilment: 'delivery',
          pickupNumber: '2',
          customer: {
            name: '王磊 (先生)',
            phoneMasked: '136****7030',
            address: '西藏昌都市气象局（西藏自治区昌都市卡若区城关镇林廓路286号）',
          },
          placedAt: 1476355768000,
        },
      },
    ])
  })

  it('leaves skuId out when the code is not on the menu', () => {
    const [placed] = commands(mapOrderPaid(capturedParams(), { storeId: 's', menu: new Map() }))
    expect(placed?.kind === 'order.placed' && placed.order.lines[0]?.skuId).toBeUndefined()
  })

  it('adds order.status accepted for a confirmed push, and follows a further status', () => {
    const params = capturedParams()
    expect(commands(mapOrderConfirmed(params, ctx)).map((c) => c.kind === 'order.status' && c.status)).toEqual([
      false,
      'accepted',
    ])
    params.set('status', '8')
    expect(commands(mapOrderPaid(params, ctx))[1]).toMatchObject({ kind: 'order.status', status: 'done' })
  })

  it('reads pickup orders, options, discounts and cash on delivery', () => {
    const params = capturedParams()
    params.set('pick_type', '1')
    params.set('pay_type', '1')
    params.set('total', '8.1')
    params.set(
      'detail',
      JSON.stringify([
        { app_food_code: 9, food_name: '奶茶', quantity: '2', price: '0.05', spec: '大杯', food_property: '少糖,去冰' },
      ]),
    )
    const [placed] = commands(mapOrderPaid(params, ctx))
    expect(placed).toMatchObject({
      paid: false,
      order: {
        fulfilment: 'pickup',
        subtotalFen: 10,
        feesFen: 900,
        discountFen: 100,
        totalFen: 810,
        lines: [
          {
            externalCode: '9',
            quantity: 2,
            unitPriceFen: 5,
            options: [
              { group: '规格', name: '大杯', priceDeltaFen: 0 },
              { group: '属性', name: '少糖', priceDeltaFen: 0 },
              { group: '属性', name: '去冰', priceDeltaFen: 0 },
            ],
          },
        ],
      },
    })
  })

  it.each([
    ['detail', 'not json', 'MALFORMED_FIELD'],
    ['detail', '[]', 'MALFORMED_FIELD'],
    ['detail', '[{"food_name":"x","quantity":-1,"price":1}]', 'MALFORMED_FIELD'],
    ['detail', '[{"food_name":"x","quantity":1,"price":"1e2"}]', 'MALFORMED_FIELD'],
    ['detail', '', 'MISSING_FIELD'],
    ['total', '9,1', 'MALFORMED_FIELD'],
    ['total', '', 'MISSING_FIELD'],
    ['ctime', 'yesterday', 'MALFORMED_FIELD'],
    ['order_id', '', 'MISSING_FIELD'],
  ])('refuses %s=%j with %s', (field, value, code) => {
    const params = capturedParams()
    params.set(field, value)
    const result = mapOrderPaid(params, ctx)
    expect(result.ok ? 'OK' : result.error.code).toBe(code)
  })
})

function mapped(type: keyof typeof MEITUAN_MAPPERS, fields: Record<string, string>): MeituanMapResult {
  return MEITUAN_MAPPERS[type](new Map(Object.entries({ timestamp: '1700000000', ...fields })), ctx)
}

describe('Meituan status, refund and delivery pushes', () => {
  const base = { storeId: 'store-1', channel: 'meituan', externalId: '42', at: 1_700_000_000_000 }

  it('maps completion and cancellation', () => {
    expect(commands(mapped('order-completed', { order_id: '42' }))).toEqual([
      { ...base, kind: 'order.status', status: 'done' },
    ])
    expect(commands(mapped('order-cancelled', { order_id: '42', reason: '用户取消', reason_code: '1001' }))).toEqual([
      { ...base, kind: 'order.status', status: 'cancelled', reason: '用户取消' },
    ])
    expect(commands(mapped('order-cancelled', { order_id: '42', reason_code: '2007' }))[0]).toMatchObject({
      reason: 'reason_code 2007',
    })
  })

  it.each([
    ['refund-full', 'apply', 'requested'],
    ['refund-full', 'agree', 'agreed'],
    ['refund-full', 'reject', 'rejected'],
    ['refund-full', 'cancelRefund', 'withdrawn'],
    ['refund-full', 'cancelRefundComplaint', 'withdrawn'],
    ['refund-partial', 'part', 'requested'],
    ['refund-partial', 'agree', 'agreed'],
  ] as const)('maps %s notify_type %s to %s', (type, notifyType, state) => {
    const [command] = commands(mapped(type, { order_id: '42', refund_id: 'r1', notify_type: notifyType, money: '1.5' }))
    expect(command).toEqual({
      ...base,
      kind: 'refund',
      refundId: 'r1',
      state,
      full: type === 'refund-full',
      amountFen: 150,
    })
  })

  it('falls back to res_type, keys refunds without refund_id by order and ctime, and ignores unknown codes', () => {
    const [command] = commands(mapped('refund-full', { order_id: '42', res_type: '2', ctime: '1699999999' }))
    expect(command).toMatchObject({ state: 'agreed', refundId: '42:full:1699999999' })
    expect(command && 'amountFen' in command).toBe(false)
    expect(mapped('refund-full', { order_id: '42', notify_type: 'newThing' })).toMatchObject({ ok: true, commands: [] })
  })

  it.each([
    ['3', 'succeeded', true],
    ['4', 'failed', true],
    ['13', 'succeeded', false],
    ['14', 'failed', false],
  ] as const)('maps refund_status %s to %s (full: %s)', (refundStatus, state, full) => {
    const [command] = commands(
      mapped('refund-status', { order_id: '42', refund_id: 'r1', refund_status: refundStatus, money: '9.1' }),
    )
    expect(command).toMatchObject({ kind: 'refund', state, full, amountFen: 910 })
  })

  it.each([
    ['0', 'dispatched'],
    ['10', 'assigned'],
    ['15', 'at_store'],
    ['20', 'picked_up'],
    ['40', 'delivered'],
    ['100', 'cancelled'],
  ] as const)('maps logistics_status %s to %s', (logisticsStatus, status) => {
    const fields = { order_id: '42', logistics_status: logisticsStatus, time: '1700000100' }
    expect(commands(mapped('delivery-status', fields))).toEqual([
      { ...base, kind: 'delivery.status', status, at: 1_700_000_100_000 },
    ])
  })

  it('masks the rider phone', () => {
    const fields = { order_id: '42', logistics_status: '10', dispatcher_name: '张三', dispatcher_mobile: '13912345678' }
    expect(commands(mapped('delivery-status', fields))[0]).toMatchObject({
      rider: { name: '张三', phoneMasked: '139****5678' },
    })
  })

  it.each([
    ['refund-full', { notify_type: 'toString' }],
    ['refund-full', { res_type: 'constructor' }],
    ['refund-status', { refund_status: '__proto__' }],
    ['delivery-status', { logistics_status: 'constructor' }],
  ] as const)('ignores %s codes that name Object.prototype members (%j)', (type, fields) => {
    expect(mapped(type, { order_id: '42', ...fields })).toMatchObject({ ok: true, commands: [] })
  })

  it('treats an order status naming an Object.prototype member as submitted', () => {
    const params = capturedParams()
    params.set('status', 'constructor')
    expect(commands(mapOrderPaid(params, ctx))).toHaveLength(1)
  })

  it('refuses a malformed refund amount', () => {
    const result = mapped('refund-partial', { order_id: '42', notify_type: 'part', money: 'lots' })
    expect(result.ok ? 'OK' : result.error).toMatchObject({ code: 'MALFORMED_FIELD', field: 'money' })
  })
})
