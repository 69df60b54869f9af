import type { JsapiPayment, PaymentMode } from '@/platform/payment'
import type { ConsumerApi } from './api'

/**
 * Pays one of the customer's orders (a booking's hold, a pass purchase, a drink order) the platform's
 * way: the signed `wx.requestPayment` sheet in the mini-program, the BFF's sandbox notification on h5.
 * Resolves once the payment went through; the thing paid for follows the order on the server.
 */
export async function payOrder(
  deps: {
    api: Pick<ConsumerApi, 'jsapiPayment' | 'sandboxPay'>
    paymentMode: PaymentMode
    requestPayment: (p: JsapiPayment) => Promise<void>
  },
  storeId: string,
  orderId: string,
): Promise<void> {
  if (deps.paymentMode === 'sandbox') {
    await deps.api.sandboxPay(storeId, orderId)
    return
  }
  await deps.requestPayment(await deps.api.jsapiPayment(storeId, orderId))
}
