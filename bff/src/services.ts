import type { Logger } from 'pino'
import type { SoldOutMarks } from '@xiaodian/domain'
import { type TokenService, createTokenService } from './auth/tokens'
import { seedShopFlows } from './booking/seed'
import { CatalogStore } from './catalog/catalog-store'
import { businessDayOf } from './config/calendar'
import type { StoreDirectory } from './config/stores'
import type { Database } from './db/database'
import { Ingestor } from './ingest/ingestor'
import { StreamHub } from './stream/hub'

/** The NOTIFY channel that tells other BFF processes a store's log grew (payload `storeId`). */
export const LOG_CHANNEL = 'xd_log'

/** Everything the routes share, built once per process. */
export interface Services {
  db: Database
  stores: StoreDirectory
  log: Logger
  tokens: TokenService
  hub: StreamHub
  ingestor: Ingestor
  catalogs: CatalogStore
  /** Today's sold-out marks of a store (set by staff on the shared board). */
  soldOut(storeId: string): Promise<SoldOutMarks>
  /** The business day an instant belongs to in a store. */
  businessDay(storeId: string, at: number): string
  now: () => number
  close(): Promise<void>
}

/** Wires the ingest path to the stream: a committed batch wakes local subscribers and, on PostgreSQL, other processes. */
export async function createServices(
  db: Database,
  stores: StoreDirectory,
  log: Logger,
  opts: { jwtSecret?: string | undefined; now?: () => number } = {},
): Promise<Services> {
  const now = opts.now ?? Date.now
  const tokens = await createTokenService(db, opts.jwtSecret)
  const hub = new StreamHub(db)
  const ctx = {
    now,
    businessDay(storeId: string, at: number) {
      const s = stores.byId(storeId)
      return businessDayOf(at, s?.timeZone ?? 'Asia/Shanghai', s?.businessDayCutoff ?? '04:00')
    },
  }
  const ingestor = new Ingestor(db, ctx, log, (grown) => {
    for (const [storeId, events] of grown) {
      hub.offer(storeId, events)
      if (db.kind === 'postgres') db.notify(LOG_CHANNEL, storeId).catch(() => {})
    }
  })
  const catalogs = new CatalogStore(db)
  await catalogs.seedDemo(stores.list().map((st) => st.id))
  await seedShopFlows(
    db,
    stores.list().map((st) => st.id),
  )
  const unlisten = db.kind === 'postgres' ? await db.listen(LOG_CHANNEL, (storeId) => hub.wake(storeId)) : undefined
  return {
    db,
    stores,
    log,
    tokens,
    hub,
    ingestor,
    catalogs,
    soldOut: async () => ({}),
    businessDay: ctx.businessDay,
    now,
    async close() {
      await ingestor.close()
      hub.closeAll()
      await unlisten?.()
    },
  }
}
