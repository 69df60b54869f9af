import {
  type Order,
  type OrderLine,
  createOrder,
  derivePaymentStatus,
  mergeWithShell,
  splitFen,
} from '@xiaodian/domain'
import type { ChannelCommand, DraftLine, OrderDraft } from './command'

/**
 * How a channel command changes an order. Every command becomes a *delta replica* — what that one
 * delivery knows about the order — and is joined into the stored order with the domain's merge (through
 * `mergeWithShell`, so an order heard about before it arrived takes the real order's identity when it does).
 * Because the join is commutative, associative and idempotent, deliveries in any order (a cancel before
 * its order, a payment before its order, a refund before its payment) end in the same state as in-order
 * delivery, and a replayed delivery changes nothing.
 */

/**
 * The id the BFF gives an order from its channel identity, so a shell made by an early cancel and the
 * order itself share it: own channels' orders keep the id their device gave them; a platform's order id
 * is prefixed with the platform, so two platforms' ids never collide.
 */
export function orderIdFor(channel: string, externalId: string): string {
  return channel === 'miniprogram' || channel === 'pos' || channel === 'group' || channel === 'subscription'
    ? externalId
    : `${channel}-${externalId}`
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

/** Joins a delta into the stored order (or starts from the delta); a shell never owns the identity fields. */
export function join(stored: Order | undefined, delta: Order): Order {
  return stored ? mergeWithShell(stored, delta) : delta
}
