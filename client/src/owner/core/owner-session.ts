import { createJSONStorage, persist, type StateStorage } from 'zustand/middleware'
import { createStore, type StoreApi } from 'zustand/vanilla'

/** The owner signed in on this phone or browser. */
export interface OwnerSession {
  readonly token: string
  readonly storeId: string
  readonly storeName: string
  readonly name: string
}

export interface OwnerSessionState {
  readonly session: OwnerSession | null
  /** The store last signed in to, offered first next time. */
  readonly lastStoreId: string | null
  signIn(session: OwnerSession): void
  signOut(): void
}

/** Storage key of the owner session; bump the version when the shape changes. */
export const OWNER_SESSION_KEY = 'xd.owner.session'

/** The owner session, persisted synchronously through the platform storage adapter (framework-free). */
export function createOwnerSessionStore(storage: StateStorage): StoreApi<OwnerSessionState> {
  return createStore<OwnerSessionState>()(
    persist(
      (set) => ({
        session: null,
        lastStoreId: null,
        signIn: (session) => set({ session, lastStoreId: session.storeId }),
        signOut: () => set({ session: null }),
      }),
      {
        name: OWNER_SESSION_KEY,
        version: 1,
        storage: createJSONStorage(() => storage),
        partialize: ({ session, lastStoreId }) => ({ session, lastStoreId }),
      },
    ),
  )
}
