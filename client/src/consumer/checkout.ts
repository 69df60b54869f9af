import type { FulfilmentType } from '@xiaodian/domain'
import { createStore, type StoreApi } from 'zustand/vanilla'
import type { JsapiPayment, PaymentMode } from '@/platform/payment'
import type { ConsumerApi, OrderView } from './api'
import { type CartLine, cartRequestLines } from './cart-store'

/** Where a checkout stands. */
export const CheckoutStatus = {
  idle: 'idle',
  placing: 'placing',
  paying: 'paying',
  /** Placed; the h5 demo continues on the sandbox payment page. */
  awaitingSandbox: 'awaitingSandbox',
  paid: 'paid',
  failed: 'failed',
} as const
export type CheckoutStatus = (typeof CheckoutStatus)[keyof typeof CheckoutStatus]

export interface CheckoutState {
  readonly status: CheckoutStatus
  /** The id of the order being placed: kept across retries, so a retried submit is the same order. */
  readonly orderId: string | null
  readonly order: OrderView | null
  readonly error: unknown
}

export interface CheckoutInput {
  readonly storeId: string
  readonly lines: readonly CartLine[]
  readonly fulfilment: FulfilmentType
  readonly notes: string
  readonly coupons: readonly string[]
}

export interface CheckoutDeps {
  readonly api: Pick<ConsumerApi, 'placeOrder' | 'jsapiPayment' | 'sandboxPay'>
  readonly paymentMode: PaymentMode
  readonly requestPayment: (params: JsapiPayment) => Promise<void>
  /** A new order id (32 hex characters fit WeChat Pay's `out_trade_no`). */
  readonly newOrderId: () => string
}

export interface Checkout {
  readonly store: StoreApi<CheckoutState>
  /** Places the order (idempotently) and pays it the platform's way; resolves with the order, or null on failure. */
  submit(input: CheckoutInput): Promise<OrderView | null>
  /** The h5 sandbox: the BFF sends itself the payment notification. */
  paySandbox(storeId: string, orderId: string): Promise<OrderView | null>
  /** Forget a finished or abandoned checkout; the next submit is a new order. */
  reset(): void
}

/**
 * The checkout flow, framework-free: place → pay. The BFF prices the order itself; the client never
 * sends an amount. An order that was placed but not paid stays an order: the customer can pay it later
 * from the order page, and a retry of the same submit never creates a second one.
 */
export function createCheckout(deps: CheckoutDeps): Checkout {
  const store = createStore<CheckoutState>()(() => ({ status: 'idle', orderId: null, order: null, error: null }))
  const set = (patch: Partial<CheckoutState>) => store.setState(patch)

  const pay = async (storeId: string, order: OrderView): Promise<OrderView> => {
    if (deps.paymentMode === 'sandbox') {
      set({ status: 'awaitingSandbox', order })
      return order
    }
    set({ status: 'paying', order })
    const params = await deps.api.jsapiPayment(storeId, order.id)
    await deps.requestPayment(params)
    // WeChat Pay tells the BFF by notification; the order page follows it until it says paid.
    set({ status: 'paid' })
    return order
  }

  return {
    store,
    async submit(input) {
      const current = store.getState()
      if (current.status === 'placing' || current.status === 'paying') return null
      if (input.lines.length === 0) {
        set({ status: 'failed', error: new Error('购物车是空的') })
        return null
      }
      const orderId = current.orderId ?? deps.newOrderId()
      set({ status: 'placing', orderId, error: null })
      try {
        const order = await deps.api.placeOrder(input.storeId, {
          orderId,
          lines: cartRequestLines(input.lines),
          fulfilment: input.fulfilment,
          ...(input.notes.trim() === '' ? {} : { notes: input.notes.trim() }),
          ...(input.coupons.length === 0 ? {} : { couponIds: [...input.coupons] }),
        })
        return await pay(input.storeId, order)
      } catch (error) {
        set({ status: 'failed', error })
        return null
      }
    },
    async paySandbox(storeId, orderId) {
      set({ status: 'paying', orderId, error: null })
      try {
        const order = await deps.api.sandboxPay(storeId, orderId)
        set({ status: 'paid', order })
        return order
      } catch (error) {
        set({ status: 'failed', error })
        return null
      }
    },
    reset: () => set({ status: 'idle', orderId: null, order: null, error: null }),
  }
}
