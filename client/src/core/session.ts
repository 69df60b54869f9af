import { createJSONStorage, persist, type StateStorage } from 'zustand/middleware'
import { createStore, type StoreApi } from 'zustand/vanilla'

/** Who is using the app on this device; each has its own entry page. */
export const Role = { consumer: 'consumer', staff: 'staff', owner: 'owner' } as const
export type Role = (typeof Role)[keyof typeof Role]

export interface SessionState {
  /** The shop this device works for, once chosen. */
  readonly storeId: string | null
  /** The entry point last used, so a staff tablet can reopen on the board. */
  readonly role: Role
  selectStore(storeId: string): void
  enter(role: Role): void
  reset(): void
}

/** Key under which the session is persisted; bump the version when the shape changes. */
export const SESSION_KEY = 'xd.session'
const SESSION_VERSION = 1

/**
 * The device session, framework-free (a hook wraps it in stores/session.ts). Persisted through
 * `storage` synchronously, so it is already restored when this returns.
 */
export function createSessionStore(storage: StateStorage): StoreApi<SessionState> {
  return createStore<SessionState>()(
    persist(
      (set) => ({
        storeId: null,
        role: Role.consumer,
        selectStore: (storeId) => set({ storeId }),
        enter: (role) => set({ role }),
        reset: () => set({ storeId: null, role: Role.consumer }),
      }),
      {
        name: SESSION_KEY,
        version: SESSION_VERSION,
        storage: createJSONStorage(() => storage),
        partialize: ({ storeId, role }) => ({ storeId, role }),
      },
    ),
  )
}
