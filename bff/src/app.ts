import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { requestId } from 'hono/request-id'
import { serveStatic } from '@hono/node-server/serve-static'
import type { Logger } from 'pino'
import type { StoreDirectory } from './config/stores'
import type { Database } from './db/database'
import type { Env } from './env'
import { AppError, handleError, handleNotFound } from './http/errors'
import { requestLog } from './http/logger'
import { healthRoutes } from './routes/health'

/** What the routes need, built once in main.ts (or a test) and passed down. */
export interface AppDeps {
  env: Pick<Env, 'clientDist'>
  db: Database
  stores: StoreDirectory
  log: Logger
  version: string
}

/** Bodies larger than this are refused with 413 before anything reads them. */
export const MAX_BODY_BYTES = 64 * 1024

/** The root app: middleware, sub-apps, error handling. Handlers live in the sub-apps. */
export function createApp(deps: AppDeps) {
  const app = new Hono()
  app.use(requestId())
  app.use(requestLog(deps.log))
  app.use(
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new AppError('PAYLOAD_TOO_LARGE', `body larger than ${MAX_BODY_BYTES} bytes`)
      },
    }),
  )
  app.route('/', healthRoutes(deps.db, deps.version))
  app.use('/*', serveStatic({ root: deps.env.clientDist }))
  // The h5 client routes by hash, so `/` is the only document path; any other unknown GET is a 404.
  app.get('/', serveStatic({ root: deps.env.clientDist, path: 'index.html' }))
  app.onError(handleError(deps.log))
  app.notFound(handleNotFound)
  return app
}
