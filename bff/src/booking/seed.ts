import type { Database } from '../db/database'
import { BookingConfigStore } from './config'
import { OfferStore } from '../groupbuy/offers'
import { PlanStore } from '../passes/plans'
import { DEMO_BOOKING_CONFIGS, DEMO_GROUP_OFFERS, DEMO_PLANS } from './demo'
import { initCursors } from './follower'

/**
 * Start-up seeding for bookings, passes and 拼团: the demo stores' booking configuration, plans and 拼团
 * offers (only where a store has none), and the order-stream follower's cursor of every store (at the log's head when new).
 */
export async function seedShopFlows(db: Database, storeIds: readonly string[]): Promise<void> {
  await new BookingConfigStore(db).seed(DEMO_BOOKING_CONFIGS, storeIds)
  await new PlanStore(db).seed(DEMO_PLANS, storeIds)
  await new OfferStore(db).seed(DEMO_GROUP_OFFERS, storeIds)
  await initCursors(db, storeIds)
}
