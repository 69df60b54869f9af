import { readFileSync } from 'node:fs'
import path from 'node:path'
import { ROOT } from './bff-process'

/** The demo stores file, for tests that need a store's credentials. */
export function demoStoresFile(): unknown {
  return JSON.parse(readFileSync(path.join(ROOT, 'bff/config/stores.demo.json'), 'utf8'))
}
