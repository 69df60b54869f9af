import type { Order } from '@xiaodian/domain'
import { ORDERS_RXDB_SCHEMA } from '@xiaodian/shared'
import {
  addRxPlugin,
  createRxDatabase,
  type MigrationStrategies,
  type RxCollection,
  type RxDatabase,
  type RxJsonSchema,
  type RxStorage,
} from 'rxdb'
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema'
import { orderConflictHandler } from './conflict-handler'
import { sha256Hex } from './hash'

// A tablet keeps its database across app updates: a collection stored under an older schema version is
// migrated when the database opens (RxDB refuses a version above 0 without this plugin).
addRxPlugin(RxDBMigrationSchemaPlugin)

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

/**
 * The orders schema from `shared` (the BFF's replication contract) at this tablet's collection version.
 * Every change to the stored shape bumps the version and adds the step from the one before to
 * `ordersMigrationStrategies` below; never change the schema under a version tablets already hold (RxDB
 * then refuses to open the database).
 */
export const ordersSchema: RxJsonSchema<Order> = {
  ...(ORDERS_RXDB_SCHEMA as unknown as RxJsonSchema<Order>),
  version: 1,
}

/**
 * How a stored order reaches the current version, one step per version (RxDB runs them in order, on the
 * documents and on the replication's record of the BFF's states alike, so nothing comes back as a conflict).
 */
const ordersMigrationStrategies: MigrationStrategies = {
  // 1: `acceptance` joined the order. An order stored before has no record of it: null, as `toOrder` always read it.
  1: (doc: Omit<Order, 'acceptance'> & { acceptance?: Order['acceptance'] }) => ({
    ...doc,
    acceptance: doc.acceptance ?? null,
  }),
}

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
  // The migration, when one is due, runs inside this call: orders are all at the current version after it.
  await db.addCollections({
    orders: {
      schema: ordersSchema,
      migrationStrategies: ordersMigrationStrategies,
      conflictHandler: orderConflictHandler,
    },
  })
  return db
}
