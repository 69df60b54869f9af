import Taro from '@tarojs/taro'
import { type JsapiPayment, PaymentError, type PaymentMode } from './payment-error'

export type { JsapiPayment, PaymentMode }

export { PaymentError }

export const paymentMode: PaymentMode = 'jsapi'

export async function requestPayment(params: JsapiPayment): Promise<void> {
  try {
    await Taro.requestPayment({ ...params })
  } catch (err) {
    const errMsg = typeof err === 'object' && err !== null && 'errMsg' in err ? String(err.errMsg) : String(err)
    throw new PaymentError(/cancel/.test(errMsg), errMsg)
  }
}
