import {
  type FulfilmentStatus,
  type Order,
  type OrderLine,
  createOrder,
  derivePaymentStatus,
  mergeOrders,
  splitFen,
} from '@xiaodian/domain'
import type { ChannelCommand, DraftLine, OrderDraft } from './command'

/**
 * How a channel command changes an order. Every command becomes a *delta replica* — what that one
 * delivery knows about the order — and is joined into the stored order with the domain's `mergeOrders`.
 * Because the join is commutative, associative and idempotent, deliveries in any order (a cancel before
 * its order, a payment before its order, a refund before its payment) end in the same state as in-order
 * delivery, and a replayed delivery changes nothing.
 */

/** The id an order gets from its channel identity, so a shell made by an early cancel and the order itself share it. */
export function orderIdFor(channel: string, externalId: string): string {
  return channel === 'miniprogram' || channel === 'pos' || channel === 'group' || channel === 'subscription'
    ? externalId
    : `${channel}-${externalId}`
}

/** Orders the BFF has only heard *about* (a cancel, a refund) before the order arrived carry this lines stamp. */
const SHELL_STAMP = { v: -1, at: 0, by: '' } as const

/** True when the stored order is a shell: the order itself has not arrived yet. */
export function isShell(order: Order): boolean {
  return order.linesStamp.v < 0
}

interface Target {
  storeId: string
  channel: Order['channel']
  externalId: string
  businessDay: string
}

/** An order with no lines yet, to carry what a command knows about it. */
export function shellOrder(t: Target, at: number): Order {
  const base = createOrder({
    id: orderIdFor(t.channel, t.externalId),
    storeId: t.storeId,
    channel: t.channel,
    externalId: t.externalId,
    businessDay: t.businessDay,
    fulfilmentType: 'pickup',
    lines: [],
    at,
    by: t.channel,
  })
  return { ...base, linesStamp: SHELL_STAMP, notesStamp: SHELL_STAMP }
}

const MILESTONE = {
  submitted: null,
  accepted: 'acceptedAt',
  making: 'makingAt',
  ready: 'readyAt',
  done: 'doneAt',
  cancelled: 'cancelledAt',
} as const satisfies Record<FulfilmentStatus, keyof Order['timestamps'] | null>

/** The delta replica of a fulfilment change: the status and when it happened, nothing else. */
export function withStatus(o: Order, status: FulfilmentStatus, at: number, reason?: string): Order {
  const field = MILESTONE[status]
  const timestamps = { ...o.timestamps, updatedAt: Math.max(o.timestamps.updatedAt, at) }
  if (field) timestamps[field] = at
  return {
    ...o,
    fulfilment: status,
    cancelReason: status === 'cancelled' ? (reason ?? '') : o.cancelReason,
    timestamps,
  }
}

/** Maps a channel's draft lines onto order lines, spreading the order discount exactly across them. */
export function draftLines(draft: OrderDraft): OrderLine[] {
  const subtotals = draft.lines.map((l) => l.unitPriceFen * l.quantity)
  const shares = splitFen(
    Math.min(
      draft.discountFen,
      subtotals.reduce((s, x) => s + x, 0),
    ),
    subtotals,
  )
  return draft.lines.map((l: DraftLine, i) => {
    const subtotal = subtotals[i] ?? 0
    const discount = shares[i] ?? 0
    const code = l.skuId ?? `ext:${l.externalCode ?? l.name}`
    return {
      id: String(i + 1),
      itemId: code,
      itemName: l.name,
      categoryId: l.skuId ? 'menu' : 'external',
      skuId: code,
      skuName: l.name,
      options: l.options.map((o) => ({
        groupId: o.group,
        optionId: o.name,
        name: o.name,
        priceDeltaFen: o.priceDeltaFen,
      })),
      unitPriceFen: l.unitPriceFen,
      quantity: l.quantity,
      subtotalFen: subtotal,
      discounts: discount > 0 ? [{ promotionId: 'channel', amountFen: discount }] : [],
      totalFen: subtotal - discount,
    }
  })
}

/** The order a placement command describes, in the canonical form. */
export function placedOrder(
  cmd: Extract<ChannelCommand, { kind: 'order.placed' }>,
  businessDay: string,
  lines: readonly OrderLine[] = draftLines(cmd.order),
): Order {
  const d = cmd.order
  let order = createOrder({
    id: orderIdFor(cmd.channel, cmd.externalId),
    storeId: cmd.storeId,
    channel: cmd.channel === 'wechatpay' ? 'miniprogram' : cmd.channel,
    externalId: cmd.externalId,
    businessDay,
    fulfilmentType: d.fulfilment,
    pickupNumber: d.pickupNumber ? Number.parseInt(d.pickupNumber, 10) || null : null,
    customer: {
      id: null,
      name: d.customer?.name ?? null,
      phoneMasked: d.customer?.phoneMasked ?? null,
    },
    lines,
    feesFen: d.feesFen,
    notes: d.note ?? '',
    at: d.placedAt,
    by: cmd.deviceId ?? cmd.channel,
  })
  if (cmd.paid) {
    const payments = {
      [`${cmd.channel}:${cmd.externalId}`]: {
        id: `${cmd.channel}:${cmd.externalId}`,
        amountFen: order.amounts.totalFen,
        method: cmd.channel,
        at: d.placedAt,
      },
    }
    order = { ...order, payments, payment: derivePaymentStatus(payments, order.refunds) }
  }
  return order
}

/** Joins a delta into the stored order (or starts from the delta). The complete side goes first: it owns identity fields. */
export function join(stored: Order | undefined, delta: Order): Order {
  if (!stored) return delta
  if (isShell(stored) && !isShell(delta)) return mergeOrders(delta, stored)
  return mergeOrders(stored, delta)
}
