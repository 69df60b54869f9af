import { createPublicKey, verify } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { goTestPrivateKeyPem, readFixture, type WechatpayGoFixture } from '../__fixtures__/load'
import { jsapiSignedMessage, signJsapiPayment } from './jsapi'
import { generateTestMerchant } from './simulate'

const go = readFixture<WechatpayGoFixture>('wechatpay-go-notification.json')

describe('signJsapiPayment', () => {
  it('signs appId\\ntimeStamp\\nnonceStr\\npackage\\n with SHA256withRSA', () => {
    const params = signJsapiPayment({
      appId: 'wx2421b1c4370ec43b',
      prepayId: 'wx201410272009395522657a690389285100',
      privateKey: goTestPrivateKeyPem(go),
      nowMs: 1554208460_000,
      nonceStr: '593BEC0C930BF1AFEB40B4A08C8FB242',
    })
    expect(params).toMatchObject({
      appId: 'wx2421b1c4370ec43b',
      timeStamp: '1554208460',
      nonceStr: '593BEC0C930BF1AFEB40B4A08C8FB242',
      package: 'prepay_id=wx201410272009395522657a690389285100',
      signType: 'RSA',
    })
    const message = jsapiSignedMessage(params.appId, params.timeStamp, params.nonceStr, params.package)
    expect(message).toBe(
      'wx2421b1c4370ec43b\n1554208460\n593BEC0C930BF1AFEB40B4A08C8FB242\nprepay_id=wx201410272009395522657a690389285100\n',
    )
    const publicKey = createPublicKey(go.platformPublicKey)
    expect(verify('sha256', Buffer.from(message), publicKey, Buffer.from(params.paySign, 'base64'))).toBe(true)
  })

  it('draws a fresh nonce when none is given', () => {
    const { privateKey } = generateTestMerchant()
    const a = signJsapiPayment({ appId: 'wx1', prepayId: 'p', privateKey, nowMs: 0 })
    const b = signJsapiPayment({ appId: 'wx1', prepayId: 'p', privateKey, nowMs: 0 })
    expect(a.nonceStr).toMatch(/^[0-9A-F]{32}$/)
    expect(a.nonceStr).not.toBe(b.nonceStr)
  })
})
