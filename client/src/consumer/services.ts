import type { StoreApi } from 'zustand/vanilla'
import { apiBase } from '@/config'
import { createHttpClient } from '@/platform/http'
import { loginCode } from '@/platform/login'
import { paymentMode, requestPayment } from '@/platform/payment'
import { storage } from '@/platform/storage'
import { openStream } from '@/platform/stream'
import { type ConsumerApi, createConsumerApi } from './api'
import { createConsumerAuth } from './auth'
import { type CartState, createCartStore } from './cart-store'
import { type Checkout, createCheckout } from './checkout'
import { randomId } from './random-id'
import { followSoldOut, type SoldOutMarksView } from './sold-out-feed'

/** Everything the consumer pages share, built once. Tests hand pages their own through the context. */
export interface ConsumerServices {
  readonly api: ConsumerApi
  readonly cart: StoreApi<CartState>
  readonly checkout: Checkout
  readonly baseUrl: string
  readonly openStream: typeof openStream
  /** Follows a store's live sold-out marks; returns the stop function. */
  readonly followSoldOut: (storeId: string, onMarks: (marks: SoldOutMarksView) => void) => () => void
}

let services: ConsumerServices | undefined

/** The app's consumer services, created on first use (so a staff tablet never builds them). */
export function consumerServices(): ConsumerServices {
  if (services === undefined) {
    const http = createHttpClient({ baseUrl: apiBase })
    const api = createConsumerApi(http, createConsumerAuth({ http, storage, loginCode }))
    services = {
      api,
      cart: createCartStore(storage),
      checkout: createCheckout({
        api,
        paymentMode,
        requestPayment,
        newOrderId: randomId,
      }),
      baseUrl: apiBase,
      openStream,
      // Long polls outlive the default 15 s request timeout.
      followSoldOut: (storeId, onMarks) =>
        followSoldOut(createHttpClient({ baseUrl: apiBase, timeoutMs: 40_000 }), storeId, onMarks),
    }
  }
  return services
}
