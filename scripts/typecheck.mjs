// Typechecks every package with its own tsconfig, two at a time (the machine has two cores).
import { spawn } from 'node:child_process'
import { ROOT } from './lib.mjs'

const projects = ['packages/domain', 'shared', 'bff', 'test', 'client']
let failed = false
async function check(p) {
  const t0 = Date.now()
  const code = await new Promise((resolve) => {
    const child = spawn('npx', ['tsc', '--noEmit', '-p', p], { cwd: ROOT, stdio: 'inherit' })
    child.on('exit', resolve)
  })
  console.log(`tsc ${p}: ${code === 0 ? 'ok' : 'FAILED'} (${((Date.now() - t0) / 1000).toFixed(1)} s)`)
  if (code !== 0) failed = true
}
const queue = [...projects]
await Promise.all(
  [0, 1].map(async () => {
    while (queue.length) await check(queue.shift())
  }),
)
process.exit(failed ? 1 : 0)
