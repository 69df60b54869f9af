import type { Order } from '@xiaodian/domain'
import { type RxStorageInstanceReplicationState, getAssumedMasterState } from 'rxdb'
import { type StoreApi, createStore } from 'zustand/vanilla'
import { orderConflictHandler } from './conflict-handler'
import type { OrderCollection } from './database'
import type { OrderReplication } from './replication'

/** What the sync bar shows. Nothing here ever blocks work: it only reports. */
export interface SyncState {
  /** The device says it has a network. */
  readonly online: boolean
  /** The BFF's pull stream is open: changes from other tablets and channels arrive live. */
  readonly live: boolean
  /** Orders whose local state the BFF does not hold yet: the per-order badge, and their count. */
  readonly pendingIds: ReadonlySet<string>
  /** Whether `pendingIds` has been computed yet (the replication state is ready). */
  readonly pendingKnown: boolean
  /** Epoch ms of the last answer from the BFF. */
  readonly lastSyncAt: number | null
  /** The last replication error, cleared by the next answer. */
  readonly error: string | null
  /** The BFF refused the token (expired after a long shift): sync waits for a new sign-in. */
  readonly unauthorized: boolean
}

export type SyncStatusStore = StoreApi<SyncState>

/** A fresh sync status: offline until the network adapter says otherwise. */
export function createSyncStatusStore(initial: Partial<SyncState> = {}): SyncStatusStore {
  return createStore<SyncState>()(() => ({
    online: false,
    live: false,
    pendingIds: new Set<string>(),
    pendingKnown: false,
    lastSyncAt: null,
    error: null,
    unauthorized: false,
    ...initial,
  }))
}

/**
 * The ids among `ids` whose local state differs from the master state RxDB last confirmed for them (its
 * replication meta data, persisted beside the orders, so the answer survives a reload). A document the
 * BFF never confirmed has no master state and is pending.
 */
export async function unsyncedIds(
  collection: OrderCollection,
  internal: RxStorageInstanceReplicationState<Order>,
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set()
  const [docs, masters] = await Promise.all([
    collection.storageInstance.findDocumentsById([...ids], true),
    getAssumedMasterState(internal, [...ids]),
  ])
  const pending = new Set<string>()
  for (const doc of docs) {
    const master = masters[doc.id]
    if (master === undefined || !orderConflictHandler.isEqual(master.docData, doc, 'xd-sync-status')) {
      pending.add(doc.id)
    }
  }
  return pending
}

/** Timers, injectable for tests. */
interface Timers {
  setTimeout(fn: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
}

/**
 * Keeps `pendingIds` current: every local change makes its order a candidate, and after each burst of
 * changes or replication activity the candidates and the pending orders are compared with the master
 * states again. Returns the unsubscribe function.
 */
export function trackPendingOrders(
  collection: OrderCollection,
  replication: OrderReplication,
  store: SyncStatusStore,
  options: { debounceMs?: number; timers?: Timers } = {},
): () => void {
  const timers = options.timers ?? realTimers
  const debounceMs = options.debounceMs ?? 150
  const candidates = new Set<string>()
  let everything = true
  let stopped = false
  let timer: unknown
  let running: Promise<void> | undefined
  let again = false

  const compute = async () => {
    await replication.startPromise
    const internal = replication.internalReplicationState
    if (stopped || internal === undefined) return
    let ids: string[]
    if (everything) {
      everything = false
      candidates.clear()
      ids = (await collection.find().exec()).map((d) => d.primary)
    } else {
      ids = [...new Set([...candidates, ...store.getState().pendingIds])]
      candidates.clear()
    }
    const pending = await unsyncedIds(collection, internal, ids)
    if (stopped) return
    const before = store.getState().pendingIds
    if (!store.getState().pendingKnown || !sameSet(before, pending))
      store.setState({ pendingIds: pending, pendingKnown: true })
  }

  const run = () => {
    timer = undefined
    if (running) {
      again = true
      return
    }
    running = compute()
      .catch(() => {
        // The storage was closed under us (page leaving); nothing to report.
      })
      .finally(() => {
        running = undefined
        if (again && !stopped) {
          again = false
          schedule()
        }
      })
  }

  const schedule = () => {
    if (stopped || timer !== undefined) return
    timer = timers.setTimeout(run, debounceMs)
  }

  const subs = [
    collection.$.subscribe((ev) => {
      candidates.add(ev.documentId)
      schedule()
    }),
    replication.sent$.subscribe(() => schedule()),
    replication.received$.subscribe(() => schedule()),
    replication.active$.subscribe((active) => {
      if (!active) schedule()
    }),
  ]
  schedule()

  return () => {
    stopped = true
    if (timer !== undefined) timers.clearTimeout(timer)
    for (const s of subs) s.unsubscribe()
  }
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false
  for (const x of a) if (!b.has(x)) return false
  return true
}
