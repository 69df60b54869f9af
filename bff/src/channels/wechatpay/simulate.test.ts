import { describe, expect, it } from 'vitest'
import { decryptWechatpayResource } from './decrypt'
import { NonceCache } from './nonce-cache'
import { generateTestMerchant, simulateWechatpayNotification, transactionResource } from './simulate'
import { readWechatpayHeaders, verifyWechatpayNotification } from './verify'

describe('simulateWechatpayNotification', () => {
  it('produces a notification that verifies with the fresh key and decrypts with the fresh APIv3 key', () => {
    const merchant = generateTestMerchant()
    expect(Buffer.byteLength(merchant.apiV3Key)).toBe(32)
    expect(merchant.serial).toMatch(/^PUB_KEY_ID_\d{28}$/)
    const nowMs = 1_735_790_400_000
    const resource = transactionResource({
      mchid: merchant.mchid,
      appid: merchant.appid,
      outTradeNo: 'XD-1',
      amountFen: 1800,
      successTimeMs: nowMs,
    })
    const { headers, body } = simulateWechatpayNotification({
      privateKey: merchant.privateKey,
      serial: merchant.serial,
      apiV3Key: merchant.apiV3Key,
      eventType: 'TRANSACTION.SUCCESS',
      originalType: 'transaction',
      resource,
      nowMs,
    })
    const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]))
    const verified = verifyWechatpayNotification({
      headers: readWechatpayHeaders((name) => lower[name.toLowerCase()]),
      rawBody: body,
      resolveKey: (serial) => (serial === merchant.serial ? merchant.publicKey : undefined),
      nowMs,
      nonceCache: new NonceCache(),
    })
    expect(verified).toMatchObject({ ok: true })
    const envelope = JSON.parse(body) as {
      create_time: string
      resource: { ciphertext: string; nonce: string; associated_data: string }
    }
    expect(envelope.create_time).toBe('2025-01-02T12:00:00+08:00')
    expect(envelope.resource.associated_data).toBe('transaction')
    const decrypted = decryptWechatpayResource(envelope.resource, merchant.apiV3Key)
    expect(decrypted.ok && JSON.parse(decrypted.plaintext)).toEqual(resource)
  })
})
