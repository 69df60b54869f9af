import type { StateStorage } from 'zustand/middleware'
import type { StoreApi } from 'zustand/vanilla'
import { createPinSessionStore, type PinSessionState } from '@/core/pin-session'

/** The owner signed in on this phone or browser. */
export interface OwnerSession {
  readonly token: string
  readonly storeId: string
  readonly storeName: string
  readonly name: string
}

/** The owner session (key `xd.owner.session`), persisted through the platform storage adapter (framework-free). */
export function createOwnerSessionStore(storage: StateStorage): StoreApi<PinSessionState<OwnerSession>> {
  return createPinSessionStore<OwnerSession>(storage, 'owner')
}
