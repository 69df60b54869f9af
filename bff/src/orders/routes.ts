import { randomUUID } from 'node:crypto'
import { zValidator } from '@hono/zod-validator'
import { type Order, createOrder, derivePaymentStatus } from '@xiaodian/domain'
import { PlaceOrderRequest } from '@xiaodian/shared'
import { Hono } from 'hono'
import { z } from 'zod'
import { type AuthEnv, principalOf, requireStoreStaff } from '../auth/middleware'
import { cartOf, price, pricedView, storeCatalog } from '../catalog/routes'
import { AppError } from '../http/errors'
import { validationHook } from '../http/validation'
import type { Services } from '../services'

/**
 * The store's own orders: the mini-program's (consumer token) and the counter's (staff token). The BFF
 * prices every order with the domain; a price sent by a client is never read.
 */
export function orderRoutes(s: Services) {
  return new Hono<AuthEnv>()
    .post('/:storeId/orders', zValidator('json', PlaceOrderRequest, validationHook), async (c) => {
      const who = principalOf(c)
      const storeId = c.req.param('storeId')
      if (who.role !== 'consumer' && who.storeId !== storeId)
        throw new AppError('FORBIDDEN', `not allowed for store ${storeId}`)
      const { store, catalog } = await storeCatalog(s, storeId)
      const body = c.req.valid('json')
      const channel = who.role === 'consumer' ? 'miniprogram' : 'pos'
      const customerId = who.role === 'consumer' ? who.openid : null
      const isNew = customerId ? !(await hasOrdered(s, storeId, customerId)) : false
      const priced = await price(s, store, catalog, cartOf(body.lines), channel, body.couponIds ?? [], isNew)
      const now = s.now()
      const orderId = body.orderId ?? randomUUID()
      const existing = await s.db.query<{ doc: Order }>('select doc from orders where store_id = $1 and id = $2', [
        storeId,
        orderId,
      ])
      if (existing[0]) return c.json({ order: existing[0].doc, duplicate: true })
      const businessDay = s.businessDay(storeId, now)
      let order = createOrder({
        id: orderId,
        storeId,
        channel,
        externalId: orderId,
        businessDay,
        fulfilmentType: body.fulfilment,
        pickupNumber: await nextServerPickup(s, storeId, businessDay),
        customer: { id: customerId, name: who.role === 'consumer' ? who.nickname : null, phoneMasked: null },
        lines: priced.lines,
        promotions: priced.promotions.map((p) => ({
          promotionId: p.promotionId,
          name: p.name,
          savingFen: p.savingFen,
        })),
        notes: body.notes ?? '',
        at: now,
        by: who.role === 'consumer' ? 'miniprogram' : `staff:${who.name}`,
      })
      if (channel === 'pos' && body.paidWith) {
        const id = `${body.paidWith}:${orderId}`
        const payments = { [id]: { id, amountFen: order.amounts.totalFen, method: body.paidWith, at: now } }
        order = { ...order, payments, payment: derivePaymentStatus(payments, order.refunds) }
      }
      const applied = await s.ingestor.submit({ kind: 'order.upsert', storeId, order, at: now, placement: true })
      if (applied.duplicate) {
        // A concurrent retry of the same order won: answer with what is stored.
        const stored = await s.db.query<{ doc: Order }>('select doc from orders where store_id = $1 and id = $2', [
          storeId,
          orderId,
        ])
        return c.json({ order: stored[0]?.doc ?? order, duplicate: true })
      }
      return c.json({ order, seq: applied.seq, priced: pricedView(priced) }, 201)
    })
    .post(
      '/:storeId/devices',
      requireStoreStaff(),
      zValidator('json', z.object({ deviceId: z.string().regex(/^[0-9a-zA-Z-]{6,64}$/) }), validationHook),
      async (c) => {
        const storeId = c.req.param('storeId')
        const { deviceId } = c.req.valid('json')
        // Each tablet gets its own block of pickup numbers (block k: k·100+1 … k·100+99), so offline
        // tablets never hand out the same number; the server's own numbers stay below 1000.
        const rows = await s.db.transaction(async (tx) => {
          const have = await tx.query<{ block: number }>(
            'select block from devices where store_id = $1 and device_id = $2',
            [storeId, deviceId],
          )
          if (have[0]) return have
          return tx.query<{ block: number }>(
            `insert into devices (store_id, device_id, block)
             select $1, $2, coalesce(max(block), 9) + 1 from devices where store_id = $1
             returning block`,
            [storeId, deviceId],
          )
        })
        return c.json({ deviceId, block: rows[0]!.block, blockSize: 100 })
      },
    )
}

async function hasOrdered(s: Services, storeId: string, customerId: string): Promise<boolean> {
  const rows = await s.db.query(`select 1 from orders where store_id = $1 and doc->'customer'->>'id' = $2 limit 1`, [
    storeId,
    customerId,
  ])
  return rows.length > 0
}

async function nextServerPickup(s: Services, storeId: string, businessDay: string): Promise<number> {
  const rows = await s.db.query<{ last: number }>(
    `insert into pickup_counters (store_id, business_day, last) values ($1, $2, 1)
     on conflict (store_id, business_day) do update set last = pickup_counters.last % 999 + 1
     returning last`,
    [storeId, businessDay],
  )
  return rows[0]!.last
}
