import type { Booking } from '@xiaodian/domain'
import type { Services } from '../services'
import { OfferStore } from '../groupbuy/offers'
import { PassCodes } from '../passes/pass-code'
import { PlanStore } from '../passes/plans'
import { BookingConfigStore } from './config'

/** Per-process state of the booking, pass and 拼团 flows, hung off the process's services. */
export interface ShopRuntime {
  readonly configs: BookingConfigStore
  readonly plans: PlanStore
  readonly offers: OfferStore
  /** The pass QR code signer, loaded once. */
  passCodes(): Promise<PassCodes>
  /** Days' blocking bookings by `store|day`, with the day's version they were read at. */
  readonly days: Map<string, { version: number; bookings: readonly Booking[] }>
  /** Asks the background jobs (when running) to look at the outbox and the order stream now. */
  kick: () => void
}

const runtimes = new WeakMap<Services, ShopRuntime>()

/** The runtime of a services object, created on first use. */
export function runtimeOf(s: Services): ShopRuntime {
  let rt = runtimes.get(s)
  if (!rt) {
    let codes: Promise<PassCodes> | undefined
    rt = {
      configs: new BookingConfigStore(s.db),
      plans: new PlanStore(s.db),
      offers: new OfferStore(s.db),
      days: new Map(),
      passCodes: () => {
        codes ??= PassCodes.open(s.db)
        return codes
      },
      kick: () => {},
    }
    runtimes.set(s, rt)
  }
  return rt
}
