#!/usr/bin/env node
// Prints the weapp package sizes and fails when the main package is over budget. WeChat allows 2 MB per
// package (main and each subpackage); we keep the consumer main package at 1.2 MB or less so the first
// open stays fast and there is room to grow. Every file counts, even the *.LICENSE.txt that
// project.config.json leaves out of the upload: the figure errs on the large side.
//
// Usage: node test-weapp/size.mjs [dist/weapp]   (after `taro build --type weapp`)
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const dist = path.resolve(process.argv[2] ?? path.join(here, '../dist/weapp'))
const MAIN_BUDGET = 1.2 * 1024 * 1024
const PLATFORM_LIMIT = 2 * 1024 * 1024

if (!existsSync(path.join(dist, 'app.json'))) {
  console.error(`weapp size: no weapp build in ${dist}: run \`npx taro build --type weapp\``)
  process.exit(1)
}

const app = JSON.parse(readFileSync(path.join(dist, 'app.json'), 'utf8'))
const subRoots = (app.subPackages ?? app.subpackages ?? []).map((sub) => sub.root.replace(/\/+$/, ''))

function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    return entry.isDirectory() ? files(full) : [full]
  })
}

const packages = new Map([['main', 0], ...subRoots.map((root) => [root, 0])])
let total = 0
for (const file of files(dist)) {
  const rel = path.relative(dist, file).split(path.sep).join('/')
  const size = statSync(file).size
  const owner = subRoots.find((root) => rel === root || rel.startsWith(`${root}/`)) ?? 'main'
  packages.set(owner, packages.get(owner) + size)
  total += size
}

const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`
for (const [name, size] of packages) console.log(`${name.padEnd(8)} ${String(size).padStart(9)} B  ${kib(size)}`)
console.log(`${'total'.padEnd(8)} ${String(total).padStart(9)} B  ${kib(total)}`)

const problems = []
const main = packages.get('main')
if (main > MAIN_BUDGET) problems.push(`main package ${kib(main)} is over the ${kib(MAIN_BUDGET)} budget`)
for (const [name, size] of packages) {
  if (size > PLATFORM_LIMIT) problems.push(`package ${name} ${kib(size)} is over WeChat's 2 MB limit`)
}
if (problems.length > 0) {
  console.error(`weapp size: FAIL ${problems.join('; ')}`)
  process.exit(1)
}
console.log(`weapp size: OK (main ${((main / MAIN_BUDGET) * 100).toFixed(0)} % of the 1.2 MB budget)`)
