import type { Sql } from '../db/database'
import type { ChannelCommand } from '../ingest/command'
import type { Services } from '../services'

/** How long one process may hold a command before another may submit it (a crash mid-submit). */
const LEASE_MS = 5_000
/** After this many refusals a command stays parked (with its last error) for a person to look at. */
const MAX_ATTEMPTS = 25
const PARKED = Number.MAX_SAFE_INTEGER

/**
 * Queues a command for the one ingest path inside the caller's transaction. The key names the decision
 * (`booking:<id>:order`), so queueing it twice keeps one row; the command's own dedupe key makes a second
 * submission of it a no-op on ingest.
 */
export async function enqueueCommand(tx: Sql, key: string, cmd: ChannelCommand, now: number): Promise<void> {
  await tx.query(
    `insert into command_outbox (store_id, key, command, created_ms) values ($1, $2, $3, $4)
     on conflict (store_id, key) do nothing`,
    [cmd.storeId, key, JSON.stringify(cmd), now],
  )
}

/** An own-channel order moved to a fulfilment status through the ingest path (cancel, confirm). */
export function statusCommand(
  storeId: string,
  channel: 'miniprogram' | 'subscription' | 'group',
  orderId: string,
  status: 'accepted' | 'cancelled',
  at: number,
  reason?: string,
): ChannelCommand {
  return {
    kind: 'order.status',
    storeId,
    channel,
    externalId: orderId,
    status,
    at,
    ...(reason === undefined ? {} : { reason }),
  }
}

/**
 * Submits queued commands: claims a lease on a batch (SKIP LOCKED, so processes share the work), submits
 * them together so the ingestor writes them in one group commit, and deletes each once ingest answered.
 * A refused command backs off and is retried; one refused {@link MAX_ATTEMPTS} times is parked.
 * Returns how many were ingested.
 */
export async function drainOutbox(
  s: Pick<Services, 'db' | 'ingestor' | 'now' | 'log'>,
  only?: { storeId: string; keys: readonly string[] },
  limit = 500,
): Promise<number> {
  const now = s.now()
  const rows = await s.db.query<{ store_id: string; key: string; command: ChannelCommand; attempts: number }>(
    `update command_outbox o set lease_until = $1, attempts = o.attempts + 1
     from (select store_id, key from command_outbox
           where lease_until <= $2 ${only ? 'and store_id = $4 and key = any($5)' : ''}
           order by created_ms limit $3 for update skip locked) c
     where o.store_id = c.store_id and o.key = c.key
     returning o.store_id, o.key, o.command, o.attempts`,
    only ? [now + LEASE_MS, now, limit, only.storeId, only.keys] : [now + LEASE_MS, now, limit],
  )
  if (rows.length === 0) return 0
  rows.sort((a, b) => a.key.localeCompare(b.key))
  const results = await Promise.allSettled(rows.map((r) => s.ingestor.submit(r.command)))
  const done: { store: string; key: string }[] = []
  let ingested = 0
  for (const [i, r] of results.entries()) {
    const row = rows[i]!
    if (r.status === 'fulfilled') {
      done.push({ store: row.store_id, key: row.key })
      ingested++
      continue
    }
    const attempts = Number(row.attempts)
    const wait = attempts >= MAX_ATTEMPTS ? PARKED : now + Math.min(60_000, 250 * 2 ** attempts)
    s.log.warn({ err: r.reason, key: row.key, attempts }, 'queued command not ingested; will retry')
    await s.db.query('update command_outbox set lease_until = $3, last_error = $4 where store_id = $1 and key = $2', [
      row.store_id,
      row.key,
      wait,
      String((r.reason as Error)?.message ?? r.reason),
    ])
  }
  if (done.length > 0) {
    await s.db.query(
      `delete from command_outbox where (store_id, key) in (select * from unnest($1::text[], $2::text[]))`,
      [done.map((d) => d.store), done.map((d) => d.key)],
    )
  }
  return ingested
}

/** Remembers which of our flows an order belongs to, so the follower can route its payment and refunds. */
export async function trackOrder(tx: Sql, storeId: string, orderId: string, kind: string, refId: string) {
  await tx.query(
    'insert into tracked_orders (store_id, order_id, kind, ref_id) values ($1, $2, $3, $4) on conflict do nothing',
    [storeId, orderId, kind, refId],
  )
}
