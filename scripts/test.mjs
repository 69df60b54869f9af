// `npm test`: everything CI checks, in CI's order, each stage timed.
// install → format → typecheck → lint → unit tests → client builds → weapp checks → browser and
// cross-process suites → benchmark smoke runs.
import { readdirSync, existsSync } from 'node:fs'
import path from 'node:path'
import { ROOT, ensureClientBuilt, ensureDebianFile, ensureDebianPackage, ensureInstalled, run, secs } from './lib.mjs'

const only = process.argv.slice(2)
const timings = []

async function stage(name, fn) {
  if (only.length > 0 && !only.includes(name)) return
  const t0 = Date.now()
  process.stdout.write(`\n── ${name} ──\n`)
  try {
    await fn()
    timings.push([name, Date.now() - t0, 'ok'])
  } catch (err) {
    timings.push([name, Date.now() - t0, 'FAILED'])
    report()
    console.error(`\nnpm test failed at stage "${name}": ${err.message}`)
    process.exit(err.exitCode ?? 1)
  }
}

function report() {
  console.log('\nstage               time     result')
  for (const [name, ms, result] of timings) console.log(`${name.padEnd(18)} ${secs(ms).padStart(8)}   ${result}`)
  const total = timings.reduce((s, [, ms]) => s + ms, 0)
  console.log(`${'total'.padEnd(18)} ${secs(total).padStart(8)}`)
}

const npx = (...args) => run('npx', args)

await stage('install', async () => {
  ensureInstalled()
  ensureDebianPackage('chromium')
  ensureDebianPackage('strace')
  // Chinese UI text in the browser suites' screenshots.
  ensureDebianFile('/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', 'fonts-wqy-microhei')
})
await stage('format', async () => npx('biome', 'format', '.'))
await stage('typecheck', async () => run('node', ['scripts/typecheck.mjs']))
await stage('lint', async () => npx('biome', 'lint', '--error-on-warnings', '.'))
await stage('unit', async () => npx('vitest', 'run'))
await stage('build', async () => {
  ensureClientBuilt('weapp', { force: process.env.CI === 'true' })
  ensureClientBuilt('h5', { force: process.env.CI === 'true' })
})
await stage('weapp', async () => {
  run('node', ['client/test-weapp/size.mjs'])
  run('node', ['client/test-weapp/harness.mjs'])
})
await stage('e2e', async () => npx('vitest', 'run', '--root', 'test'))
await stage('bench-smoke', async () => {
  const benchDir = path.join(ROOT, 'test', 'bench')
  for (const name of readdirSync(benchDir).sort()) {
    const file = path.join(benchDir, name, 'bench.ts')
    if (!existsSync(file)) continue
    console.log(`\n[bench-smoke] ${name}`)
    run('node', ['--import', 'tsx', file], { env: { BENCH_SMOKE: '1' } })
  }
})
report()
