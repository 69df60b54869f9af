import { getRxStorageMemory } from 'rxdb/plugins/storage-memory'
import type { RxStorageChoice } from './rx-storage'

let choice: RxStorageChoice | undefined

// The mini-program has no IndexedDB; its 10 MB key-value storage with 1 MB per key does not fit RxDB's
// index-per-key layout (research/offline.md §1.6). Staff run the h5 build; here orders live in memory.
export function rxStorage(): RxStorageChoice {
  choice ??= { storage: getRxStorageMemory() as RxStorageChoice['storage'], multiInstance: false }
  return choice
}
