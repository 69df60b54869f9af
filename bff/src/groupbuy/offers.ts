import type { Database, Sql } from '../db/database'

/** A 拼团 promotion: `size` people each pay `groupFen` for one item, within `windowMinutes` of the start. */
export interface GroupOffer {
  readonly id: string
  readonly name: string
  readonly itemId: string
  readonly skuId: string
  readonly groupFen: number
  readonly size: number
  readonly windowMinutes: number
}

/** Reads a store's 拼团 offers (cached per process; they change rarely). */
export class OfferStore {
  readonly #db: Database
  readonly #cache = new Map<string, GroupOffer[]>()

  constructor(db: Database) {
    this.#db = db
  }

  /** Writes the demo offers of the given stores (offers a store already has are kept). */
  async seed(offers: Readonly<Record<string, readonly GroupOffer[]>>, storeIds: readonly string[]): Promise<void> {
    for (const storeId of storeIds) {
      for (const o of offers[storeId] ?? []) {
        await this.#db.query(
          'insert into group_offers (store_id, id, doc) values ($1, $2, $3) on conflict (store_id, id) do nothing',
          [storeId, o.id, JSON.stringify(o)],
        )
      }
    }
  }

  /** The store's offers, by id; `sql` is the caller's transaction when it holds one (PGlite has one connection). */
  async list(storeId: string, sql: Sql = this.#db): Promise<GroupOffer[]> {
    const hit = this.#cache.get(storeId)
    if (hit) return hit
    const rows = await sql.query<{ doc: GroupOffer }>('select doc from group_offers where store_id = $1 order by id', [
      storeId,
    ])
    const offers = rows.map((r) => r.doc)
    this.#cache.set(storeId, offers)
    return offers
  }

  /** One offer, or undefined. */
  async get(storeId: string, offerId: string, sql: Sql = this.#db): Promise<GroupOffer | undefined> {
    return (await this.list(storeId, sql)).find((o) => o.id === offerId)
  }
}
