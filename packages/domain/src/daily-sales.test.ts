import { describe, expect, it } from 'vitest'
import { applyOrderEvent } from './apply-order-event'
import { dailySales } from './daily-sales'
import type { Order } from './order'
import type { OrderEvent } from './order-event'
import { sampleOrder } from './order.test-helpers'

const SH = 'Asia/Shanghai'
const at = (h: number, m = 0) => Date.UTC(2026, 10, 23, h - 8, m) // local Shanghai time on 2026-11-23
const run = (o: Order, ...es: OrderEvent[]) =>
  es.reduce((x, e) => {
    const r = applyOrderEvent(x, e)
    if (!r.ok) throw new Error(r.error.code)
    return r.value
  }, o)

describe('dailySales', () => {
  const pay = (t: number): OrderEvent => ({
    type: 'payment_received',
    at: t,
    by: 'wx',
    payment: { id: `p${t}`, amountFen: 2500, method: 'wechat', at: t },
  })
  const a = run(sampleOrder({ id: 'a', at: at(10) }), pay(at(10)))
  const b = run(sampleOrder({ id: 'b', at: at(15, 30), channel: 'meituan' }), pay(at(15, 30)), {
    type: 'refunded',
    at: at(16),
    by: 'mt',
    refund: { id: 'r1', amountFen: 1000, at: at(16), reason: '', lines: { l1: 1000 } },
  })
  const c = run(sampleOrder({ id: 'c', at: at(11) }), pay(at(11)), {
    type: 'cancelled',
    at: at(11, 5),
    by: 't',
    reason: 'x',
  })
  const lateNight = sampleOrder({ id: 'd', at: at(26) }) // 02:00 the next calendar day
  const nextDay = sampleOrder({ id: 'e', at: at(29) }) // 05:00 the next calendar day
  const report = dailySales({
    orders: [a, b, c, lateNight, nextDay],
    day: '2026-11-23',
    timeZone: SH,
    cutoffMinutes: 4 * 60,
    passes: {
      sold: [{ at: at(12), planId: 'wash10', priceFen: 29900 }],
      redeemed: [{ at: at(13), planId: 'wash10', valueFen: 3000 }],
    },
  })

  it('[SAL-1] gross, discounts, refunds and net; cancelled orders do not count', () => {
    expect(report).toMatchObject({
      orders: 3,
      grossFen: 8400,
      discountFen: 900,
      refundFen: 1000,
      netFen: 6500,
      cancelledOrders: 1,
    })
    expect(report.averageTicketFen).toBe(2500)
  })

  it('[SAL-2] the business day follows the store zone and cutoff', () => {
    expect(report.byHour[2]?.orders).toBe(1)
    expect(report.byHour[5]?.orders).toBe(0)
  })

  it('[SAL-3] breakdowns by channel, item, option and hour', () => {
    expect(report.byChannel.meituan).toMatchObject({ orders: 1, grossFen: 2800, refundFen: 1000, netFen: 1500 })
    expect(report.byChannel.pos?.orders).toBe(2)
    expect(report.byItem).toEqual([
      { itemId: 'pearl-tea', name: '珍珠奶茶', quantity: 6, grossFen: 8400, netFen: 7500 },
    ])
    expect(report.byOption).toEqual([{ groupId: 'toppings', optionId: 'pearls', name: '珍珠', quantity: 6 }])
    expect(report.byHour[15]).toMatchObject({ orders: 1, grossFen: 2800 })
    expect(report.byHour[16]?.refundFen).toBe(1000)
  })

  it('[SAL-4] promotions used with their rate and cost', () => {
    expect(report.promotions).toEqual([{ promotionId: 'p1', name: '满25减3', orders: 3, rate: 1, costFen: 900 }])
  })

  it('[SAL-5] passes sold versus redeemed', () => {
    expect(report.passes).toEqual({ soldCount: 1, soldFen: 29900, redeemedCount: 1, redeemedValueFen: 3000 })
  })

  it('[SAL-6] money received by payment method, including orders cancelled later', () => {
    expect(report.payments).toEqual({ count: 3, amountFen: 7500, byMethod: { wechat: { count: 3, amountFen: 7500 } } })
  })
})
