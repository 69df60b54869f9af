import { describe, expect, it } from 'vitest'
import { applyOrderEvent } from './apply-order-event'
import type { Order } from './order'
import { maskPhone, refundableByLine } from './order'
import type { OrderEvent } from './order-event'
import { sampleOrder } from './order.test-helpers'

function run(order: Order, ...events: OrderEvent[]): Order {
  let o = order
  for (const e of events) {
    const r = applyOrderEvent(o, e)
    if (!r.ok) throw new Error(r.error.code)
    o = r.value
  }
  return o
}

const by = 'tablet-1'

describe('applyOrderEvent', () => {
  it('[ORD-1] a new order is submitted and unpaid; fulfilment and payment are separate axes', () => {
    const o = sampleOrder()
    expect(o.fulfilment).toBe('submitted')
    expect(o.payment).toBe('unpaid')
    expect(o.amounts).toEqual({ subtotalFen: 2800, discountFen: 300, feesFen: 0, totalFen: 2500 })
    const paid = run(o, {
      type: 'payment_received',
      at: 2,
      by,
      payment: { id: 'wx1', amountFen: 2500, method: 'wechat', at: 2 },
    })
    expect(paid.fulfilment).toBe('submitted')
    expect(paid.payment).toBe('paid')
  })

  it('[ORD-2] the fulfilment path moves forward and records when each step happened', () => {
    const o = run(
      sampleOrder({ at: 1 }),
      { type: 'accepted', at: 10, by },
      { type: 'making_started', at: 20, by },
      { type: 'ready', at: 30, by },
      { type: 'done', at: 40, by },
    )
    expect(o.fulfilment).toBe('done')
    expect(o.timestamps).toMatchObject({ acceptedAt: 10, makingAt: 20, readyAt: 30, doneAt: 40, updatedAt: 40 })
  })

  it('[ORD-3] impossible moves are ORDER_INVALID_TRANSITION', () => {
    const done = run(
      sampleOrder(),
      { type: 'accepted', at: 10, by },
      { type: 'ready', at: 20, by },
      { type: 'done', at: 30, by },
    )
    for (const type of ['making_started', 'accepted', 'ready'] as const) {
      const r = applyOrderEvent(done, { type, at: 40, by })
      expect(r.ok || r.error.code).toBe('ORDER_INVALID_TRANSITION')
    }
    const c = applyOrderEvent(done, { type: 'cancelled', at: 50, by, reason: 'x' })
    expect(c.ok || c.error.code).toBe('ORDER_INVALID_TRANSITION')
    const early = applyOrderEvent(sampleOrder(), { type: 'done', at: 5, by })
    expect(early.ok || early.error.code).toBe('ORDER_INVALID_TRANSITION')
    const cancelled = run(sampleOrder(), { type: 'cancelled', at: 5, by, reason: '顾客取消' })
    expect(cancelled.cancelReason).toBe('顾客取消')
    const back = applyOrderEvent(cancelled, { type: 'accepted', at: 6, by })
    expect(back.ok || back.error.code).toBe('ORDER_INVALID_TRANSITION')
  })

  it('[ORD-6] lines can be replaced only before acceptance, bumping the lines version', () => {
    const o = sampleOrder()
    const edited = run(o, { type: 'lines_replaced', at: 5, by, lines: [], promotions: [], feesFen: 100 })
    expect(edited.linesStamp).toEqual({ v: 1, at: 5, by })
    expect(edited.amounts.totalFen).toBe(100)
    const accepted = run(o, { type: 'accepted', at: 5, by })
    const r = applyOrderEvent(accepted, { type: 'lines_replaced', at: 6, by, lines: [], promotions: [], feesFen: 0 })
    expect(r.ok || r.error.code).toBe('ORDER_LINES_LOCKED')
  })

  it('[ORD-7] payments and refunds count once per id; refunds cannot exceed what was paid', () => {
    const pay = {
      type: 'payment_received',
      at: 2,
      by,
      payment: { id: 'wx1', amountFen: 2500, method: 'wechat', at: 2 },
    } as const
    const refund = (id: string, amountFen: number): OrderEvent => ({
      type: 'refunded',
      at: 3,
      by,
      refund: { id, amountFen, at: 3, reason: '少冰做成了多冰', lines: { l1: amountFen } },
    })
    const paid = run(sampleOrder(), pay, pay)
    expect(paid.payments).toEqual({ wx1: pay.payment })
    const partial = run(paid, refund('r1', 1000), refund('r1', 1000))
    expect(partial.payment).toBe('partially_refunded')
    const full = run(partial, refund('r2', 1500))
    expect(full.payment).toBe('refunded')
    const over = applyOrderEvent(partial, {
      ...refund('r3', 1600),
      refund: { id: 'r3', amountFen: 1600, at: 3, reason: '', lines: {} },
    } as OrderEvent)
    expect(over.ok || over.error.code).toBe('ORDER_REFUND_EXCEEDS_PAID')
    const badLine = applyOrderEvent(paid, {
      ...refund('r4', 10),
      refund: { id: 'r4', amountFen: 10, at: 3, reason: '', lines: { zz: 10 } },
    } as OrderEvent)
    expect(badLine.ok || badLine.error.code).toBe('ORDER_UNKNOWN_LINE')
    const zero = applyOrderEvent(sampleOrder(), { ...pay, payment: { ...pay.payment, amountFen: 0 } })
    expect(zero.ok || zero.error.code).toBe('INVALID_AMOUNT')
  })

  it('[ORD-8] the customer phone is stored masked', () => {
    expect(maskPhone('13812341234')).toBe('138****1234')
    expect(maskPhone('+86 138-1234-1234')).toBe('861****1234')
    expect(maskPhone('123')).toBe('***')
  })

  it('[ORD-10] a line refund is exact: at most what is left on the line, split amounts must add up', () => {
    const paid = run(sampleOrder(), {
      type: 'payment_received',
      at: 2,
      by,
      payment: { id: 'wx1', amountFen: 2500, method: 'wechat', at: 2 },
    })
    const lineRefund = (id: string, amountFen: number, lines: Record<string, number>): OrderEvent => ({
      type: 'refunded',
      at: 3,
      by,
      refund: { id, amountFen, at: 3, reason: '', lines },
    })
    expect(refundableByLine(paid)).toEqual({ l1: 2500 })
    const one = run(paid, lineRefund('r1', 1250, { l1: 1250 }))
    expect(refundableByLine(one)).toEqual({ l1: 1250 })
    const over = applyOrderEvent(one, lineRefund('r2', 1300, { l1: 1300 }))
    expect(over.ok || over.error.code).toBe('ORDER_REFUND_EXCEEDS_LINE')
    const mismatch = applyOrderEvent(one, lineRefund('r3', 1000, { l1: 900 }))
    expect(mismatch.ok || mismatch.error.code).toBe('INVALID_AMOUNT')
    const rest = run(one, lineRefund('r4', 1250, { l1: 1250 }))
    expect(rest.payment).toBe('refunded')
    expect(refundableByLine(rest)).toEqual({ l1: 0 })
  })
})
