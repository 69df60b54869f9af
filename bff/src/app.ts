import { serveStatic } from '@hono/node-server/serve-static'
import { Hono } from 'hono'
import { compress } from 'hono/compress'
import { requestId } from 'hono/request-id'
import { authenticate } from './auth/middleware'
import { authRoutes } from './auth/routes'
import { bookingRoutes } from './booking/routes'
import { catalogRoutes } from './catalog/routes'
import { channelDeps } from './channel-deps'
import { meituanRoutes } from './channels/meituan/routes'
import { WECHATPAY_BASE_PATH, wechatpayRoutes } from './channels/wechatpay/routes'
import { collabRoutes } from './collab/routes'
import { groupbuyRoutes } from './groupbuy/routes'
import { limitBody } from './http/body-limit'
import { AppError, handleError, handleNotFound } from './http/errors'
import { requestLog } from './http/logger'
import { clientAddress, RateLimiter, rateLimit } from './http/rate-limit'
import { notificationRoutes } from './notify/routes'
import { consumerOrderRoutes } from './orders/consumer-routes'
import { orderRoutes } from './orders/routes'
import { sandboxPayRoutes } from './orders/sandbox-pay'
import { orderStatusRoutes } from './orders/status-routes'
import { passRoutes } from './passes/routes'
import { replicationRoutes } from './replication/routes'
import { reportRoutes } from './reports/routes'
import { healthRoutes } from './routes/health'
import type { Services } from './services'
import { streamRoutes } from './stream/routes'

/** Bodies larger than this are refused with 413 before anything reads them. */
export const MAX_BODY_BYTES = 64 * 1024

/** The root app: middleware, sub-apps, error handling. Handlers live in the sub-apps. */
export function createApp(s: Services, opts: { clientDist: string; version: string }) {
  const app = new Hono()
  app.use(requestId())
  app.use(requestLog(s.log))
  app.use(
    limitBody({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new AppError('PAYLOAD_TOO_LARGE', `body larger than ${MAX_BODY_BYTES} bytes`)
      },
    }),
  )
  app.route('/', healthRoutes(s.db, opts.version))
  // Per-source budgets: generous for the platforms (a lunch rush is bursty), tighter for the API.
  const channelLimiter = new RateLimiter(3000, 6000)
  const apiLimiter = new RateLimiter(300, 600)
  app.use(
    '/channels/*',
    rateLimit(channelLimiter, (c) => `${c.req.path.split('/')[2]}:${clientAddress(c)}`),
  )
  app.use(
    '/api/*',
    rateLimit(apiLimiter, (c) => `api:${c.req.header('authorization') ?? clientAddress(c)}`),
  )
  const channels = channelDeps(s)
  app.route('/channels/meituan', meituanRoutes(channels))
  app.route(WECHATPAY_BASE_PATH, wechatpayRoutes(channels))
  app.use('/api/*', authenticate(s.tokens))
  app.route('/api/auth', authRoutes(s.stores, s.tokens))
  app.route('/api/stores', catalogRoutes(s))
  app.route('/api/stores', orderRoutes(s))
  app.route('/api/stores', orderStatusRoutes(s))
  app.route('/api/stores', consumerOrderRoutes(s))
  app.route(
    '/api/stores',
    sandboxPayRoutes(s, (r) =>
      Promise.resolve(app.request(r.path, { method: 'POST', headers: r.headers, body: r.body })),
    ),
  )
  app.route('/api/stores', streamRoutes(s.db, s.hub))
  app.route('/api/stores', replicationRoutes(s))
  app.route('/api/stores', reportRoutes(s))
  app.route('/api/stores', bookingRoutes(s))
  app.route('/api/stores', passRoutes(s))
  app.route('/api/stores', groupbuyRoutes(s))
  app.route('/api/stores', notificationRoutes(s))
  app.route('/', collabRoutes(s))
  // The h5 bundles go out gzipped (the consumer entry's budget is counted in transferred bytes).
  app.use('/js/*', compress())
  app.use('/css/*', compress())
  app.use('/*', serveStatic({ root: opts.clientDist }))
  app.get('/', serveStatic({ root: opts.clientDist, path: 'index.html' }))
  app.onError(handleError(s.log))
  app.notFound(handleNotFound)
  return app
}
