/**
 * The platform side of WeChat Pay notifications, for the simulator, the demo and tests: encrypt a transaction
 * or refund resource with the APIv3 key, wrap it in the envelope, sign it with the platform private key.
 */
import { generateKeyPairSync, type KeyObject, randomBytes, randomInt, randomUUID } from 'node:crypto'
import { encryptWechatpayResource } from './decrypt'
import { type PrivateKeyInput, rsaSha256Sign } from './rsa'
import { wechatpaySignedMessage } from './verify'

/** A freshly generated merchant with its platform key pair: test material only. */
export interface TestMerchant {
  mchid: string
  appid: string
  /** 32 random alphanumeric characters (32 bytes), as WeChat Pay's portal issues. */
  apiV3Key: string
  /** A `PUB_KEY_ID_…` serial naming the platform key. */
  serial: string
  privateKey: KeyObject
  publicKey: KeyObject
  publicKeyPem: string
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

function randomText(length: number, alphabet = ALPHANUMERIC): string {
  return Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join('')
}

/** A fresh RSA-2048 platform key pair, a random 32-byte APIv3 key and random ids. */
export function generateTestMerchant(): TestMerchant {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  return {
    mchid: `19${randomText(8, '0123456789')}`,
    appid: `wx${randomBytes(8).toString('hex')}`,
    apiV3Key: randomText(32),
    serial: `PUB_KEY_ID_01${randomText(26, '0123456789')}`,
    privateKey,
    publicKey,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  }
}

/** A signed notification, ready to POST as `application/json`. */
export interface SimulatedWechatpayNotification {
  headers: Record<string, string>
  body: string
}

/** Input of `simulateWechatpayNotification`. */
export interface SimulateWechatpayInput {
  /** The platform private key. */
  privateKey: PrivateKeyInput
  serial: string
  apiV3Key: string
  eventType: string
  summary?: string
  /** `transaction`, `refund`… also used as the associated data unless `associatedData` is given. */
  originalType: string
  /** The plaintext business object (see `transactionResource`, `refundResource`). */
  resource: object
  nowMs: number
  id?: string
  /** The header nonce (32 characters when left out). */
  nonce?: string
  /** The resource's GCM nonce (12 characters when left out). */
  resourceNonce?: string
  associatedData?: string
}

/** Encrypts, wraps and signs one notification. */
export function simulateWechatpayNotification(input: SimulateWechatpayInput): SimulatedWechatpayNotification {
  const resourceNonce = input.resourceNonce ?? randomText(12)
  const associatedData = input.associatedData ?? input.originalType
  const body = JSON.stringify({
    id: input.id ?? randomUUID(),
    create_time: rfc3339(input.nowMs),
    resource_type: 'encrypt-resource',
    event_type: input.eventType,
    summary: input.summary ?? (input.eventType.startsWith('REFUND.') ? '退款成功' : '支付成功'),
    resource: {
      original_type: input.originalType,
      algorithm: 'AEAD_AES_256_GCM',
      ciphertext: encryptWechatpayResource(
        JSON.stringify(input.resource),
        input.apiV3Key,
        resourceNonce,
        associatedData,
      ),
      associated_data: associatedData,
      nonce: resourceNonce,
    },
  })
  const timestamp = String(Math.floor(input.nowMs / 1000))
  const nonce = input.nonce ?? randomText(32)
  return {
    headers: {
      'Content-Type': 'application/json',
      'Wechatpay-Timestamp': timestamp,
      'Wechatpay-Nonce': nonce,
      'Wechatpay-Serial': input.serial,
      'Wechatpay-Signature-Type': 'WECHATPAY2-SHA256-RSA2048',
      'Wechatpay-Signature': rsaSha256Sign(wechatpaySignedMessage(timestamp, nonce, body), input.privateKey),
      'Request-ID': randomUUID(),
    },
    body,
  }
}

/** A paid JSAPI transaction as WeChat Pay sends it. */
export function transactionResource(input: {
  mchid: string
  appid: string
  outTradeNo: string
  amountFen: number
  payerTotalFen?: number
  successTimeMs: number
  transactionId?: string
  tradeState?: string
}): object {
  return {
    mchid: input.mchid,
    appid: input.appid,
    out_trade_no: input.outTradeNo,
    transaction_id: input.transactionId ?? `4200${randomText(24, '0123456789')}`,
    trade_type: 'JSAPI',
    trade_state: input.tradeState ?? 'SUCCESS',
    trade_state_desc: '支付成功',
    bank_type: 'OTHERS',
    attach: '',
    success_time: rfc3339(input.successTimeMs),
    payer: { openid: `o${randomText(27)}` },
    amount: {
      total: input.amountFen,
      payer_total: input.payerTotalFen ?? input.amountFen,
      currency: 'CNY',
      payer_currency: 'CNY',
    },
  }
}

/** A refund result as WeChat Pay sends it. */
export function refundResource(input: {
  mchid: string
  outTradeNo: string
  outRefundNo: string
  refundFen: number
  totalFen: number
  status: 'SUCCESS' | 'ABNORMAL' | 'CLOSED'
  successTimeMs: number
}): object {
  return {
    mchid: input.mchid,
    transaction_id: `4200${randomText(24, '0123456789')}`,
    out_trade_no: input.outTradeNo,
    refund_id: `5030${randomText(25, '0123456789')}`,
    out_refund_no: input.outRefundNo,
    refund_status: input.status,
    success_time: rfc3339(input.successTimeMs),
    user_received_account: '支付用户零钱',
    amount: {
      total: input.totalFen,
      refund: input.refundFen,
      payer_total: input.totalFen,
      payer_refund: input.refundFen,
    },
  }
}

/** `2024-01-01T12:00:00+08:00`: WeChat Pay writes times in Beijing time. */
function rfc3339(ms: number): string {
  return `${new Date(ms + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`
}
