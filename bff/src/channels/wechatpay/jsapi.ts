/**
 * The parameters the mini-program passes to `wx.requestPayment` for a JSAPI prepay order, signed with the
 * merchant's private key: `paySign = base64(SHA256withRSA(appId\ntimeStamp\nnonceStr\npackage\n))`.
 */
import { randomBytes } from 'node:crypto'
import { type PrivateKeyInput, rsaSha256Sign } from './rsa'

/** What `wx.requestPayment` takes. */
export interface JsapiPaymentParams {
  appId: string
  /** Unix seconds, as a string. */
  timeStamp: string
  nonceStr: string
  /** `prepay_id=…` */
  package: string
  signType: 'RSA'
  paySign: string
}

/** Input of `signJsapiPayment`. */
export interface SignJsapiPaymentInput {
  appId: string
  prepayId: string
  /** The merchant API private key (`apiclient_key.pem`). */
  privateKey: PrivateKeyInput
  nowMs: number
  /** A random 32-character string when left out. */
  nonceStr?: string
}

/** The message `paySign` signs: four lines, each ending in `\n`. */
export function jsapiSignedMessage(appId: string, timeStamp: string, nonceStr: string, pkg: string): string {
  return `${appId}\n${timeStamp}\n${nonceStr}\n${pkg}\n`
}

/** Builds and signs the `wx.requestPayment` parameters. */
export function signJsapiPayment(input: SignJsapiPaymentInput): JsapiPaymentParams {
  const timeStamp = String(Math.floor(input.nowMs / 1000))
  const nonceStr = input.nonceStr ?? randomBytes(16).toString('hex').toUpperCase()
  const pkg = `prepay_id=${input.prepayId}`
  return {
    appId: input.appId,
    timeStamp,
    nonceStr,
    package: pkg,
    signType: 'RSA',
    paySign: rsaSha256Sign(jsapiSignedMessage(input.appId, timeStamp, nonceStr, pkg), input.privateKey),
  }
}
