import type { HttpBindings } from '@hono/node-server'
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response'
import { upgradeWebSocket } from '@hono/node-server'
import { Hono } from 'hono'
import { z } from 'zod'
import { type AuthEnv, requireStoreStaff } from '../auth/middleware'
import type { Database } from '../db/database'
import { AppError } from '../http/errors'
import { EncodedEvent, type StreamHub, type StreamSink } from './hub'

const MAX_PAGE = 1000

const cursor = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER)

/**
 * The per-store order stream: SSE with Last-Event-ID resume, the same over a WebSocket for the
 * mini-program (which has no EventSource), and paging over the log.
 */
export function streamRoutes(db: Database, hub: StreamHub) {
  // Middleware is attached per route: a `use('/:storeId/*')` here would also guard the other sub-apps
  // mounted under /api/stores (the public menu).
  const staff = requireStoreStaff()
  return new Hono<AuthEnv & { Bindings: HttpBindings }>()
    .get('/:storeId/stream', staff, async (c) => {
      const storeId = c.req.param('storeId')
      const after = parseCursor(c.req.header('last-event-id') ?? c.req.query('after'))
      const res = c.env.outgoing
      // Small frames must leave at once: without this, Nagle's algorithm holds them for the peer's delayed ACK (~40 ms).
      res.socket?.setNoDelay(true)
      // The response is written directly: each event is encoded once and the same bytes go to every
      // subscriber, and backpressure is the socket's own (see StreamHub).
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      })
      res.write('retry: 2000\n: connected\n\n')
      const sink: StreamSink = {
        kind: 'sse',
        write: (ev: EncodedEvent) => res.write(ev.sse),
        onDrain: (cb) => res.once('drain', cb),
        heartbeat: () => res.write(': hb\n\n'),
        close: () => res.end(),
      }
      const unsubscribe = await hub.subscribe(storeId, after, sink)
      res.on('close', unsubscribe)
      return RESPONSE_ALREADY_SENT
    })
    .get(
      '/:storeId/stream/ws',
      staff,
      upgradeWebSocket((c) => {
        const storeId = c.req.param('storeId') ?? ''
        const after = parseCursor(c.req.query('after'))
        let unsubscribe: (() => void) | undefined
        return {
          async onOpen(_ev, ws) {
            const raw = ws.raw as { bufferedAmount: number; once?: (e: string, cb: () => void) => void } | undefined
            const sink: StreamSink = {
              kind: 'ws',
              write: (ev: EncodedEvent) => {
                ws.send(ev.json)
                return (raw?.bufferedAmount ?? 0) < 1 << 20
              },
              // ws has no 'drain' event: poll until the buffer has emptied.
              onDrain: (cb) => {
                const t = setInterval(() => {
                  if ((raw?.bufferedAmount ?? 0) < 1 << 16) {
                    clearInterval(t)
                    cb()
                  }
                }, 50)
              },
              heartbeat: () => ws.send('{"type":"heartbeat"}'),
              close: () => ws.close(1001, 'server shutting down'),
            }
            unsubscribe = await hub.subscribe(storeId, after, sink)
          },
          onClose() {
            unsubscribe?.()
          },
        }
      }),
    )
    .get('/:storeId/events', staff, async (c) => {
      const storeId = c.req.param('storeId')
      const after = parseCursor(c.req.query('after'))
      const limit = Math.min(MAX_PAGE, parseCursor(c.req.query('limit') ?? '100') || 100)
      const rows = await db.query<{ seq: string; payload: string }>(
        'select seq, payload::text as payload from order_events where store_id = $1 and seq > $2 order by seq limit $3',
        [storeId, after, limit],
      )
      const events = rows.map((r) => new EncodedEvent(Number(r.seq), r.payload).json).join(',')
      const next = rows.length ? Number(rows.at(-1)!.seq) : after
      return c.body(`{"events":[${events}],"next":${next}}`, 200, { 'content-type': 'application/json' })
    })
    .get('/:storeId/orders/:orderId', staff, async (c) => {
      const rows = await db.query<{ doc: string; last_seq: string }>(
        'select doc::text as doc, last_seq from orders where store_id = $1 and id = $2',
        [c.req.param('storeId'), c.req.param('orderId')],
      )
      const row = rows[0]
      if (!row) throw new AppError('NOT_FOUND', 'no such order')
      return c.body(`{"order":${row.doc},"seq":${Number(row.last_seq)}}`, 200, { 'content-type': 'application/json' })
    })
}

function parseCursor(v: string | undefined): number {
  if (v === undefined || v === '') return 0
  const r = cursor.safeParse(v)
  if (!r.success) throw new AppError('BAD_REQUEST', 'cursor must be a non-negative integer')
  return r.data
}
