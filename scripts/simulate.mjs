// `npm run simulate -- <scenario>`: real-format, really signed platform traffic to a running BFF.
import path from 'node:path'
import { ROOT, ensureInstalled, run } from './lib.mjs'

ensureInstalled()
run('node', ['--import', 'tsx', path.join(ROOT, 'bff', 'src', 'simulator', 'cli.ts'), ...process.argv.slice(2)])
