import type { Order } from '@xiaodian/domain'
import { ORDERS_RXDB_SCHEMA } from '@xiaodian/shared'
import { type RxCollection, type RxDatabase, type RxJsonSchema, type RxStorage, createRxDatabase } from 'rxdb'
import { orderConflictHandler } from './conflict-handler'
import { sha256Hex } from './hash'

/** The tablet's replicated orders. */
export type OrderCollection = RxCollection<Order>

/** The tablet's database: one per store, holding the store's orders. */
export type TabletDatabase = RxDatabase<{ orders: OrderCollection }>

export interface TabletDatabaseOptions {
  /** The store whose orders this database keeps; part of the database name. */
  readonly storeId: string
  /** Dexie (IndexedDB) on h5, memory in tests: chosen by `platform/rx-storage`. */
  readonly storage: RxStorage<unknown, unknown>
  /** True where several tabs can open the same database (h5): they share changes and elect one replicator. */
  readonly multiInstance: boolean
  /** Overrides the name (tests open several tablets in one process). */
  readonly name?: string
}

/** The database name of a store: RxDB names are lower-case letters, digits, `-` and `_`. */
export function tabletDatabaseName(storeId: string): string {
  return `xd-${storeId.toLowerCase().replace(/[^a-z0-9_-]/g, '-')}`
}

/** The orders schema from `shared` (the BFF's replication contract), as RxDB types it. */
export const ordersSchema = ORDERS_RXDB_SCHEMA as unknown as RxJsonSchema<Order>

/** Opens (or creates) the store's database with the `orders` collection and the domain conflict handler. */
export async function openTabletDatabase(options: TabletDatabaseOptions): Promise<TabletDatabase> {
  const db: TabletDatabase = await createRxDatabase<{ orders: OrderCollection }>({
    name: options.name ?? tabletDatabaseName(options.storeId),
    storage: options.storage,
    multiInstance: options.multiInstance,
    hashFunction: sha256Hex,
    // A tablet resumes after a crash or a reload with the same database; never error on a second open.
    closeDuplicates: true,
  })
  await db.addCollections({ orders: { schema: ordersSchema, conflictHandler: orderConflictHandler } })
  return db
}
