/**
 * One mapper per Meituan push type: verified, decoded params → canonical `ChannelCommand`s.
 * Unknown status codes map to no command (`ignored`), so a new Meituan code is answered ok and logged rather
 * than retried forever.
 */
import type { ChannelCommand } from '../../ingest/command'
import { epochMs, fen, lookup, optional, required } from './fields'
import { type MeituanMapContext, type MeituanMapResult, mapOrderPush } from './map-order'
import { maskPhone } from './phone'
import type { MeituanPushType } from './push-types'
import type { MeituanParams } from './sign'

type RefundCommand = Extract<ChannelCommand, { kind: 'refund' }>
type RefundState = RefundCommand['state']
type DeliveryStatus = Extract<ChannelCommand, { kind: 'delivery.status' }>['status']

/** Full-refund `notify_type` → refund state. */
export const MEITUAN_FULL_REFUND_NOTIFY: Readonly<Record<string, RefundState>> = {
  apply: 'requested',
  agree: 'agreed',
  reject: 'rejected',
  cancelRefund: 'withdrawn',
  cancelRefundComplaint: 'withdrawn',
}

/** Partial-refund `notify_type` → refund state (`part` is the request). */
export const MEITUAN_PART_REFUND_NOTIFY: Readonly<Record<string, RefundState>> = {
  ...MEITUAN_FULL_REFUND_NOTIFY,
  part: 'requested',
}

/** `res_type`, used when `notify_type` is absent: 0 pending, 1/3 rejected, 2/4/5 agreed. */
export const MEITUAN_REFUND_RES_TYPE: Readonly<Record<string, RefundState>> = {
  '0': 'requested',
  '1': 'rejected',
  '2': 'agreed',
  '3': 'rejected',
  '4': 'agreed',
  '5': 'agreed',
}

/** 推送退款状态 `refund_status`: 3/4 full succeeded/failed, 13/14 partial succeeded/failed. */
export const MEITUAN_REFUND_STATUS: Readonly<Record<string, { state: RefundState; full: boolean }>> = {
  '3': { state: 'succeeded', full: true },
  '4': { state: 'failed', full: true },
  '13': { state: 'succeeded', full: false },
  '14': { state: 'failed', full: false },
}

/** 美团配送 `logistics_status` → delivery status (5 is 压单, still waiting for a rider). */
export const MEITUAN_LOGISTICS_STATUS: Readonly<Record<string, DeliveryStatus>> = {
  '0': 'dispatched',
  '5': 'dispatched',
  '10': 'assigned',
  '15': 'at_store',
  '20': 'picked_up',
  '40': 'delivered',
  '100': 'cancelled',
}

/** 推送已支付订单 → `order.placed` (paid). */
export function mapOrderPaid(params: MeituanParams, ctx: MeituanMapContext): MeituanMapResult {
  return mapOrderPush(params, ctx, 'submitted')
}

/** 推送已确认订单 → `order.placed` (a no-op when already known) then `order.status` accepted. */
export function mapOrderConfirmed(params: MeituanParams, ctx: MeituanMapContext): MeituanMapResult {
  return mapOrderPush(params, ctx, 'accepted')
}

/** 推送已完成订单 → `order.status` done. */
export function mapOrderCompleted(params: MeituanParams, ctx: MeituanMapContext): MeituanMapResult {
  return status(params, ctx, 'done', undefined)
}

/** 推送订单取消 → `order.status` cancelled, with Meituan's reason (or its code). */
export function mapOrderCancelled(params: MeituanParams, ctx: MeituanMapContext): MeituanMapResult {
  const code = optional(params, 'reason_code')
  return status(params, ctx, 'cancelled', optional(params, 'reason') ?? (code ? `reason_code ${code}` : undefined))
}

/** 推送全额退款 → `refund` (full) requested / agreed / rejected / withdrawn. */
export function mapRefundFull(params: MeituanParams, ctx: MeituanMapContext): MeituanMapResult {
  return refund(params, ctx, true, MEITUAN_FULL_REFUND_NOTIFY)
}

/** 推送部分退款 → `refund` (partial, with `money`) requested / agreed / rejected / withdrawn. */
export function mapRefundPartial(params: MeituanParams, ctx: MeituanMapContext): MeituanMapResult {
  return refund(params, ctx, false, MEITUAN_PART_REFUND_NOTIFY)
}

/** 推送退款状态 → `refund` succeeded / failed. */
export function mapRefundStatus(params: MeituanParams, ctx: MeituanMapContext): MeituanMapResult {
  const outcome = lookup(MEITUAN_REFUND_STATUS, params.get('refund_status'))
  if (!outcome) return { ok: true, commands: [], ignored: 'unknown refund_status' }
  return refundCommand(params, ctx, outcome.full, outcome.state)
}

/** 推送配送状态 → `delivery.status`, rider phone masked. */
export function mapDeliveryStatus(params: MeituanParams, ctx: MeituanMapContext): MeituanMapResult {
  const orderId = required(params, 'order_id')
  if (!orderId.ok) return orderId
  const pushedAt = epochMs(params, 'timestamp')
  if (!pushedAt.ok) return pushedAt
  const at = epochMs(params, 'time', pushedAt.value)
  if (!at.ok) return at
  const deliveryStatus = lookup(MEITUAN_LOGISTICS_STATUS, params.get('logistics_status'))
  if (!deliveryStatus) return { ok: true, commands: [], ignored: 'unknown logistics_status' }
  const command: ChannelCommand = {
    kind: 'delivery.status',
    storeId: ctx.storeId,
    channel: 'meituan',
    externalId: orderId.value,
    status: deliveryStatus,
    at: at.value,
  }
  const name = optional(params, 'dispatcher_name')
  const phone = maskPhone(params.get('dispatcher_mobile'))
  if (name || phone) command.rider = { ...(name ? { name } : {}), ...(phone ? { phoneMasked: phone } : {}) }
  return { ok: true, commands: [command] }
}

/** The mapper of each push type. */
export const MEITUAN_MAPPERS: Readonly<
  Record<MeituanPushType, (params: MeituanParams, ctx: MeituanMapContext) => MeituanMapResult>
> = {
  'order-paid': mapOrderPaid,
  'order-confirmed': mapOrderConfirmed,
  'order-completed': mapOrderCompleted,
  'order-cancelled': mapOrderCancelled,
  'refund-full': mapRefundFull,
  'refund-partial': mapRefundPartial,
  'refund-status': mapRefundStatus,
  'delivery-status': mapDeliveryStatus,
}

function status(
  params: MeituanParams,
  ctx: MeituanMapContext,
  to: 'done' | 'cancelled',
  reason: string | undefined,
): MeituanMapResult {
  const orderId = required(params, 'order_id')
  if (!orderId.ok) return orderId
  const at = epochMs(params, 'timestamp')
  if (!at.ok) return at
  const command: ChannelCommand = {
    kind: 'order.status',
    storeId: ctx.storeId,
    channel: 'meituan',
    externalId: orderId.value,
    status: to,
    at: at.value,
  }
  if (reason) command.reason = reason
  return { ok: true, commands: [command] }
}

function refund(
  params: MeituanParams,
  ctx: MeituanMapContext,
  full: boolean,
  notifyTypes: Readonly<Record<string, RefundState>>,
): MeituanMapResult {
  const notifyType = params.get('notify_type')
  const state = notifyType ? lookup(notifyTypes, notifyType) : lookup(MEITUAN_REFUND_RES_TYPE, params.get('res_type'))
  if (!state) return { ok: true, commands: [], ignored: 'unknown notify_type / res_type' }
  return refundCommand(params, ctx, full, state)
}

function refundCommand(
  params: MeituanParams,
  ctx: MeituanMapContext,
  full: boolean,
  state: RefundState,
): MeituanMapResult {
  const orderId = required(params, 'order_id')
  if (!orderId.ok) return orderId
  const at = epochMs(params, 'timestamp')
  if (!at.ok) return at
  const money = fen(params, 'money', -1)
  if (!money.ok) return money
  // Older pushes lack refund_id; order + kind + ctime is stable across redeliveries of the same refund.
  const refundId =
    optional(params, 'refund_id') ?? `${orderId.value}:${full ? 'full' : 'part'}:${params.get('ctime') ?? ''}`
  const command: RefundCommand = {
    kind: 'refund',
    storeId: ctx.storeId,
    channel: 'meituan',
    externalId: orderId.value,
    refundId,
    state,
    full,
    at: at.value,
  }
  if (money.value >= 0) command.amountFen = money.value
  const reason = optional(params, 'reason')
  if (reason) command.reason = reason
  return { ok: true, commands: [command] }
}
