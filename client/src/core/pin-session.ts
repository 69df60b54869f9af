import { createJSONStorage, persist, type StateStorage } from 'zustand/middleware'
import { createStore, type StoreApi } from 'zustand/vanilla'

/** The roles that sign in with a store PIN; each keeps its own session on the device. */
export type PinRole = 'staff' | 'owner'

/** What every PIN session holds at least: the store it is for. */
export interface PinSessionBase {
  readonly storeId: string
}

/** A PIN session store: who is signed in, and the store offered first next time. */
export interface PinSessionState<S extends PinSessionBase> {
  readonly session: S | null
  /** The store last signed in to, offered first next time. */
  readonly lastStoreId: string | null
  signIn(session: S): void
  signOut(): void
}

/** Storage key of a role's session; bump the persisted version below when a session's shape changes. */
function pinSessionKey(role: PinRole): string {
  return `xd.${role}.session`
}

/**
 * A role's PIN session, persisted synchronously through the platform storage adapter, so it is already
 * restored when this returns (a tablet restarted offline stays signed in). Framework-free.
 */
export function createPinSessionStore<S extends PinSessionBase>(
  storage: StateStorage,
  role: PinRole,
): StoreApi<PinSessionState<S>> {
  return createStore<PinSessionState<S>>()(
    persist(
      (set) => ({
        session: null,
        lastStoreId: null,
        signIn: (session) => set({ session, lastStoreId: session.storeId }),
        signOut: () => set({ session: null }),
      }),
      {
        name: pinSessionKey(role),
        version: 1,
        storage: createJSONStorage(() => storage),
        partialize: ({ session, lastStoreId }) => ({ session, lastStoreId }),
      },
    ),
  )
}
