import { type FulfilmentType, type Order, type PricedCart, type Result, businessDayOf, err, ok } from '@xiaodian/domain'
import type { RxStorage } from 'rxdb'
import { type StoreApi, createStore } from 'zustand/vanilla'
import type { HttpClient } from '@/platform/http'
import type { NetworkEvents } from '@/platform/network'
import type { KeyValueStorage } from '@/platform/storage'
import type { OpenStream } from '@/platform/stream'
import { type PayMethod, counterOrder } from './counter-order'
import { type OrderCollection, type TabletDatabase, openTabletDatabase } from './database'
import { deviceIdOf, ensurePickupBlock } from './device'
import { type MoveQueue, createMoveQueue } from './move-queue'
import { type NewOrderAlertStore, watchNewOrders } from './new-orders'
import { uuidv7 } from './order-id'
import { type MoveKind, moveEvent } from './order-moves'
import { applyLocally, insertOrder } from './order-writes'
import { type PickupBook, createPickupBook, pickupKey } from './pickup-book'
import { type OrderReplication, startOrderReplication } from './replication'
import { type StoreMenu, cachedMenu, fetchMenu } from './store-menu'
import { type SyncStatusStore, createSyncStatusStore, trackPendingOrders } from './sync-status'

/** What the tablet needs from the platform; `platform/*` adapters on a device, fakes in tests. */
export interface TabletPlatform {
  readonly http: HttpClient
  readonly openStream: OpenStream
  /** The BFF base URL the http client and the stream use (`''` = same origin). */
  readonly baseUrl: string
  /** The BFF's origin, for the replication identifier. */
  readonly origin: string
  readonly kv: KeyValueStorage
  readonly rxStorage: RxStorage<unknown, unknown>
  readonly multiInstance: boolean
  readonly network: NetworkEvents
  /** Rings for new orders (a beep on h5). */
  readonly ring: (orders: readonly Order[]) => void
  readonly now: () => number
  /** Overrides the database name (tests). */
  readonly databaseName?: string
  /** Milliseconds an undoable move waits before it is written. */
  readonly undoMs?: number
  readonly retryTimeMs?: number
}

export interface TabletSession {
  readonly storeId: string
  /** Read on every request, so a new sign-in applies at once. */
  readonly token: () => string | null
  readonly onUnauthorized?: () => void
}

export interface MenuState {
  readonly menu: StoreMenu | null
  /** Why the last refresh failed (offline: the cached menu is in use). */
  readonly error: string | null
}

/** A counter sale, priced, as the POS hands it over. */
export interface SaleInput {
  readonly priced: PricedCart
  readonly fulfilmentType: FulfilmentType
  readonly notes: string
  readonly paidWith: PayMethod | null
}

/** The staff tablet's offline core for one store: local orders, replication, status, actions. */
export interface Tablet {
  readonly storeId: string
  readonly deviceId: string
  readonly db: TabletDatabase
  readonly orders: OrderCollection
  readonly replication: OrderReplication
  readonly sync: SyncStatusStore
  readonly moves: MoveQueue
  readonly alerts: NewOrderAlertStore
  readonly pickup: PickupBook
  readonly menu: StoreApi<MenuState>
  /** The store's business day now (its time zone, 04:00 cutoff). */
  businessDay(at?: number): string
  refreshMenu(): Promise<void>
  /** Creates a counter order locally: pickup number from this device's block, replicated when online. */
  sell(input: SaleInput): Promise<Result<Order>>
  /** Moves an order on the board; undoable until it is written (see `createMoveQueue`). */
  move(orderId: string, kind: MoveKind): Promise<void>
  /** Reconnects the replication now (coming online, a new sign-in). */
  reconnect(): void
  close(): Promise<void>
}

/** The business day starts at 04:00 local time unless the store says otherwise. */
export const DEFAULT_CUTOFF_MINUTES = 4 * 60
const DEFAULT_TIME_ZONE = 'Asia/Shanghai'
// Even with a live stream, re-pull by checkpoint now and then: it costs one small request and heals
// anything a dropped stream missed.
const RESYNC_EVERY_MS = 60_000

/** Opens the tablet: the local database first (work can start offline at once), then replication. */
export async function openTablet(session: TabletSession, platform: TabletPlatform): Promise<Tablet> {
  const { storeId } = session
  const { kv, http, now } = platform
  const deviceId = deviceIdOf(kv)
  const db = await openTabletDatabase({
    storeId,
    storage: platform.rxStorage,
    multiInstance: platform.multiInstance,
    ...(platform.databaseName === undefined ? {} : { name: platform.databaseName }),
  })
  const orders = db.orders
  const sync = createSyncStatusStore()
  const menu = createStore<MenuState>()(() => ({ menu: cachedMenu(kv, storeId), error: null }))
  const pickup = createPickupBook(kv, pickupKey(storeId, deviceId))

  const { replication, reconnect, stop } = startOrderReplication({
    collection: orders,
    storeId,
    origin: platform.origin,
    deviceId,
    http,
    openStream: platform.openStream,
    baseUrl: platform.baseUrl,
    token: session.token,
    onUnauthorized: () => {
      sync.setState({ unauthorized: true })
      session.onUnauthorized?.()
    },
    onContact: () => sync.setState({ lastSyncAt: now(), error: null, unauthorized: false }),
    onLive: (live) => sync.setState({ live }),
    online: () => sync.getState().online,
    ...(platform.retryTimeMs === undefined ? {} : { retryTimeMs: platform.retryTimeMs }),
  })
  const errorSub = replication.error$.subscribe((e) => {
    // RxDB retries by itself; the bar only says so. Offline, failing is expected and not worth a word.
    if (!sync.getState().online) return
    console.warn('replication:', e.message.slice(0, 300))
    sync.setState({ error: '同步出错, 自动重试中' })
  })
  const stopPending = trackPendingOrders(orders, replication, sync)
  const watcher = watchNewOrders(orders, deviceId, platform.ring)
  const moves = createMoveQueue((orderId, event) => applyLocally(orders, orderId, event), {
    ...(platform.undoMs === undefined ? {} : { delayMs: platform.undoMs }),
  })

  const timeZone = () => menu.getState().menu?.store.timeZone ?? DEFAULT_TIME_ZONE
  const businessDay = (at = now()) => businessDayOf(at, timeZone(), DEFAULT_CUTOFF_MINUTES)

  const online = () => sync.getState().online
  const refreshMenu = async () => {
    try {
      const fresh = await fetchMenu(http, kv, storeId, now())
      menu.setState({ menu: fresh, error: null })
    } catch (e) {
      menu.setState({ error: (e as Error).message })
    }
  }
  const whenOnline = () => {
    const token = session.token()
    void refreshMenu()
    if (token !== null) void ensurePickupBlock(http, token, storeId, deviceId, pickup)
  }

  let wasOnline = false
  const stopNetwork = platform.network.onOnlineChange((isOnline) => {
    sync.setState({ online: isOnline, ...(isOnline ? {} : { error: null }) })
    if (isOnline && !wasOnline) {
      reconnect()
      whenOnline()
    }
    wasOnline = isOnline
  })
  const resync = setInterval(() => {
    if (online()) replication.reSync()
  }, RESYNC_EVERY_MS)

  return {
    storeId,
    deviceId,
    db,
    orders,
    replication,
    sync,
    moves,
    alerts: watcher.alerts,
    pickup,
    menu,
    businessDay,
    refreshMenu,
    async sell(input) {
      const at = now()
      const day = businessDay(at)
      const drawn = pickup.draw(day)
      if (!drawn.ok && drawn.error.details?.reason !== 'NO_BLOCK') return err(drawn.error.code, drawn.error.message)
      // Without a block (never online since install) the sale still goes through, without a number.
      const made = counterOrder({
        id: uuidv7(at),
        storeId,
        deviceId,
        businessDay: day,
        pickupNumber: drawn.ok ? drawn.value : null,
        priced: input.priced,
        fulfilmentType: input.fulfilmentType,
        notes: input.notes,
        paidWith: input.paidWith,
        at,
      })
      if (!made.ok) return made
      await insertOrder(orders, made.value)
      return ok(made.value)
    },
    async move(orderId, kind) {
      await moves.propose(orderId, kind, moveEvent(kind, now(), deviceId))
    },
    reconnect,
    async close() {
      clearInterval(resync)
      stopNetwork()
      await moves.flush()
      moves.dispose()
      watcher.stop()
      stopPending()
      errorSub.unsubscribe()
      await stop()
      await db.close()
    },
  }
}
