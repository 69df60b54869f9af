/**
 * Paying for an order. weapp: `wx.requestPayment` with the parameters the BFF prepared and signed. h5 (the
 * demo) has no WeChat Pay: the app shows a sandbox payment page whose "pay" asks the BFF to send itself the
 * real-format notification, so `paymentMode` tells the checkout which way to go.
 */

import type { JsapiPayment, PaymentMode } from './payment-error'
import { unavailable } from './unavailable'

export { type JsapiPayment, PaymentError, type PaymentMode } from './payment-error'

export const paymentMode: PaymentMode = 'sandbox'

/** Opens the platform payment sheet; resolves once the customer paid, rejects with a `PaymentError`. */
export const requestPayment = (_params: JsapiPayment): Promise<void> => unavailable('payment')
