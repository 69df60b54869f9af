import { type DailySales, type Order, dailySales } from '@xiaodian/domain'
import type { Sql } from '../db/database'
import { type InstantRange, belongsToDay, orderWatermark, ordersChangedSince, ordersForDay } from './order-source'

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
  readonly #orders = new Map<string, Order>()
  #watermark = -1
  #result: { watermark: number; sales: DailySales } | undefined
  #pending: Promise<DailySales> | undefined

  constructor(key: DayKey) {
    this.key = key
  }

  /** The day's sales as of now. Concurrent callers share one refresh. */
  sales(db: Sql): Promise<DailySales> {
    this.#pending ??= this.#refresh(db).finally(() => {
      this.#pending = undefined
    })
    return this.#pending
  }

  async #refresh(db: Sql): Promise<DailySales> {
    const { storeId, range } = this.key
    if (this.#watermark < 0) {
      // The clock is read before the load: whatever changes meanwhile is read again as a delta.
      const w = await orderWatermark(db, storeId)
      for (const o of await ordersForDay(db, storeId, range)) this.#orders.set(o.id, o)
      this.#watermark = w
    }
    const delta = await ordersChangedSince(db, storeId, this.#watermark)
    for (const o of delta.orders) {
      if (belongsToDay(o, range)) this.#orders.set(o.id, o)
      else this.#orders.delete(o.id)
    }
    this.#watermark = delta.watermark
    if (this.#result?.watermark !== this.#watermark) {
      const sales = dailySales({
        orders: [...this.#orders.values()],
        day: this.key.day,
        timeZone: this.key.timeZone,
        cutoffMinutes: this.key.cutoffMinutes,
      })
      this.#result = { watermark: this.#watermark, sales }
    }
    return this.#result.sales
  }
}
