import { createHash } from 'node:crypto'
import { type Order, derivePaymentStatus, isShell, shellOrder, withStatus } from '@xiaodian/domain'
import type { ChannelCommand } from './command'
import { join, orderIdFor, placedOrder } from './fold'

/** What the ingest of one command did. */
export interface Applied {
  duplicate: boolean
  storeId: string
  /** The log sequence of the event this command appended (or of the original, for a duplicate). */
  seq: number
  orderId: string | null
  /** The event as written to the log (JSON), for a non-duplicate: handed to local subscribers after commit. */
  event?: string
}

/** What applying needs besides the transaction. */
export interface ApplyContext {
  /** The business day an instant belongs to in a store (time zone and cutoff). */
  businessDay(storeId: string, at: number): string
  now(): number
}

/** The key that makes a redelivery a duplicate: the same key appends no second event. */
export function dedupeKey(cmd: ChannelCommand): string {
  switch (cmd.kind) {
    case 'order.placed':
      return `placed:${cmd.channel}:${cmd.externalId}`
    case 'order.status':
      return `status:${cmd.channel}:${cmd.externalId}:${cmd.status}`
    case 'delivery.status':
      return `delivery:${cmd.channel}:${cmd.externalId}:${cmd.status}`
    case 'payment.succeeded':
      return `payment:${cmd.provider}:${cmd.transactionId}`
    case 'refund':
      return `refund:${cmd.channel}:${cmd.externalId}:${cmd.refundId}:${cmd.state}`
    case 'order.upsert':
      if (cmd.placement) return `placed:${cmd.order.channel}:${cmd.order.id}`
      // Identical replicas are one delivery; any change is a new one.
      return `upsert:${cmd.order.id}:${createHash('sha1').update(JSON.stringify(cmd.order)).digest('base64url')}`
  }
}

/** What one command does to the log and to its order. */
export interface Effect {
  /** The order the event names; null for a payment or refund whose order has not arrived. */
  orderId: string | null
  /** The order after the command; null when only the log changes. */
  order: Order | null
  type: string
  detail: Record<string, unknown>
  /** Keep the command until its order arrives (it is folded in then). */
  parkFor?: string
  /** The order has just arrived: fold in the commands that were waiting for it. */
  adopt?: true
}

/** The id of the order a command concerns (payments and WeChat Pay refunds name it by out_trade_no). */
export function targetId(cmd: ChannelCommand): string {
  switch (cmd.kind) {
    case 'payment.succeeded':
      return cmd.outTradeNo
    case 'order.upsert':
      return cmd.order.id
    case 'refund':
      // WeChat Pay names our order by out_trade_no, which is its id; Meituan by its own order id.
      return cmd.channel === 'wechatpay' ? cmd.externalId : orderIdFor(cmd.channel, cmd.externalId)
    default:
      return orderIdFor(cmd.channel, cmd.externalId)
  }
}

/**
 * What one command does, given the order as stored (with earlier commands of the same batch applied).
 * Every command becomes a delta replica joined with the domain's merge, so deliveries in any order (a
 * cancel before its order, a payment before its order, a refund before its payment) and repeated ones end
 * in the same state. Pure: the batch writer does the reading and writing.
 */
export function effectOf(cmd: ChannelCommand, stored: Order | undefined, ctx: ApplyContext): Effect {
  if (cmd.kind === 'payment.succeeded' || (cmd.kind === 'refund' && cmd.channel === 'wechatpay')) {
    const paying = cmd.kind === 'payment.succeeded'
    if (!stored) {
      return {
        orderId: null,
        order: null,
        type: paying ? 'payment.unmatched' : 'refund.unmatched',
        detail: { command: cmd },
        parkFor: targetId(cmd),
      }
    }
    return {
      orderId: stored.id,
      order: join(stored, ownDelta(stored, cmd)),
      type: paying ? 'payment.received' : 'refund',
      detail: detailOf(cmd),
    }
  }
  const target = targetOf(cmd)
  const id = targetId(cmd)
  const arriving = !stored || isShell(stored)
  // A full refund that does not name its amount can only be settled against the order's payments: keep
  // it until the order arrives, so early and in-order delivery end the same.
  if (cmd.kind === 'refund' && cmd.amountFen === undefined && arriving) {
    return { orderId: id, order: null, type: 'refund.pending', detail: detailOf(cmd), parkFor: id }
  }
  const day = stored?.businessDay ?? ctx.businessDay(cmd.storeId, dayInstantOf(cmd))
  const next = join(stored, deltaOf(cmd, stored, { ...target, id, storeId: cmd.storeId, businessDay: day }))
  // A tablet's or the mini-program's first version of an order is its placement; later versions are updates.
  const type = cmd.kind === 'order.upsert' && arriving ? 'order.placed' : eventType(cmd)
  return {
    orderId: next.id,
    order: next,
    type,
    detail: detailOf(cmd),
    ...(arriving && !isShell(next) ? { adopt: true as const } : {}),
  }
}

/** The instant whose business day an order gets when this command creates it. */
export function dayInstantOf(cmd: ChannelCommand): number {
  return cmd.kind === 'order.placed' ? cmd.order.placedAt : cmd.at
}

/** Folds commands that were waiting for an order into it, once it has arrived. */
export function adopt(order: Order, waiting: readonly ChannelCommand[]): Order {
  let next = order
  for (const c of waiting) {
    if (c.kind === 'payment.succeeded' || c.kind === 'refund') next = join(next, ownDelta(next, c))
  }
  return next
}

function targetOf(cmd: Exclude<ChannelCommand, { kind: 'payment.succeeded' }>): {
  channel: Order['channel']
  externalId: string
} {
  if (cmd.kind === 'order.upsert')
    return { channel: cmd.order.channel, externalId: cmd.order.externalId ?? cmd.order.id }
  return { channel: cmd.channel as Order['channel'], externalId: cmd.externalId }
}

function deltaOf(
  cmd: Exclude<ChannelCommand, { kind: 'payment.succeeded' }>,
  stored: Order | undefined,
  t: { id: string; storeId: string; channel: Order['channel']; externalId: string; businessDay: string },
): Order {
  switch (cmd.kind) {
    case 'order.placed':
      return placedOrder(cmd, t.businessDay)
    case 'order.upsert':
      return cmd.order
    case 'order.status': {
      const base = stored ?? shellOrder(t, cmd.at)
      return withStatus(base, cmd.status === 'submitted' ? base.fulfilment : cmd.status, cmd.at, cmd.reason)
    }
    case 'delivery.status': {
      // A delivered order was handed over; the rest of the rider's progress is recorded in the log only.
      const base = stored ?? shellOrder(t, cmd.at)
      return cmd.status === 'delivered' ? withStatus(base, 'done', cmd.at) : base
    }
    case 'refund':
      return refundDelta(stored ?? shellOrder(t, cmd.at), cmd)
  }
}

/**
 * A refund becomes part of the order once the money went back: WeChat Pay's REFUND.SUCCESS, or Meituan
 * agreeing (Meituan pays the customer back itself). Requests, rejections and withdrawals are only logged,
 * which is what the owner's "refunds waiting" list reads.
 */
function refundDelta(base: Order, cmd: Extract<ChannelCommand, { kind: 'refund' }>): Order {
  const settled = cmd.state === 'succeeded' || (cmd.state === 'agreed' && cmd.channel === 'meituan')
  if (!settled) return base
  const paid = Object.values(base.payments).reduce((s, p) => s + p.amountFen, 0)
  const amountFen = cmd.amountFen ?? (cmd.full ? paid || base.amounts.totalFen : 0)
  const refund = { id: `${cmd.channel}:${cmd.refundId}`, amountFen, at: cmd.at, reason: cmd.reason ?? '', lines: {} }
  const refunds = { ...base.refunds, [refund.id]: refund }
  return { ...base, refunds, payment: derivePaymentStatus(base.payments, refunds) }
}

function ownDelta(base: Order, cmd: Extract<ChannelCommand, { kind: 'payment.succeeded' | 'refund' }>): Order {
  if (cmd.kind === 'refund') return refundDelta(base, cmd)
  const id = `${cmd.provider}:${cmd.transactionId}`
  const payments = { ...base.payments, [id]: { id, amountFen: cmd.amountFen, method: cmd.provider, at: cmd.at } }
  return { ...base, payments, payment: derivePaymentStatus(payments, base.refunds) }
}

function eventType(cmd: Exclude<ChannelCommand, { kind: 'payment.succeeded' }>): string {
  switch (cmd.kind) {
    case 'order.placed':
      return 'order.placed'
    case 'order.upsert':
      return 'order.updated'
    case 'order.status':
      return 'order.status'
    case 'delivery.status':
      return 'delivery.status'
    case 'refund':
      return 'refund'
  }
}

function detailOf(cmd: ChannelCommand): Record<string, unknown> {
  switch (cmd.kind) {
    case 'order.placed':
      return { channel: cmd.channel, paid: cmd.paid, ...(cmd.deviceId ? { deviceId: cmd.deviceId } : {}) }
    case 'order.upsert':
      return cmd.deviceId ? { deviceId: cmd.deviceId } : {}
    case 'order.status':
      return { status: cmd.status, ...(cmd.reason ? { reason: cmd.reason } : {}) }
    case 'delivery.status':
      return { status: cmd.status, ...(cmd.rider ? { rider: cmd.rider } : {}) }
    case 'payment.succeeded':
      return { provider: cmd.provider, transactionId: cmd.transactionId, amountFen: cmd.amountFen }
    case 'refund':
      return {
        refundId: cmd.refundId,
        state: cmd.state,
        full: cmd.full,
        ...(cmd.amountFen !== undefined ? { amountFen: cmd.amountFen } : {}),
      }
  }
}
