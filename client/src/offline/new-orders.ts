import type { Order } from '@xiaodian/domain'
import { type StoreApi, createStore } from 'zustand/vanilla'
import type { OrderCollection } from './database'

/** New orders nobody on this tablet has looked at yet. */
export interface NewOrderAlerts {
  readonly ids: readonly string[]
}

export type NewOrderAlertStore = StoreApi<NewOrderAlerts> & {
  /** Staff saw them (tapped the banner or the card). */
  acknowledge(id?: string): void
}

// Orders a pull brings in together ring once.
const BURST_MS = 300

/** Whether an order arriving on this tablet needs someone's attention: new, and not taken here. */
export function needsAttention(order: Order, deviceId: string): boolean {
  return order.fulfilment === 'submitted' && order.linesStamp.by !== deviceId
}

/**
 * Watches the orders that arrive while the board is open (from the BFF: Meituan, the mini-program,
 * another tablet) and raises an alert for each that needs attention; `onAlert` rings once per burst, so
 * twenty orders pulled after an outage make one sound, not twenty.
 */
export function watchNewOrders(
  collection: OrderCollection,
  deviceId: string,
  onAlert: (orders: readonly Order[]) => void,
): { alerts: NewOrderAlertStore; stop(): void } {
  const store = createStore<NewOrderAlerts>()(() => ({ ids: [] }))
  const alerts: NewOrderAlertStore = Object.assign(store, {
    acknowledge(id?: string) {
      store.setState((s) => ({ ids: id === undefined ? [] : s.ids.filter((x) => x !== id) }))
    },
  })
  let burst: Order[] = []
  let scheduled = false
  const sub = collection.insert$.subscribe((ev) => {
    const order = ev.documentData as unknown as Order
    if (!needsAttention(order, deviceId)) return
    store.setState((s) => (s.ids.includes(order.id) ? s : { ids: [...s.ids, order.id] }))
    burst.push(order)
    if (scheduled) return
    scheduled = true
    setTimeout(() => {
      scheduled = false
      const orders = burst
      burst = []
      onAlert(orders)
    }, BURST_MS)
  })
  return { alerts, stop: () => sub.unsubscribe() }
}
