import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie'
import type { RxStorageChoice } from './rx-storage'

let choice: RxStorageChoice | undefined

export function rxStorage(): RxStorageChoice {
  choice ??= { storage: getRxStorageDexie() as RxStorageChoice['storage'], multiInstance: true }
  return choice
}
