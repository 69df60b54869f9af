/**
 * Synchronous string key-value storage that survives restarts: localStorage on h5,
 * `Taro.*StorageSync` on weapp. The method names match zustand's `StateStorage`, so
 * `createJSONStorage(() => storage)` works as is.
 */

import { unavailable } from './unavailable'

export interface KeyValueStorage {
  /** `null` when the key is missing (on weapp also when an empty string was stored). */
  getItem(key: string): string | null
  setItem(key: string, value: string): void
  removeItem(key: string): void
}

export const storage: KeyValueStorage = {
  getItem: () => unavailable('storage'),
  setItem: () => unavailable('storage'),
  removeItem: () => unavailable('storage'),
}
