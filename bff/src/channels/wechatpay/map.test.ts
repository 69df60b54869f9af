import { describe, expect, it } from 'vitest'
import type { WechatpayMerchant } from '../deps'
import { readFixture, type WechatpayGoFixture } from '../__fixtures__/load'
import { encryptWechatpayResource } from './decrypt'
import { mapWechatpayNotification } from './map'
import { generateTestMerchant, refundResource, simulateWechatpayNotification, transactionResource } from './simulate'

const test = generateTestMerchant()
const merchant: WechatpayMerchant = {
  storeId: 'store-1',
  mchid: test.mchid,
  appid: test.appid,
  apiV3Key: test.apiV3Key,
  publicKey: test.publicKey,
}
const nowMs = Date.UTC(2025, 0, 2, 4, 0, 0)
const sign = { privateKey: test.privateKey, serial: test.serial, apiV3Key: test.apiV3Key, nowMs }
const paid = (overrides: Partial<Parameters<typeof transactionResource>[0]> = {}) =>
  simulateWechatpayNotification({
    ...sign,
    id: 'EV-1',
    eventType: 'TRANSACTION.SUCCESS',
    originalType: 'transaction',
    resource: transactionResource({
      mchid: test.mchid,
      appid: test.appid,
      outTradeNo: 'XD20250102-0001',
      transactionId: '4200000001',
      amountFen: 1800,
      payerTotalFen: 1500,
      successTimeMs: nowMs - 5000,
      ...overrides,
    }),
  }).body
const refunded = (status: 'SUCCESS' | 'ABNORMAL' | 'CLOSED', eventType = `REFUND.${status}`, refundFen = 1800) =>
  simulateWechatpayNotification({
    ...sign,
    id: 'EV-2',
    eventType,
    originalType: 'refund',
    resource: refundResource({
      mchid: test.mchid,
      outTradeNo: 'XD20250102-0001',
      outRefundNo: 'RF-1',
      refundFen,
      totalFen: 1800,
      status,
      successTimeMs: nowMs,
    }),
  }).body

type Resource = { ciphertext: string; nonce: string }

function withResource(body: string, change: (resource: Resource) => void): string {
  const envelope = JSON.parse(body) as { resource: Resource }
  change(envelope.resource)
  return JSON.stringify(envelope)
}

function flipFirstByte(resource: Resource): void {
  const bytes = Buffer.from(resource.ciphertext, 'base64')
  bytes[0] = (bytes[0] ?? 0) ^ 1
  resource.ciphertext = bytes.toString('base64')
}

function codeOf(result: ReturnType<typeof mapWechatpayNotification>): string {
  return result.ok ? result.kind : result.error.code
}

describe('mapWechatpayNotification', () => {
  it('maps TRANSACTION.SUCCESS to payment.succeeded', () => {
    expect(mapWechatpayNotification(paid(), merchant)).toEqual({
      ok: true,
      kind: 'command',
      notificationId: 'EV-1',
      command: {
        kind: 'payment.succeeded',
        storeId: 'store-1',
        provider: 'wechatpay',
        notificationId: 'EV-1',
        outTradeNo: 'XD20250102-0001',
        transactionId: '4200000001',
        amountFen: 1800,
        payerTotalFen: 1500,
        at: nowMs - 5000,
      },
    })
  })

  it.each([
    ['SUCCESS', 'succeeded'],
    ['ABNORMAL', 'failed'],
    ['CLOSED', 'failed'],
  ] as const)('maps REFUND.%s to a %s refund', (status, state) => {
    const result = mapWechatpayNotification(refunded(status), merchant)
    expect(result.ok && result.kind === 'command' && result.command).toEqual({
      kind: 'refund',
      storeId: 'store-1',
      channel: 'wechatpay',
      externalId: 'XD20250102-0001',
      refundId: 'RF-1',
      state,
      amountFen: 1800,
      full: true,
      at: nowMs,
    })
  })

  it('marks a partial refund as not full', () => {
    const result = mapWechatpayNotification(refunded('SUCCESS', 'REFUND.SUCCESS', 500), merchant)
    expect(result.ok && result.kind === 'command' && result.command).toMatchObject({ amountFen: 500, full: false })
  })

  it('ignores other event types without decrypting them (the wechatpay-go pay-score vector)', () => {
    const go = readFixture<WechatpayGoFixture>('wechatpay-go-notification.json')
    expect(mapWechatpayNotification(go.body, merchant)).toEqual({
      ok: true,
      kind: 'ignored',
      eventType: 'PAYSCORE.USER_OPEN_SERVICE',
      notificationId: '3119dfba-e649-5eec-ab1e-3412bc4d2e17',
    })
  })

  it.each([
    ['another mchid', () => paid({ mchid: '1999999999' }), 'MERCHANT_MISMATCH'],
    ['another appid', () => paid({ appid: 'wx0000' }), 'MERCHANT_MISMATCH'],
    ['a trade_state other than SUCCESS', () => paid({ tradeState: 'NOTPAY' }), 'UNEXPECTED_STATE'],
    ['a negative amount', () => paid({ amountFen: -1 }), 'MALFORMED_RESOURCE'],
    ['a fractional amount', () => paid({ amountFen: 18.5 }), 'MALFORMED_RESOURCE'],
    ['a refund_status that contradicts the event', () => refunded('CLOSED', 'REFUND.SUCCESS'), 'UNEXPECTED_STATE'],
    ['a body that is not JSON', () => '{"id":', 'MALFORMED_BODY'],
    [
      'an envelope without resource',
      () =>
        '{"id":"1","create_time":"2025-01-01T00:00:00+08:00","event_type":"TRANSACTION.SUCCESS","resource_type":"encrypt-resource"}',
      'MALFORMED_BODY',
    ],
    ['another algorithm', () => paid().replace('AEAD_AES_256_GCM', 'AEAD_SM4_GCM'), 'MALFORMED_BODY'],
    ['a tampered ciphertext', () => withResource(paid(), flipFirstByte), 'DECRYPT_FAILED'],
  ])('refuses %s', (_, body, code) => {
    expect(codeOf(mapWechatpayNotification(body(), merchant))).toBe(code)
  })

  it('refuses a resource encrypted under another APIv3 key', () => {
    expect(codeOf(mapWechatpayNotification(paid(), { ...merchant, apiV3Key: 'x'.repeat(32) }))).toBe('DECRYPT_FAILED')
  })

  it('refuses a resource that decrypts to something other than JSON', () => {
    const body = simulateWechatpayNotification({
      ...sign,
      eventType: 'TRANSACTION.SUCCESS',
      originalType: 'transaction',
      resource: {},
    }).body
    const broken = withResource(body, (resource) => {
      resource.ciphertext = encryptWechatpayResource('not json', test.apiV3Key, resource.nonce, 'transaction')
    })
    expect(codeOf(mapWechatpayNotification(broken, merchant))).toBe('MALFORMED_RESOURCE')
  })
})
