import type { Order } from '@xiaodian/domain'
import type { Services } from '../services'

interface Cfg {
  readonly resources: readonly { readonly id: string; readonly capabilities: readonly string[] }[]
  readonly services: readonly {
    readonly id: string
    readonly itemId: string
    readonly durationMin: number
    readonly bufferMin: number
    readonly requires: readonly string[]
  }[]
}

const MINUTE = 60_000

/**
 * The car wash's month of bays: each seeded order of a bookable service gets a confirmed booking on the
 * first free bay that can do it (walk-ins find one at the time they paid; when every bay is busy the car
 * waited and has no booking), so the owner's bay utilisation has something to show. Written straight to
 * the bookings table of a store that takes bookings; its exclusion constraint still refuses overlaps.
 */
export async function seedDemoBookings(s: Services, storeId: string): Promise<number> {
  const reg = await s.db.query<{ t: string | null }>("select to_regclass('bookings')::text as t")
  if (!reg[0]?.t) return 0
  const cfgRows = await s.db.query<{ doc: string }>(
    'select doc::text as doc from booking_configs where store_id = $1',
    [storeId],
  )
  if (!cfgRows[0]) return 0
  const cfg = JSON.parse(cfgRows[0].doc) as Cfg
  const byItem = new Map(cfg.services.map((x) => [x.itemId, x]))
  const rows = await s.db.query<{ doc: string }>(
    `select doc::text as doc from orders where store_id = $1 and doc->>'fulfilment' <> 'cancelled'
      order by (doc->'timestamps'->>'createdAt')::bigint`,
    [storeId],
  )
  const freeAt = new Map<string, number>()
  let n = 0
  await s.db.transaction(async (tx) => {
    for (const row of rows) {
      const o = JSON.parse(row.doc) as Order
      const line = o.lines[0]
      const service = line ? byItem.get(line.itemId) : undefined
      if (!line || !service) continue
      const start = Math.ceil(o.timestamps.createdAt / (5 * MINUTE)) * 5 * MINUTE
      const bay = cfg.resources.find(
        (r) => service.requires.every((c) => r.capabilities.includes(c)) && (freeAt.get(r.id) ?? 0) <= start,
      )
      if (!bay) continue
      const serviceEnd = start + service.durationMin * MINUTE
      const end = serviceEnd + service.bufferMin * MINUTE
      freeAt.set(bay.id, end)
      await tx.query(
        `insert into bookings (store_id, id, service_id, sku_id, resource_id, start_ms, end_ms, service_end_ms, status,
           order_id, customer_id, amount_fen, local_day, checked_in_at, created_ms, updated_ms)
         values ($1, $2, $3, $4, $5, $6, $7, $8, 'confirmed', $9, $10, $11, $12, $6, $13, $13)
         on conflict do nothing`,
        [
          storeId,
          `bk-${o.id}`,
          service.id,
          line.skuId,
          bay.id,
          start,
          end,
          serviceEnd,
          o.id,
          o.customer.id,
          line.totalFen,
          o.businessDay,
          o.timestamps.createdAt,
        ],
      )
      n++
    }
  })
  return n
}
