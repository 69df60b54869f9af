/**
 * Autovacuum for the embedded database. PGlite runs Postgres in single-user mode, where no autovacuum
 * worker runs and the table statistics are never refreshed: the planner keeps judging the order tables by
 * the size they had when they were empty (a batch's read, 0.4 ms with statistics, took 2 ms without on a
 * 3,000-order log), and every upsert of an order leaves a dead row nobody reclaims. `EmbeddedUpkeep` does
 * what autovacuum would, but in the one connection the requests also wait for, so less often: `vacuum
 * (analyze)` the ingest tables when the log has doubled since the last time (at least a thousand commands:
 * plans go wrong while a table grows from nothing, rarely after), and the whole database every ten minutes.
 * A pass over a 10,000-event log takes ~40 ms. PostgreSQL servers run their own autovacuum; this is for
 * PGlite only.
 */
import type { Logger } from 'pino'
import type { Database } from './database'

/** The tables every webhook writes. */
const HOT_TABLES = 'orders, order_events, store_log_head, orphan_commands, payments'
const MIN_CHANGES = 1000
const FULL_EVERY_MS = 10 * 60_000

export class EmbeddedUpkeep {
  readonly #db: Database
  readonly #writes: () => number
  readonly #log: Logger
  readonly #now: () => number
  #lastWrites = Number.NaN
  #rowsThen = 0
  #lastFullMs = Number.NEGATIVE_INFINITY

  /** @param writes - commands ingested so far by this process (a counter that only grows) */
  constructor(db: Database, writes: () => number, log: Logger, now: () => number = Date.now) {
    this.#db = db
    this.#writes = writes
    this.#log = log
    this.#now = now
  }

  /** One round: does nothing unless the tables grew enough or the periodic pass is due. */
  async run(): Promise<void> {
    const writes = this.#writes()
    const full = this.#now() - this.#lastFullMs >= FULL_EVERY_MS
    const grown = writes - this.#lastWrites >= Math.max(MIN_CHANGES, this.#rowsThen)
    if (!full && !grown) return
    const t0 = performance.now()
    await this.#db.query(full ? 'vacuum (analyze)' : `vacuum (analyze) ${HOT_TABLES}`)
    const rows = await this.#db.query<{ n: string }>('select coalesce(sum(seq), 0)::text as n from store_log_head')
    this.#rowsThen = Number(rows[0]?.n ?? 0)
    this.#lastWrites = writes
    if (full) this.#lastFullMs = this.#now()
    this.#log.info({ full, events: this.#rowsThen, ms: Math.round(performance.now() - t0) }, 'embedded upkeep')
  }
}
