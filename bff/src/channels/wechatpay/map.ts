/**
 * A verified WeChat Pay notification → a canonical command: parse the envelope, decrypt the resource, validate
 * it and check it belongs to the merchant whose key signed it.
 *
 * Only `TRANSACTION.SUCCESS` and `REFUND.SUCCESS|ABNORMAL|CLOSED` become commands. Any other event type
 * (WeChat Pay also notifies pay-score, profit-sharing, complaints…) is `ignored`: the route answers 200 so
 * WeChat stops retrying something we will never process, and logs it. Ignored events are not decrypted.
 */
import type { z } from 'zod'
import type { ChannelCommand } from '../../ingest/command'
import type { WechatpayMerchant } from '../deps'
import { decryptWechatpayResource } from './decrypt'
import { type Envelope, envelopeSchema, refundSchema, transactionSchema } from './schemas'

/** Why a verified notification could not be used. */
export interface WechatpayMapError {
  code: 'MALFORMED_BODY' | 'DECRYPT_FAILED' | 'MALFORMED_RESOURCE' | 'MERCHANT_MISMATCH' | 'UNEXPECTED_STATE'
  message: string
}

/** The result of mapping a notification. */
export type WechatpayMapResult =
  | { ok: true; kind: 'command'; command: ChannelCommand; notificationId: string }
  | { ok: true; kind: 'ignored'; eventType: string; notificationId: string }
  | { ok: false; error: WechatpayMapError }

/** Refund event type → the `refund_status` it must carry and the refund state it records. */
export const WECHATPAY_REFUND_EVENTS = {
  'REFUND.SUCCESS': { status: 'SUCCESS', state: 'succeeded' },
  'REFUND.ABNORMAL': { status: 'ABNORMAL', state: 'failed' },
  'REFUND.CLOSED': { status: 'CLOSED', state: 'failed' },
} as const

type RefundEvent = keyof typeof WECHATPAY_REFUND_EVENTS

function isRefundEvent(eventType: string): eventType is RefundEvent {
  return Object.hasOwn(WECHATPAY_REFUND_EVENTS, eventType)
}

/** Maps the raw body of a notification whose signature has been verified. Never throws. */
export function mapWechatpayNotification(rawBody: string, merchant: WechatpayMerchant): WechatpayMapResult {
  let json: unknown
  try {
    json = JSON.parse(rawBody)
  } catch {
    return fail('MALFORMED_BODY', 'the body is not JSON')
  }
  const envelope = envelopeSchema.safeParse(json)
  if (!envelope.success) return fail('MALFORMED_BODY', `the envelope ${describe(envelope.error)}`)
  const { event_type: eventType, id: notificationId } = envelope.data
  if (eventType !== 'TRANSACTION.SUCCESS' && !isRefundEvent(eventType))
    return { ok: true, kind: 'ignored', eventType, notificationId }
  if (envelope.data.resource.algorithm !== 'AEAD_AES_256_GCM') {
    return fail('MALFORMED_BODY', 'resource.algorithm is not AEAD_AES_256_GCM')
  }
  const decrypted = decryptWechatpayResource(envelope.data.resource, merchant.apiV3Key)
  if (!decrypted.ok) return decrypted
  let resource: unknown
  try {
    resource = JSON.parse(decrypted.plaintext)
  } catch {
    return fail('MALFORMED_RESOURCE', 'the decrypted resource is not JSON')
  }
  return isRefundEvent(eventType)
    ? mapRefund(envelope.data, eventType, resource, merchant)
    : mapTransaction(envelope.data, resource, merchant)
}

/** `TRANSACTION.SUCCESS` → `payment.succeeded`, after checking trade_state, mchid and appid. */
export function mapTransaction(envelope: Envelope, resource: unknown, merchant: WechatpayMerchant): WechatpayMapResult {
  const parsed = transactionSchema.safeParse(resource)
  if (!parsed.success) return fail('MALFORMED_RESOURCE', `the transaction ${describe(parsed.error)}`)
  const transaction = parsed.data
  if (transaction.mchid !== merchant.mchid || transaction.appid !== merchant.appid) {
    return fail('MERCHANT_MISMATCH', 'the transaction is not for this store’s mchid/appid')
  }
  if (transaction.trade_state !== 'SUCCESS') return fail('UNEXPECTED_STATE', 'trade_state is not SUCCESS')
  return command(envelope, {
    kind: 'payment.succeeded',
    storeId: merchant.storeId,
    provider: 'wechatpay',
    notificationId: envelope.id,
    outTradeNo: transaction.out_trade_no,
    transactionId: transaction.transaction_id,
    amountFen: transaction.amount.total,
    payerTotalFen: transaction.amount.payer_total ?? transaction.amount.total,
    at: Date.parse(transaction.success_time ?? envelope.create_time),
  })
}

/**
 * `REFUND.*` → `refund` keyed by `out_refund_no` (the merchant's own refund number), succeeded or failed;
 * `full` when the refund equals the order total.
 */
export function mapRefund(
  envelope: Envelope,
  eventType: RefundEvent,
  resource: unknown,
  merchant: WechatpayMerchant,
): WechatpayMapResult {
  const parsed = refundSchema.safeParse(resource)
  if (!parsed.success) return fail('MALFORMED_RESOURCE', `the refund ${describe(parsed.error)}`)
  const refund = parsed.data
  if (refund.mchid !== merchant.mchid) return fail('MERCHANT_MISMATCH', 'the refund is not for this store’s mchid')
  const expected = WECHATPAY_REFUND_EVENTS[eventType]
  if (refund.refund_status !== expected.status) {
    return fail('UNEXPECTED_STATE', `refund_status does not match ${eventType}`)
  }
  return command(envelope, {
    kind: 'refund',
    storeId: merchant.storeId,
    channel: 'wechatpay',
    externalId: refund.out_trade_no,
    refundId: refund.out_refund_no,
    state: expected.state,
    amountFen: refund.amount.refund,
    full: refund.amount.refund === refund.amount.total,
    at: Date.parse(refund.success_time ?? envelope.create_time),
  })
}

function command(envelope: Envelope, value: ChannelCommand): WechatpayMapResult {
  return { ok: true, kind: 'command', command: value, notificationId: envelope.id }
}

function describe(error: z.ZodError): string {
  const issue = error.issues[0]
  return `does not match the expected shape at ${issue?.path.join('.') || '(root)'}`
}

function fail(code: WechatpayMapError['code'], message: string): WechatpayMapResult {
  return { ok: false, error: { code, message } }
}
