import { generateKeyPairSync } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { readFixture, readTestCertificatePem, type WechatpayGoFixture } from '../__fixtures__/load'
import { loadWechatpayPublicKey, WechatpayMerchantDirectory } from './keys'

const go = readFixture<WechatpayGoFixture>('wechatpay-go-notification.json')
const merchant = { storeId: 's1', mchid: '1900000100', appid: 'wx1', apiV3Key: 'k'.repeat(32) }

describe('loadWechatpayPublicKey', () => {
  it('loads a public key PEM and a certificate with its serial', () => {
    expect(loadWechatpayPublicKey(go.platformPublicKey).ok).toBe(true)
    const certificate = loadWechatpayPublicKey(readTestCertificatePem())
    expect(certificate.ok && certificate.certificateSerial).toBe('D7CE59D1F522D701')
  })

  it('refuses garbage and non-RSA keys without echoing them', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' })
    expect(loadWechatpayPublicKey('-----BEGIN PUBLIC KEY-----\nsecret\n-----END PUBLIC KEY-----')).toEqual({
      ok: false,
      message: 'not a PEM public key or certificate',
    })
    expect(loadWechatpayPublicKey(ec.toString())).toEqual({ ok: false, message: 'not an RSA key' })
  })
})

describe('WechatpayMerchantDirectory', () => {
  it('finds merchants by serial in any case, certificate serials included', () => {
    const created = WechatpayMerchantDirectory.create([
      {
        ...merchant,
        platformKeys: [
          { serial: 'PUB_KEY_ID_0114232134912410000000000000', pem: go.platformPublicKey },
          { pem: readTestCertificatePem() },
        ],
      },
    ])
    if (!created.ok) throw new Error(created.message)
    expect(created.directory.bySerial('pub_key_id_0114232134912410000000000000')?.storeId).toBe('s1')
    expect(created.directory.bySerial('d7ce59d1f522d701')?.mchid).toBe('1900000100')
    expect(created.directory.bySerial('D7CE59D1F522D702')).toBeUndefined()
  })

  it.each([
    ['a short APIv3 key', { ...merchant, apiV3Key: 'short', platformKeys: [] }, 'the APIv3 key must be 32 bytes'],
    ['a bad key', { ...merchant, platformKeys: [{ serial: 'S', pem: 'x' }] }, 'not a PEM'],
    ['a public key without serial', { ...merchant, platformKeys: [{ pem: go.platformPublicKey }] }, 'needs its serial'],
    [
      'a duplicate serial',
      {
        ...merchant,
        platformKeys: [
          { serial: 'a', pem: go.platformPublicKey },
          { serial: 'A', pem: go.platformPublicKey },
        ],
      },
      'configured twice',
    ],
  ])('refuses %s', (_, config, message) => {
    const created = WechatpayMerchantDirectory.create([config])
    expect(created.ok ? '' : created.message).toContain(message)
    expect(created.ok ? '' : created.message).not.toContain('k'.repeat(32))
  })
})
