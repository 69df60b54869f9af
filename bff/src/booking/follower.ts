import type { Order } from '@xiaodian/domain'
import type { Sql } from '../db/database'
import type { Services } from '../services'

/** The name of this consumer's cursor in `stream_cursors`. */
const FOLLOWER = 'shop-flows'

/** An order event as the follower sees it: the order after the event. */
export interface FollowedEvent {
  readonly seq: number
  readonly type: string
  readonly order: Order
}

/** Any log event, including those that carry no order (a payment or refund nobody's order matched yet). */
export interface LogEvent {
  readonly seq: number
  readonly type: string
  readonly order: Order | null
  readonly detail: Record<string, unknown>
}

/** What a handler may do inside the follower's transaction. */
export interface FollowContext {
  readonly tx: Sql
  readonly storeId: string
  readonly now: number
}

/** Reacts to an order event of an order one flow created (`tracked_orders.kind`). */
export type TrackedHandler = (ctx: FollowContext, refId: string, ev: FollowedEvent) => Promise<void>

/**
 * Reacts to the log events it sees, of any order (refund bookkeeping, order-ready messages). `sees` is an
 * SQL condition over the event's payload `p` (jsonb): the follower reads the order of an event only when a
 * handler sees it (or a flow tracks its order), so a rush of thousands of ordinary orders does not cross
 * into JavaScript a second time, and a follower round holds the connection for less.
 */
export interface AnyHandler {
  readonly sees: string
  readonly handle: (ctx: FollowContext, ev: LogEvent) => Promise<void>
}

const PAGE = 200

/**
 * Puts the cursor of every store at its log's head when there is none yet, so a new deployment does not
 * replay history (thirty days of seeded sales) into messages. Done at start-up, before any of our orders
 * can exist, so nothing of ours is ever behind a fresh cursor.
 */
export async function initCursors(db: Sql, storeIds: readonly string[]): Promise<void> {
  for (const storeId of storeIds) {
    await db.query(
      `insert into stream_cursors (store_id, consumer, seq)
       values ($1, $2, coalesce((select seq from store_log_head where store_id = $1), 0))
       on conflict do nothing`,
      [storeId, FOLLOWER],
    )
  }
}

/** The stores whose log grew past this follower's cursor (one cheap query, no transaction). */
export async function storesBehind(db: Sql): Promise<string[]> {
  const rows = await db.query<{ store_id: string }>(
    `select c.store_id from stream_cursors c join store_log_head h on h.store_id = c.store_id
     where c.consumer = $1 and h.seq > c.seq`,
    [FOLLOWER],
  )
  return rows.map((r) => r.store_id)
}

/**
 * Follows each store's order log from a stored cursor and hands every event to the flows: a booking is
 * confirmed when its order is paid, a pass starts, a 拼团 seat counts, a refund saga completes. The
 * cursor advances in the same transaction as the effects of the events it passed, so after a crash the
 * follower resumes exactly where its last commit left it: nothing is skipped, nothing applied twice (and
 * every handler is idempotent anyway, since each event carries the whole order). The cursor row is
 * locked with SKIP LOCKED, so with several BFF processes one follows a store at a time and the others
 * move on. Handlers never call the ingest path inside the transaction (on PGlite that would wait on
 * itself): they queue commands in the outbox, which is drained after commit.
 */
export class OrderFollower {
  readonly #s: Pick<Services, 'db' | 'now'>
  readonly #tracked: Readonly<Record<string, TrackedHandler>>
  readonly #any: readonly AnyHandler[]

  constructor(
    s: Pick<Services, 'db' | 'now'>,
    tracked: Readonly<Record<string, TrackedHandler>>,
    any: readonly AnyHandler[],
  ) {
    this.#s = s
    this.#tracked = tracked
    this.#any = any
  }

  /** Follows one store until its log is exhausted (or another process holds it). Returns events handled. */
  async follow(storeId: string): Promise<number> {
    let total = 0
    for (;;) {
      const n = await this.#page(storeId)
      total += Math.max(0, n)
      if (n < PAGE) return total
    }
  }

  async #page(storeId: string): Promise<number> {
    return this.#s.db.transaction(async (tx) => {
      const cur = await tx.query<{ seq: string }>(
        'select seq from stream_cursors where store_id = $1 and consumer = $2 for update skip locked',
        [storeId, FOLLOWER],
      )
      if (!cur[0]) return -1
      const from = Number(cur[0].seq)
      const seen = this.#any.length
        ? `array[${this.#any.map((h) => `coalesce((${h.sees}), false)`).join(', ')}]`
        : `'{}'`
      const rows = await tx.query<{
        seq: string
        type: string
        kind: string | null
        ref_id: string | null
        seen: boolean[]
        doc: Order | null
        detail: Record<string, unknown> | null
      }>(
        `select e.seq, e.type, t.kind, t.ref_id, x.seen,
                case when t.kind is not null or true = any(x.seen) then e.payload->'order' end as doc,
                case when true = any(x.seen) then e.payload->'detail' end as detail
         from order_events e
         cross join lateral (select e.payload as p) as ev
         cross join lateral (select ${seen}::boolean[] as seen) as x
         left join tracked_orders t on t.store_id = e.store_id and t.order_id = e.payload->'order'->>'id'
         where e.store_id = $1 and e.seq > $2 order by e.seq limit $3`,
        [storeId, from, PAGE],
      )
      if (rows.length === 0) return 0
      let last = from
      const ctx: FollowContext = { tx, storeId, now: this.#s.now() }
      for (const r of rows) {
        // Never pass a gap: an event below a concurrent uncommitted one would be skipped for good.
        if (Number(r.seq) !== last + 1) break
        last = Number(r.seq)
        const ev: LogEvent = { seq: last, type: r.type, order: r.doc ?? null, detail: r.detail ?? {} }
        const handler = r.kind ? this.#tracked[r.kind] : undefined
        if (handler && r.ref_id && ev.order)
          await handler(ctx, r.ref_id, { seq: ev.seq, type: ev.type, order: ev.order })
        for (const [i, h] of this.#any.entries()) if (r.seen[i]) await h.handle(ctx, ev)
      }
      await tx.query('update stream_cursors set seq = $3 where store_id = $1 and consumer = $2', [
        storeId,
        FOLLOWER,
        last,
      ])
      return last - from
    })
  }
}
