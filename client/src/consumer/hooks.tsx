import { createContext, type PropsWithChildren, useContext } from 'react'
import { useStore } from 'zustand'
import type { CartState } from './cart-store'
import type { CheckoutState } from './checkout'
import { type ConsumerServices, consumerServices } from './services'

const ConsumerContext = createContext<ConsumerServices | null>(null)

/** Gives the pages below other services than the app's (tests: a stubbed http adapter). */
export function ConsumerProvider({ services, children }: PropsWithChildren<{ services: ConsumerServices }>) {
  return <ConsumerContext.Provider value={services}>{children}</ConsumerContext.Provider>
}

export function useConsumer(): ConsumerServices {
  return useContext(ConsumerContext) ?? consumerServices()
}

export function useCart<T>(selector: (state: CartState) => T): T {
  return useStore(useConsumer().cart, selector)
}

export function useCheckout<T>(selector: (state: CheckoutState) => T): T {
  return useStore(useConsumer().checkout.store, selector)
}
