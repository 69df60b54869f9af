import { type JsapiPayment, PaymentError, type PaymentMode } from './payment-error'

export type { JsapiPayment, PaymentMode }

export { PaymentError }

export const paymentMode: PaymentMode = 'sandbox'

export function requestPayment(_params: JsapiPayment): Promise<void> {
  return Promise.reject(new PaymentError(false, 'h5 没有微信支付, 请使用沙箱支付'))
}
