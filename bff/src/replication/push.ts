import { type Order, ordersEqual } from '@xiaodian/domain'
import type { OrderDocument, PushRow } from '@xiaodian/shared'
import { AppError } from '../http/errors'
import type { ChannelCommand } from '../ingest/command'
import { join, orderIdFor } from '../ingest/fold'
import type { Services } from '../services'
import { ordersById } from './order-store'

/** What a push did, for the response and for tests. */
export interface PushResult {
  /** Master states to answer: every document whose master now differs from what the tablet pushed. */
  conflicts: OrderDocument[]
  /** Rows that went through ingest (the rest held nothing the master lacked). */
  ingested: number
}

/** Splits RxDB's deletion flag off a document. */
function orderOf(doc: OrderDocument): Order {
  const { _deleted, ...order } = doc
  return order
}

/** The channel identity the ingest path keys an order on; an order never changes it. */
function identityOf(o: Order): string {
  return `${o.channel}\u0000${o.externalId ?? o.id}`
}

/**
 * Applies one push from a tablet. Every row that adds something to its order goes through the one ingest
 * path as `order.upsert` (joined with the domain merge, appended to the store's log once), all rows of
 * the push in one transaction. The answer is RxDB's conflict list: the merged master of every row whose
 * master is not exactly the pushed state, so the tablet's conflict handler adopts it in one round.
 *
 * Rows that add nothing (the pushed state is already contained in the master, e.g. an echo after a
 * conflict resolution or a retried push) are not ingested, so they append no event. A row that contradicts
 * the master's identity (another channel or external id under the same id) is not applied and is answered
 * with the master; a deleted document is never applied (orders are never deleted; cancelling is a status).
 */
export async function pushOrders(
  s: Pick<Services, 'db' | 'ingestor' | 'now'>,
  storeId: string,
  deviceId: string,
  rows: readonly PushRow[],
): Promise<PushResult> {
  const pushed = rows.map((r, i) => {
    const order = orderOf(r.newDocumentState)
    if (order.storeId !== storeId) {
      throw invalidRow(i, 'storeId', `document belongs to store ${order.storeId}, not ${storeId}`)
    }
    if (orderIdFor(order.channel, order.externalId ?? order.id) !== order.id) {
      throw invalidRow(i, 'id', `id ${order.id} does not match channel ${order.channel} and its external id`)
    }
    return { order, deleted: r.newDocumentState._deleted }
  })
  const ids = pushed.map((p) => p.order.id)
  const before = await ordersById(s.db, storeId, ids)
  const at = s.now()
  const cmds: ChannelCommand[] = []
  for (const { order, deleted } of pushed) {
    const master = before.get(order.id)
    if (deleted) continue
    if (master) {
      if (identityOf(master) !== identityOf(order)) continue
      // The master only ever grows by joins, so a state it already contains stays contained.
      if (ordersEqual(join(master, order), master)) continue
    }
    cmds.push({ kind: 'order.upsert', storeId, order, deviceId, at })
  }
  await s.ingestor.submitAll(cmds)
  const after = cmds.length > 0 ? await ordersById(s.db, storeId, ids) : before
  const conflicts = new Map<string, OrderDocument>()
  for (const { order, deleted } of pushed) {
    const master = after.get(order.id)
    if (master && (deleted || !ordersEqual(master, order))) conflicts.set(order.id, { ...master, _deleted: false })
    else conflicts.delete(order.id)
  }
  return { conflicts: [...conflicts.values()], ingested: cmds.length }
}

function invalidRow(i: number, field: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', `invalid request: ${i}.newDocumentState.${field}: ${message}`, {
    fields: [{ path: `${i}.newDocumentState.${field}`, message }],
  })
}
