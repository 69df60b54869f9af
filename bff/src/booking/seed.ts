import type { Database } from '../db/database'
import { BookingConfigStore } from './config'
import { DEMO_BOOKING_CONFIGS } from './demo'
import { initCursors } from './follower'

/**
 * Start-up seeding for bookings, passes and 拼团: the demo stores' booking configuration (only where a
 * store has none), and the order-stream follower's cursor of every store (at the log's head when new).
 */
export async function seedShopFlows(db: Database, storeIds: readonly string[]): Promise<void> {
  await new BookingConfigStore(db).seed(DEMO_BOOKING_CONFIGS, storeIds)
  await initCursors(db, storeIds)
}
