import { computeAmounts } from './create-order'
import { err, ok, type Result } from './errors'
import type { FulfilmentStatus, Order, OrderTimestamps } from './order'
import { FULFILMENT_MILESTONES, derivePaymentStatus, paidFen, refundableByLine, refundedFen } from './order'
import type { OrderEvent } from './order-event'

/** Which fulfilment moves are possible from each state ([ORD-2], [ORD-3]). */
export const FULFILMENT_TRANSITIONS: Readonly<Record<FulfilmentStatus, readonly FulfilmentStatus[]>> = {
  submitted: ['accepted', 'making', 'cancelled'],
  accepted: ['making', 'ready', 'cancelled'],
  making: ['ready', 'cancelled'],
  ready: ['done', 'cancelled'],
  cancelled: [],
  done: [],
}

/**
 * The order reducer: applies one event, or refuses with a typed error (ORDER_INVALID_TRANSITION,
 * ORDER_LINES_LOCKED, ORDER_REFUND_EXCEEDS_PAID, ORDER_REFUND_EXCEEDS_LINE, ORDER_UNKNOWN_LINE,
 * INVALID_AMOUNT). Payments and refunds are idempotent by id: the same one applied twice leaves the order
 * unchanged. A refund naming lines must split its amount over them, each within what is left on the line.
 */
export function applyOrderEvent(order: Order, event: OrderEvent): Result<Order> {
  switch (event.type) {
    case 'accepted':
      return move(order, 'accepted', event.at, null)
    case 'making_started':
      return move(order, 'making', event.at, null)
    case 'ready':
      return move(order, 'ready', event.at, null)
    case 'done':
      return move(order, 'done', event.at, null)
    case 'cancelled':
      return move(order, 'cancelled', event.at, event.reason)
    case 'lines_replaced': {
      if (order.fulfilment !== 'submitted' || order.acceptance !== null) {
        return err('ORDER_LINES_LOCKED', '订单已接单, 不能再改商品', {
          orderId: order.id,
          fulfilment: order.fulfilment,
        })
      }
      return ok({
        ...order,
        lines: event.lines,
        promotions: event.promotions,
        amounts: computeAmounts(event.lines, event.feesFen),
        linesStamp: { v: order.linesStamp.v + 1, at: event.at, by: event.by },
        timestamps: touch(order.timestamps, event.at),
      })
    }
    case 'note_set':
      return ok({
        ...order,
        notes: event.notes,
        notesStamp: { v: order.notesStamp.v + 1, at: event.at, by: event.by },
        timestamps: touch(order.timestamps, event.at),
      })
    case 'payment_received': {
      const p = event.payment
      if (!Number.isSafeInteger(p.amountFen) || p.amountFen <= 0) {
        return err('INVALID_AMOUNT', `支付金额无效: ${p.amountFen}`, { paymentId: p.id })
      }
      if (order.payments[p.id] !== undefined) return ok(order)
      const payments = { ...order.payments, [p.id]: p }
      return ok({
        ...order,
        payments,
        payment: derivePaymentStatus(payments, order.refunds),
        timestamps: touch(order.timestamps, event.at),
      })
    }
    case 'refunded': {
      const r = event.refund
      if (order.refunds[r.id] !== undefined) return ok(order)
      if (!Number.isSafeInteger(r.amountFen) || r.amountFen <= 0) {
        return err('INVALID_AMOUNT', `退款金额无效: ${r.amountFen}`, { refundId: r.id })
      }
      const lineIds = Object.keys(r.lines)
      if (lineIds.length > 0) {
        const refundable = refundableByLine(order)
        let sum = 0
        for (const lineId of lineIds) {
          const amount = r.lines[lineId] as number
          const left = refundable[lineId]
          if (left === undefined) {
            return err('ORDER_UNKNOWN_LINE', `没有这个订单行: ${lineId}`, { orderId: order.id, lineId })
          }
          if (!Number.isSafeInteger(amount) || amount <= 0) {
            return err('INVALID_AMOUNT', `退款金额无效: ${amount}`, { refundId: r.id, lineId })
          }
          if (amount > left) {
            return err('ORDER_REFUND_EXCEEDS_LINE', '退款超过该商品实付', {
              orderId: order.id,
              lineId,
              refundableFen: left,
            })
          }
          sum += amount
        }
        if (sum !== r.amountFen) {
          return err('INVALID_AMOUNT', '分行退款之和与退款金额不符', {
            refundId: r.id,
            linesFen: sum,
            amountFen: r.amountFen,
          })
        }
      }
      if (refundedFen(order) + r.amountFen > paidFen(order)) {
        return err('ORDER_REFUND_EXCEEDS_PAID', '退款超过实付金额', { orderId: order.id, refundId: r.id })
      }
      const refunds = { ...order.refunds, [r.id]: r }
      return ok({
        ...order,
        refunds,
        payment: derivePaymentStatus(order.payments, refunds),
        timestamps: touch(order.timestamps, event.at),
      })
    }
    case 'pickup_number_assigned':
      if (order.pickupNumber !== null && order.pickupNumber !== event.pickupNumber) {
        return err('ORDER_INVALID_TRANSITION', '取餐号已分配', { orderId: order.id, pickupNumber: order.pickupNumber })
      }
      return ok({ ...order, pickupNumber: event.pickupNumber, timestamps: touch(order.timestamps, event.at) })
    default: {
      const never: never = event
      return never
    }
  }
}

function move(order: Order, to: FulfilmentStatus, at: number, reason: string | null): Result<Order> {
  if (!FULFILMENT_TRANSITIONS[order.fulfilment].includes(to)) {
    return err('ORDER_INVALID_TRANSITION', `订单不能从 ${order.fulfilment} 变为 ${to}`, {
      orderId: order.id,
      from: order.fulfilment,
      to,
    })
  }
  const field = FULFILMENT_MILESTONES[to]
  const timestamps = touch(field ? { ...order.timestamps, [field]: at } : order.timestamps, at)
  const acceptance =
    order.acceptance === null && to !== 'cancelled' ? { at, lines: order.linesStamp } : order.acceptance
  return ok({
    ...order,
    fulfilment: to,
    cancelReason: to === 'cancelled' ? reason : order.cancelReason,
    timestamps,
    acceptance,
  })
}

function touch(t: OrderTimestamps, at: number): OrderTimestamps {
  return at > t.updatedAt ? { ...t, updatedAt: at } : t
}
