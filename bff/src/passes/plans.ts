import type { PassPlan } from '@xiaodian/domain'
import type { Database, Sql } from '../db/database'

/** What a drink plan orders each period. */
export interface PlanOrder {
  readonly itemId: string
  readonly skuId: string
  /** Option group id → option ids; left-out groups take their defaults. */
  readonly options?: Readonly<Record<string, readonly string[]>>
  readonly quantity: number
}

/**
 * A plan as the store sells it: the domain's rules (schedule, validity, caps) plus how it is sold and,
 * for a drink plan (`generates`), the order the scheduler places each period.
 */
export interface StorePlan extends PassPlan {
  /** `pass`: used by scanning its code (次卡, 月卡). `drink_plan`: an order is made every period. */
  readonly kind: 'pass' | 'drink_plan'
  readonly description: string
  readonly generates?: PlanOrder
}

/** Reads a store's plans; they change rarely, so each process keeps them once loaded. */
export class PlanStore {
  readonly #db: Database
  readonly #cache = new Map<string, StorePlan[]>()

  constructor(db: Database) {
    this.#db = db
  }

  /** Writes the demo plans of the given stores (plans a store already has are kept). */
  async seed(plans: Readonly<Record<string, readonly StorePlan[]>>, storeIds: readonly string[]): Promise<void> {
    for (const storeId of storeIds) {
      for (const plan of plans[storeId] ?? []) {
        await this.#db.query(
          'insert into pass_plans (store_id, id, doc) values ($1, $2, $3) on conflict (store_id, id) do nothing',
          [storeId, plan.id, JSON.stringify(plan)],
        )
      }
    }
  }

  /** The store's plans, by id; `sql` is the caller's transaction when it holds one (PGlite has one connection). */
  async list(storeId: string, sql: Sql = this.#db): Promise<StorePlan[]> {
    const hit = this.#cache.get(storeId)
    if (hit) return hit
    const rows = await sql.query<{ doc: StorePlan }>('select doc from pass_plans where store_id = $1 order by id', [
      storeId,
    ])
    const plans = rows.map((r) => r.doc)
    this.#cache.set(storeId, plans)
    return plans
  }

  /** One plan, or undefined. */
  async get(storeId: string, planId: string, sql: Sql = this.#db): Promise<StorePlan | undefined> {
    return (await this.list(storeId, sql)).find((p) => p.id === planId)
  }
}
