// `npm start`: install what is missing, build the h5 client when its sources changed, run the BFF.
import { spawn } from 'node:child_process'
import path from 'node:path'
import { ROOT, ensureClientBuilt, ensureInstalled } from './lib.mjs'

ensureInstalled()
ensureClientBuilt('h5')

const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bff', 'src', 'main.ts')], {
  stdio: 'inherit',
  cwd: ROOT,
  env: { ...process.env, INIT_CWD: process.env.INIT_CWD ?? process.cwd() },
})
// Ctrl-C reaches the whole process group; SIGTERM sent to us alone is passed on. Either way the
// BFF drains, closes the database and exits; we exit with its code.
process.on('SIGINT', () => {})
process.on('SIGTERM', () => child.kill('SIGTERM'))
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
