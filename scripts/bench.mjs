// `npm run bench`: every benchmark under test/bench at full size (or the ones named on the command line).
import { existsSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { ROOT, ensureInstalled, run } from './lib.mjs'

ensureInstalled()
const wanted = process.argv.slice(2)
const benchDir = path.join(ROOT, 'test', 'bench')
for (const name of readdirSync(benchDir).sort()) {
  if (wanted.length && !wanted.includes(name)) continue
  const file = path.join(benchDir, name, 'bench.ts')
  if (!existsSync(file)) continue
  console.log(`\n=== bench ${name} ===`)
  run('node', ['--import', 'tsx', file])
}
