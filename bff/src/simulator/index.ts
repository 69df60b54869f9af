/**
 * The platform simulator's public entry, for the test and benchmark suites in `test/` and for
 * `npm run simulate`: real-format, really signed Meituan pushes and WeChat Pay notifications.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { type StoreDirectory, parseStores } from '../config/stores'
import { PlatformSimulator } from './platform'

export { PlatformSimulator, send } from './platform'
export type { PlatformRequest } from './platform'

const DEMO_STORES = path.resolve(import.meta.dirname, '../../config/stores.demo.json')

/** The stores of a stores file (the demo file by default), validated. */
export function storeDirectory(storesFile = DEMO_STORES): StoreDirectory {
  return parseStores(JSON.parse(readFileSync(storesFile, 'utf8')))
}

/** A simulator for the stores of a stores file (the demo file by default). */
export function simulatorFor(storesFile = DEMO_STORES): PlatformSimulator {
  return new PlatformSimulator(storeDirectory(storesFile))
}
