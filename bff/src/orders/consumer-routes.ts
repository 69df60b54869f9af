import type { HttpBindings } from '@hono/node-server'
import { upgradeWebSocket } from '@hono/node-server'
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response'
import type { Order } from '@xiaodian/domain'
import { Hono } from 'hono'
import type { AuthEnv } from '../auth/middleware'
import type { Principal } from '../auth/tokens'
import type { Database } from '../db/database'
import { AppError } from '../http/errors'
import type { Services } from '../services'
import type { EncodedEvent, StreamSink } from '../stream/hub'

/** How many of a consumer's orders the history answers with, newest first. */
export const MY_ORDERS_LIMIT = 30

/** One frame of a consumer's order stream: the order after an event (or the snapshot that opens the stream). */
interface OrderFrame {
  seq: number
  type: string
  orderId: string
  at: number
  order: Order
}

/**
 * A consumer's own orders: history, one order, and that order live (SSE, or a WebSocket for the
 * mini-program). The store stream is staff-only because it carries every customer's orders; this one
 * filters the same log down to one order and never sends the log's `detail` (device ids, riders).
 */
export function consumerOrderRoutes(s: Services) {
  return new Hono<AuthEnv & { Bindings: HttpBindings }>()
    .get('/:storeId/my-orders', async (c) => {
      const openid = consumerOf(c.get('principal'))
      const rows = await s.db.query<{ doc: Order }>(
        `select doc from orders where store_id = $1 and doc->'customer'->>'id' = $2
         order by updated_at desc limit $3`,
        [c.req.param('storeId'), openid, MY_ORDERS_LIMIT],
      )
      return c.json({ orders: rows.map((r) => r.doc) })
    })
    .get('/:storeId/my-orders/:orderId', async (c) => {
      const owned = await ownedOrder(s.db, c.get('principal'), c.req.param('storeId'), c.req.param('orderId'))
      return c.json({ order: owned.order, seq: owned.seq })
    })
    .get('/:storeId/my-orders/:orderId/stream', async (c) => {
      const storeId = c.req.param('storeId')
      const owned = await ownedOrder(s.db, c.get('principal'), storeId, c.req.param('orderId'))
      const res = c.env?.outgoing
      if (!res) throw new AppError('BAD_REQUEST', 'the order stream needs a streaming connection')
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      })
      // The snapshot first, then every later change: events after the snapshot's seq come from the log,
      // so nothing committed between the read and the subscription is missed.
      res.write(`retry: 2000\n\n${sseFrame(snapshot(owned))}`)
      const sink: StreamSink = {
        kind: 'sse',
        write: (ev) => {
          const frame = frameFor(ev, owned.order.id)
          return frame === undefined ? true : res.write(sseFrame(frame))
        },
        onDrain: (cb) => res.once('drain', cb),
        heartbeat: () => res.write(': hb\n\n'),
        close: () => res.end(),
      }
      const unsubscribe = await s.hub.subscribe(storeId, owned.seq, sink)
      res.on('close', unsubscribe)
      return RESPONSE_ALREADY_SENT
    })
    .get(
      '/:storeId/my-orders/:orderId/stream/ws',
      async (c, next) => {
        // Refuse before the upgrade, so a stranger gets a plain 401/404 instead of an open socket.
        await ownedOrder(s.db, c.get('principal'), c.req.param('storeId'), c.req.param('orderId'))
        await next()
      },
      upgradeWebSocket((c) => {
        const storeId = c.req.param('storeId') ?? ''
        const orderId = c.req.param('orderId') ?? ''
        const principal = c.get('principal')
        let unsubscribe: (() => void) | undefined
        let closed = false
        return {
          async onOpen(_ev, ws) {
            const owned = await ownedOrder(s.db, principal, storeId, orderId)
            ws.send(JSON.stringify(snapshot(owned)))
            const sink: StreamSink = {
              kind: 'ws',
              write: (ev) => {
                const frame = frameFor(ev, orderId)
                if (frame !== undefined) ws.send(JSON.stringify(frame))
                return true
              },
              onDrain: (cb) => cb(),
              heartbeat: () => ws.send('{"type":"heartbeat"}'),
              close: () => ws.close(1001, 'server shutting down'),
            }
            const off = await s.hub.subscribe(storeId, owned.seq, sink)
            if (closed) off()
            else unsubscribe = off
          },
          onClose() {
            closed = true
            unsubscribe?.()
          },
        }
      }),
    )
}

/** The order `orderId` of store `storeId` with its last log seq, if `principal` is the consumer who placed it; 404 otherwise. */
export async function ownedOrder(
  db: Database,
  principal: Principal | undefined,
  storeId: string,
  orderId: string,
): Promise<{ order: Order; seq: number }> {
  if (!principal) throw new AppError('UNAUTHENTICATED', 'sign in first: missing, expired or invalid token')
  const rows = await db.query<{ doc: Order; last_seq: string | number }>(
    'select doc, last_seq from orders where store_id = $1 and id = $2',
    [storeId, orderId],
  )
  const row = rows[0]
  const mine =
    row !== undefined &&
    (principal.role === 'consumer' ? row.doc.customer.id === principal.openid : principal.storeId === storeId)
  // Someone else's order answers like a missing one: order ids must not be probed.
  if (!row || !mine) throw new AppError('NOT_FOUND', 'no such order')
  return { order: row.doc, seq: Number(row.last_seq) }
}

function consumerOf(who: Principal | undefined): string {
  if (!who) throw new AppError('UNAUTHENTICATED', 'sign in first: missing, expired or invalid token')
  if (who.role !== 'consumer') throw new AppError('FORBIDDEN', 'only for consumers')
  return who.openid
}

function snapshot(owned: { order: Order; seq: number }): OrderFrame {
  return {
    seq: owned.seq,
    type: 'order.snapshot',
    orderId: owned.order.id,
    at: owned.order.timestamps.updatedAt,
    order: owned.order,
  }
}

/** The consumer's frame for a log event, or undefined when the event is about another order or carries none. */
function frameFor(ev: EncodedEvent, orderId: string): OrderFrame | undefined {
  // Most events are about other orders: skip them without parsing.
  if (!ev.json.includes(orderId)) return undefined
  const payload = JSON.parse(ev.json) as { type: string; orderId: string | null; at: number; order: Order | null }
  if (payload.orderId !== orderId || payload.order === null) return undefined
  return { seq: ev.seq, type: payload.type, orderId, at: payload.at, order: payload.order }
}

function sseFrame(frame: OrderFrame): string {
  return `id: ${frame.seq}\nevent: order\ndata: ${JSON.stringify(frame)}\n\n`
}
