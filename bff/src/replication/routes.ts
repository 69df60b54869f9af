import type { HttpBindings } from '@hono/node-server'
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response'
import { zValidator } from '@hono/zod-validator'
import {
  DEVICE_ID_HEADER,
  DeviceId,
  PullQuery,
  PushRequest,
  REPLICATION_PUSH_MAX_INFLATED_BYTES,
} from '@xiaodian/shared'
import { Hono } from 'hono'
import { z } from 'zod'
import { type AuthEnv, requireStoreStaff } from '../auth/middleware'
import { AppError } from '../http/errors'
import { validationHook } from '../http/validation'
import type { Services } from '../services'
import { inflateBody } from './inflate'
import { logHead, ordersSince } from './order-store'
import { PullStreamSink, RESYNC_MESSAGE } from './pull-stream'
import { pushOrders } from './push'

const DeviceHeader = z.object({ [DEVICE_ID_HEADER]: DeviceId })

/**
 * RxDB replication of a store's orders for its staff tablets (`shared/src/replication.ts` holds the
 * contract): pull by `(updatedAt, id)` checkpoint, push through the one ingest path answering the
 * merged masters of conflicting rows, and an SSE pull stream fed by the store's log.
 */
export function replicationRoutes(s: Services) {
  // Guarded per route: a `use('/:storeId/*')` would also guard the other sub-apps under /api/stores.
  const staff = requireStoreStaff()
  return new Hono<AuthEnv & { Bindings: HttpBindings }>()
    .get('/:storeId/replication/orders/pull', staff, zValidator('query', PullQuery, validationHook), async (c) => {
      const { checkpoint, limit } = c.req.valid('query')
      const page = await ordersSince(s.db, c.req.param('storeId'), checkpoint, limit)
      const body = `{"documents":[${page.documents.join(',')}],"checkpoint":${JSON.stringify(page.checkpoint)}}`
      return c.body(body, 200, { 'content-type': 'application/json; charset=utf-8' })
    })
    .post(
      '/:storeId/replication/orders/push',
      staff,
      zValidator('header', DeviceHeader, validationHook),
      inflateBody(REPLICATION_PUSH_MAX_INFLATED_BYTES),
      zValidator('json', PushRequest, validationHook),
      async (c) => {
        const deviceId = c.req.valid('header')[DEVICE_ID_HEADER]
        const result = await pushOrders(s, c.req.param('storeId'), deviceId, c.req.valid('json'))
        return c.json(result.conflicts)
      },
    )
    .get('/:storeId/replication/orders/pull-stream', staff, async (c) => {
      const storeId = c.req.param('storeId')
      const res = c.env?.outgoing
      if (!res) throw new AppError('BAD_REQUEST', 'the pull stream needs a streaming connection')
      // Read the head before telling the tablet to re-pull: whatever committed before it is in that pull,
      // whatever commits after it comes down this stream (at worst a document arrives twice, which is harmless).
      const head = await logHead(s.db, storeId)
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      })
      res.write(`retry: 2000\n\n${RESYNC_MESSAGE}`)
      const sink = new PullStreamSink(res)
      try {
        const unsubscribe = await s.hub.subscribe(storeId, head, sink)
        // The tablet may have gone while the subscription was being set up.
        if (res.destroyed) unsubscribe()
        else res.on('close', unsubscribe)
      } catch (err) {
        // The headers are out: end the stream; the tablet reconnects and is told to resync.
        s.log.warn({ err, storeId }, 'pull stream subscription failed')
        res.end()
      }
      return RESPONSE_ALREADY_SENT
    })
}
