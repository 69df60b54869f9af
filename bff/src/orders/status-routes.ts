import { zValidator } from '@hono/zod-validator'
import { type Order, type OrderEvent, applyOrderEvent } from '@xiaodian/domain'
import { Hono } from 'hono'
import { z } from 'zod'
import { type AuthEnv, principalOf, requireStoreStaff } from '../auth/middleware'
import { AppError } from '../http/errors'
import { validationHook } from '../http/validation'
import type { Services } from '../services'

/** `POST /api/stores/:storeId/orders/:orderId/status`: the fulfilment step a staff member takes. */
export const OrderStatusRequest = z.object({
  status: z.enum(['accepted', 'making', 'ready', 'done', 'cancelled']),
  reason: z.string().max(200).optional(),
})

/**
 * Moves an order through its fulfilment from a staff device that is online: the domain reducer decides
 * whether the step is allowed, and the result goes down the one ingest path as an `order.upsert`, so it
 * is merged, logged and streamed like every other change.
 */
export function orderStatusRoutes(s: Services) {
  return new Hono<AuthEnv>().post(
    '/:storeId/orders/:orderId/status',
    requireStoreStaff(),
    zValidator('json', OrderStatusRequest, validationHook),
    async (c) => {
      const who = principalOf(c)
      const storeId = c.req.param('storeId')
      const rows = await s.db.query<{ doc: Order }>('select doc from orders where store_id = $1 and id = $2', [
        storeId,
        c.req.param('orderId'),
      ])
      const stored = rows[0]?.doc
      if (!stored) throw new AppError('NOT_FOUND', 'no such order')
      const { status, reason } = c.req.valid('json')
      if (stored.fulfilment === status) return c.json({ order: stored, unchanged: true })
      const at = s.now()
      const by = who.role === 'consumer' ? 'consumer' : `staff:${who.name}`
      const event: OrderEvent =
        status === 'cancelled'
          ? { type: 'cancelled', reason: reason ?? '门店取消', at, by }
          : { type: status === 'making' ? 'making_started' : status, at, by }
      const moved = applyOrderEvent(stored, event)
      if (!moved.ok) throw new AppError('CONFLICT', moved.error.message, { reason: moved.error.code })
      const applied = await s.ingestor.submit({ kind: 'order.upsert', storeId, order: moved.value, at })
      return c.json({ order: moved.value, seq: applied.seq })
    },
  )
}
