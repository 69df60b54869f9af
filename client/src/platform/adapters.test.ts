import { describe, expect, expectTypeOf, it } from 'vitest'
import { loginCode } from './login.h5'
import { PaymentError, paymentMode, requestPayment } from './payment.h5'
import { storage } from './storage.h5'

describe('consumer platform files conform to their contracts', () => {
  it('login and payment', () => {
    expectTypeOf<typeof import('./login.h5')>().toExtend<typeof import('./login')>()
    expectTypeOf<typeof import('./login.weapp')>().toExtend<typeof import('./login')>()
    expectTypeOf<typeof import('./payment.h5')>().toExtend<typeof import('./payment')>()
    expectTypeOf<typeof import('./payment.weapp')>().toExtend<typeof import('./payment')>()
  })
})

describe('h5 login and payment', () => {
  it('makes up one login code per browser and keeps it', async () => {
    storage.removeItem('xd.consumer.code')
    const first = await loginCode()
    expect(first).toMatch(/^h5-[0-9a-f]{32}$/)
    expect(await loginCode()).toBe(first)
  })

  it('pays through the sandbox page, never a payment sheet', async () => {
    expect(paymentMode).toBe('sandbox')
    await expect(
      requestPayment({ timeStamp: '1', nonceStr: 'n', package: 'prepay_id=x', signType: 'RSA', paySign: 's' }),
    ).rejects.toBeInstanceOf(PaymentError)
  })
})
