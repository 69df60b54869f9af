import type { Database } from '../db/database'
import { type Catalog, DEMO_CATALOGS } from './demo-catalog'

/** Reads store catalogs; they change rarely, so each process keeps them in memory once loaded. */
export class CatalogStore {
  readonly #db: Database
  readonly #cache = new Map<string, Catalog>()

  constructor(db: Database) {
    this.#db = db
  }

  /** Writes the demo catalog for each demo store that has none yet. */
  async seedDemo(storeIds: readonly string[]): Promise<void> {
    for (const id of storeIds) {
      const demo = DEMO_CATALOGS[id]
      if (demo) {
        await this.#db.query('insert into catalogs (store_id, doc) values ($1, $2) on conflict (store_id) do nothing', [
          id,
          JSON.stringify(demo),
        ])
      }
    }
  }

  /** The store's catalog, or undefined when it has none. */
  async get(storeId: string): Promise<Catalog | undefined> {
    const hit = this.#cache.get(storeId)
    if (hit) return hit
    const rows = await this.#db.query<{ doc: Catalog }>('select doc from catalogs where store_id = $1', [storeId])
    const doc = rows[0]?.doc
    if (doc) this.#cache.set(storeId, doc)
    return doc
  }
}
