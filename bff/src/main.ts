import { readFileSync } from 'node:fs'
import { type WebSocketServerLike, serve } from '@hono/node-server'
import { WebSocketServer } from 'ws'
import { createApp } from './app'
import { startShopJobs } from './booking/jobs'
import { loadStores } from './config/stores'
import { openDatabase } from './db/open'
import { readEnv, REPO_ROOT } from './env'
import { createLogger } from './http/logger'
import { seedDemoInBackground } from './seed/seed-demo'
import { createServices } from './services'

const SHUTDOWN_BUDGET_MS = 4500

async function main() {
  const env = readEnv()
  const log = createLogger(env.LOG_LEVEL)
  const version = JSON.parse(readFileSync(`${REPO_ROOT}/package.json`, 'utf8')).version ?? '0.1.0'
  const stores = await loadStores(env.storesFile)
  const db = await openDatabase({
    databaseUrl: env.DATABASE_URL,
    dataDir: env.dataDir,
    durable: env.DURABLE,
    thread: env.PGLITE_THREAD,
  })
  const services = await createServices(db, stores, log, { jwtSecret: env.JWT_SECRET })
  const app = createApp(services, { clientDist: env.clientDist, version })
  const jobs = await startShopJobs(services)
  const wss = new WebSocketServer({ noServer: true })
  const server = serve(
    {
      fetch: app.fetch,
      port: env.PORT,
      hostname: env.HOST,
      websocket: { server: wss as unknown as WebSocketServerLike },
    },
    (info) => {
      const base = `http://${env.HOST}:${info.port}`
      log.info({ port: info.port, db: db.kind }, 'listening')
      process.stdout.write(
        `${[
          '',
          `  小店 Xiaodian is running (${db.kind === 'pglite' ? `PGlite in ${env.dataDir}` : 'PostgreSQL'})`,
          `  consumer  ${base}/#/pages/index/index`,
          `  staff     ${base}/#/staff/pages/board/index`,
          `  owner     ${base}/#/owner/pages/dashboard/index`,
          `  health    ${base}/healthz`,
          '',
        ].join('\n')}\n`,
      )
      if (env.SEED_DEMO) void seedDemoInBackground(services)
    },
  )

  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    log.info({ signal }, 'shutting down')
    const force = setTimeout(() => {
      log.warn('shutdown budget exceeded; exiting')
      process.exit(0)
    }, SHUTDOWN_BUDGET_MS)
    force.unref()
    // Stop accepting; in-flight requests finish. Long-lived streams are told to end so close() can finish.
    const http = server as { closeIdleConnections?: () => void; closeAllConnections?: () => void }
    const closed = new Promise<void>((resolve) => server.close(() => resolve()))
    http.closeIdleConnections?.()
    await jobs.stop()
    await services.close()
    for (const ws of wss.clients) ws.close(1001, 'server shutting down')
    // Streams have ended; their keep-alive sockets are idle now. Requests still in flight get a grace period.
    http.closeIdleConnections?.()
    const grace = setTimeout(() => http.closeAllConnections?.(), 2500)
    await closed
    clearTimeout(grace)
    await db.close()
    log.info('stopped')
    process.exit(0)
  }
  process.on('SIGTERM', () => void stop('SIGTERM'))
  process.on('SIGINT', () => void stop('SIGINT'))
}

main().catch((err: Error) => {
  process.stderr.write(`xiaodian: ${err.message}\n`)
  process.exit(1)
})
