/** The `wx.requestPayment` parameters, as `POST …/orders/:orderId/jsapi` answers them. */
export interface JsapiPayment {
  readonly appId?: string
  readonly timeStamp: string
  readonly nonceStr: string
  readonly package: string
  readonly signType: 'RSA'
  readonly paySign: string
}

/** `jsapi`: the platform's payment sheet; `sandbox`: the demo's payment page (h5). */
export type PaymentMode = 'jsapi' | 'sandbox'

/** Why a payment did not go through. `cancelled`: the customer closed the payment sheet. */
export class PaymentError extends Error {
  override readonly name = 'PaymentError'
  constructor(
    readonly cancelled: boolean,
    message: string,
  ) {
    super(message)
  }
}
