import { type DailySales, dailySales } from '@xiaodian/domain'
import type { Sql } from '../db/database'
import {
  asSalesInput,
  belongsToDay,
  type InstantRange,
  ordersChangedSince,
  ordersForDay,
  type ReportOrder,
} from './order-source'

/** What a day's report is computed in: the store's zone and cutoff. */
export interface DayKey {
  readonly storeId: string
  readonly day: string
  readonly timeZone: string
  readonly cutoffMinutes: number
  readonly range: InstantRange
}

/**
 * A business day that is still going on, kept in memory: loaded once from the creation and refund
 * indexes, then brought up to date on each read with only the orders written since (the store's
 * replication clock), so a busy day costs a small delta query plus the domain's pure computation.
 */
export class LiveDay {
  readonly key: DayKey
  lastUsed = 0
  readonly #orders = new Map<string, ReportOrder>()
  #watermark = -1
  #result: { watermark: number; sales: DailySales } | undefined
  #pending: Promise<DailySales> | undefined

  constructor(key: DayKey) {
    this.key = key
  }

  /**
   * The day's sales as of the projection's `watermark` (the caller has just brought it up to date).
   * Concurrent callers share one refresh.
   */
  sales(db: Sql, watermark: number): Promise<DailySales> {
    this.#pending ??= this.#refresh(db, watermark).finally(() => {
      this.#pending = undefined
    })
    return this.#pending
  }

  async #refresh(db: Sql, watermark: number): Promise<DailySales> {
    const { storeId, range } = this.key
    if (this.#watermark < 0) {
      // Whatever a later catch-up rewrites is read again as a delta.
      for (const o of await ordersForDay(db, storeId, range)) this.#orders.set(o.id, o)
      this.#watermark = watermark
    }
    const delta = await ordersChangedSince(db, storeId, this.#watermark)
    for (const o of delta.orders) {
      if (belongsToDay(o, range)) this.#orders.set(o.id, o)
      else this.#orders.delete(o.id)
    }
    this.#watermark = delta.watermark
    if (this.#result?.watermark !== this.#watermark) {
      const sales = dailySales({
        orders: asSalesInput([...this.#orders.values()]),
        day: this.key.day,
        timeZone: this.key.timeZone,
        cutoffMinutes: this.key.cutoffMinutes,
      })
      this.#result = { watermark: this.#watermark, sales }
    }
    return this.#result.sales
  }
}
