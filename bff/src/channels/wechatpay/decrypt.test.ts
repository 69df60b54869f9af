import { describe, expect, it } from 'vitest'
import { readFixture, type WechatpayGoFixture, type WechatpayJavaFixture } from '../__fixtures__/load'
import { decryptWechatpayResource, encryptWechatpayResource } from './decrypt'

const java = readFixture<WechatpayJavaFixture>('wechatpay-java-aes256gcm.json')
const go = readFixture<WechatpayGoFixture>('wechatpay-go-notification.json')
const javaResource = { ciphertext: java.ciphertextBase64, nonce: java.nonce, associated_data: java.associatedData }

describe('decryptWechatpayResource', () => {
  it('decrypts the wechatpay-java AES-256-GCM vector, and encrypting reproduces it', () => {
    expect(decryptWechatpayResource(javaResource, java.apiV3Key)).toEqual({ ok: true, plaintext: 'message' })
    expect(encryptWechatpayResource(java.plaintext, java.apiV3Key, java.nonce, java.associatedData)).toBe(
      java.ciphertextBase64,
    )
  })

  it('decrypts the wechatpay-go notification resource with its 16-byte key as AES-128-GCM', () => {
    const { resource } = JSON.parse(go.body) as {
      resource: { ciphertext: string; nonce: string; associated_data: string }
    }
    const result = decryptWechatpayResource(resource, go.apiV3Key16)
    expect(result.ok && JSON.parse(result.plaintext)).toEqual(go.decryptedWithAes128Gcm)
  })

  it('decrypts the wechatpay-go utils/aes_test.go vector', () => {
    const resource = {
      ciphertext: 'FsdXzxryWfKwvLJKf8LG/ToRPTRh8RN9wROC',
      nonce: 'wCq51qZv4Yfg',
      associated_data: 'Dl56FrqWQJF1t9LtC3vEUsniZKvbqdR8',
    }
    expect(decryptWechatpayResource(resource, 'testAPIv3Key0000')).toEqual({ ok: true, plaintext: 'Hello World' })
  })

  it('round-trips with an empty associated_data and a Uint8Array key', () => {
    const key = new Uint8Array(32).fill(7)
    const ciphertext = encryptWechatpayResource('{"a":"支付"}', key, 'abcdefghijkl')
    expect(decryptWechatpayResource({ ciphertext, nonce: 'abcdefghijkl', associated_data: '' }, key)).toEqual({
      ok: true,
      plaintext: '{"a":"支付"}',
    })
    expect(decryptWechatpayResource({ ciphertext, nonce: 'abcdefghijkl' }, key).ok).toBe(true)
  })

  const tag = Buffer.from(java.ciphertextBase64, 'base64')
  tag[tag.length - 1] = (tag[tag.length - 1] ?? 0) ^ 1
  it.each([
    ['a flipped tag bit', { ...javaResource, ciphertext: tag.toString('base64') }, java.apiV3Key],
    ['another AAD', { ...javaResource, associated_data: 'certificate' }, java.apiV3Key],
    ['no AAD when there was one', { ...javaResource, associated_data: undefined }, java.apiV3Key],
    ['another nonce', { ...javaResource, nonce: 'uluk4a9R25RX' }, java.apiV3Key],
    ['another key', javaResource, 'b'.repeat(32)],
    ['a 31-byte key', javaResource, 'b'.repeat(31)],
    ['a non-ASCII key of 32 characters (not 32 bytes)', javaResource, '密'.repeat(32)],
    ['an empty nonce', { ...javaResource, nonce: '' }, java.apiV3Key],
    ['not base64', { ...javaResource, ciphertext: 'not base64!' }, java.apiV3Key],
    ['a ciphertext shorter than a tag', { ...javaResource, ciphertext: 'AAAA' }, java.apiV3Key],
  ])('refuses %s with DECRYPT_FAILED', (_, resource, key) => {
    const result = decryptWechatpayResource(resource, key)
    expect(result.ok ? 'OK' : result.error.code).toBe('DECRYPT_FAILED')
    expect(JSON.stringify(result)).not.toContain(java.apiV3Key)
  })
})
