import type { Services } from '../services'
import { BookingConfigStore } from './config'

/** Per-process state of the booking, pass and 拼团 flows, hung off the process's services. */
export interface ShopRuntime {
  readonly configs: BookingConfigStore
  /** Asks the background jobs (when running) to look at the outbox and the order stream now. */
  kick: () => void
}

const runtimes = new WeakMap<Services, ShopRuntime>()

/** The runtime of a services object, created on first use. */
export function runtimeOf(s: Services): ShopRuntime {
  let rt = runtimes.get(s)
  if (!rt) {
    rt = { configs: new BookingConfigStore(s.db), kick: () => {} }
    runtimes.set(s, rt)
  }
  return rt
}
