import type { BookingPolicy, DateOverride, Resource, Service, WeeklyHours } from '@xiaodian/domain'
import type { Database } from '../db/database'

/** A bookable service, tied to the catalog item that prices it. */
export interface BookableService extends Service {
  /** The catalog item sold when this service is booked; its SKUs (轿车 / SUV) set the price. */
  readonly itemId: string
}

/** The store's booking rules beyond the domain's: cancellation, rescheduling and reminders. */
export interface StoreBookingPolicy extends Omit<BookingPolicy, 'holdMinutes' | 'shortestServiceMin'> {
  /** A consumer may cancel a confirmed booking until this many minutes before its start. */
  readonly cancelCutoffMin: number
  /** A consumer may move a booking until this many minutes before its start. */
  readonly rescheduleCutoffMin: number
  /** The reminder goes out this many minutes before the start. */
  readonly reminderLeadMin: number
  /** Unpaid holds one customer may keep at once. */
  readonly maxHoldsPerCustomer: number
}

/** A store's booking configuration: what is booked, where, when, under which rules. */
export interface BookingConfig {
  readonly resources: readonly Resource[]
  readonly services: readonly BookableService[]
  /** Index 0 = Sunday; local minutes of day. */
  readonly weeklyHours: WeeklyHours
  readonly overrides: readonly DateOverride[]
  readonly policy: StoreBookingPolicy
}

/** Reads booking configurations; they change rarely, so each process keeps them once loaded. */
export class BookingConfigStore {
  readonly #db: Database
  readonly #cache = new Map<string, BookingConfig | null>()

  constructor(db: Database) {
    this.#db = db
  }

  /** Writes `configs[storeId]` for each store that has none yet. */
  async seed(configs: Readonly<Record<string, BookingConfig>>, storeIds: readonly string[]): Promise<void> {
    for (const id of storeIds) {
      const cfg = configs[id]
      if (!cfg) continue
      await this.#db.query(
        'insert into booking_configs (store_id, doc) values ($1, $2) on conflict (store_id) do nothing',
        [id, JSON.stringify(cfg)],
      )
    }
  }

  /** The store's configuration, or undefined when it takes no bookings. */
  async get(storeId: string): Promise<BookingConfig | undefined> {
    if (this.#cache.has(storeId)) return this.#cache.get(storeId) ?? undefined
    const rows = await this.#db.query<{ doc: BookingConfig }>('select doc from booking_configs where store_id = $1', [
      storeId,
    ])
    const doc = rows[0]?.doc ?? null
    this.#cache.set(storeId, doc)
    return doc ?? undefined
  }
}

/** Minutes of the shortest occupancy (duration + buffer), for the allocator's fragmentation score. */
function shortestOccupancy(cfg: BookingConfig): number {
  return Math.min(...cfg.services.map((s) => s.durationMin + s.bufferMin))
}

/** The domain policy for a store: its rules plus the hold length from the stores file. */
export function domainPolicy(cfg: BookingConfig, holdMinutes: number): BookingPolicy {
  return {
    minNoticeMin: cfg.policy.minNoticeMin,
    windowDays: cfg.policy.windowDays,
    holdMinutes,
    shortestServiceMin: shortestOccupancy(cfg),
    ...(cfg.policy.mode === undefined ? {} : { mode: cfg.policy.mode }),
  }
}
