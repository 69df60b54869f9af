/**
 * Where RxDB keeps the tablet's orders: IndexedDB through Dexie on h5 (survives reloads and restarts,
 * shared by the tabs of one origin), memory on weapp (the staff tablet is an h5 app; the mini-program
 * build only has to load). The staff subpackage is the only importer, so RxDB and Dexie stay out of the
 * consumer's main package.
 */
import type { RxStorage } from 'rxdb'
import { unavailable } from './unavailable'

export interface RxStorageChoice {
  readonly storage: RxStorage<unknown, unknown>
  /** Several tabs may open the same database: RxDB then shares changes and elects one replicating tab. */
  readonly multiInstance: boolean
}

export function rxStorage(): RxStorageChoice {
  return unavailable('rx-storage')
}
