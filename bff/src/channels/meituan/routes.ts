/**
 * Meituan Waimai push endpoints: `POST /channels/meituan/:pushType`, mounted with
 * `app.route(MEITUAN_BASE_PATH, meituanRoutes(deps))`.
 *
 * Success is `200 {"data":"ok"}`, sent only after every command is ingested. Failures are
 * `{"data":"fail","error":{"code","message"}}`: Meituan treats anything but `{"data":"ok"}` as a failure, and
 * the `error` member is the BFF's standard error shape, so generic clients read it as everywhere else.
 */
import { type Context, Hono } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { limitBody } from '../../http/body-limit'
import { type ChannelDeps, DEFAULT_MAX_BODY_BYTES, type MeituanStore } from '../deps'
import { MEITUAN_MAPPERS } from './map'
import { parseMeituanForm } from './parse'
import { isMeituanPushType, type MeituanPushType } from './push-types'
import type { MeituanParams } from './sign'
import { verifyMeituanParams } from './verify'

const OK = { data: 'ok' } as const
const HEARTBEAT = 'heartbeat'
const ORDER_PUSHES: ReadonlySet<MeituanPushType> = new Set(['order-paid', 'order-confirmed'])
const NO_MENU: ReadonlyMap<string, string> = new Map()

/** HTTP status of each error code the Meituan routes answer with. */
export const MEITUAN_ERROR_STATUS = {
  MALFORMED_BODY: 400,
  MISSING_FIELD: 400,
  MALFORMED_FIELD: 400,
  SIGNATURE_INVALID: 401,
  APP_ID_MISMATCH: 401,
  TIMESTAMP_STALE: 401,
  UNKNOWN_APP: 401,
  UNKNOWN_PUSH_TYPE: 404,
  BODY_TOO_LARGE: 413,
  INGEST_FAILED: 503,
} as const satisfies Record<string, ContentfulStatusCode>

type ErrorCode = keyof typeof MEITUAN_ERROR_STATUS

function fail(c: Context, code: ErrorCode, message: string) {
  return c.json({ data: 'fail', error: { code, message } }, MEITUAN_ERROR_STATUS[code])
}

/**
 * The Meituan sub-app. `GET` without `sig`, anything on `…/heartbeat`, and a `POST` with an empty body are
 * heartbeats or URL checks, answered `{"data":"ok"}`. A `GET` whose query carries `sig` is verified and ingested
 * like a `POST`. An unknown push type is 404.
 */
export function meituanRoutes(deps: ChannelDeps): Hono {
  const app = new Hono()
  const limit = limitBody({
    maxSize: deps.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    onError: (c) => fail(c, 'BODY_TOO_LARGE', 'the body is too large'),
  })

  app.get('/:pushType', async function meituanGet(c) {
    const pushType = c.req.param('pushType')
    if (pushType === HEARTBEAT) return c.json(OK)
    if (!isMeituanPushType(pushType)) return unknownPushType(c)
    // A GET with a signed query is a push (an SDK logs cancel and refund pushes as GET); without sig it is
    // a heartbeat or URL check.
    const query = new URL(c.req.url).search.slice(1)
    if (!/(^|&)sig=/.test(query)) return c.json(OK)
    return handlePush(c, deps, pushType, query)
  })

  app.post('/:pushType', limit, async function meituanPost(c) {
    const pushType = c.req.param('pushType')
    if (pushType === HEARTBEAT) return c.json(OK)
    if (!isMeituanPushType(pushType)) return unknownPushType(c)
    const rawBody = await c.req.text()
    if (rawBody.trim() === '') return c.json(OK)
    return handlePush(c, deps, pushType, rawBody)
  })

  return app
}

/** Parse, find the store, verify, map, ingest; answers `{"data":"ok"}` only after every command is stored. */
async function handlePush(c: Context, deps: ChannelDeps, pushType: MeituanPushType, form: string) {
  const parsed = parseMeituanForm(form)
  if (!parsed.ok) return fail(c, parsed.error.code, parsed.error.message)
  const { params } = parsed
  const appId = params.get('app_id')
  if (!appId) return fail(c, 'MISSING_FIELD', 'field "app_id" is required')
  try {
    const store = await findStore(deps, params, appId)
    if (!store) return fail(c, 'UNKNOWN_APP', 'no store is configured for this app_id / app_poi_code')
    const verified = verifyMeituanParams({
      callbackUrl: store.publicBaseUrl.replace(/\/+$/, '') + c.req.path,
      params,
      appId: store.appId,
      appSecret: store.appSecret,
      ...(store.maxSkewSeconds === undefined
        ? {}
        : { freshness: { maxSkewSeconds: store.maxSkewSeconds, nowMs: deps.now() } }),
    })
    const logged = { channel: 'meituan', pushType, storeId: store.storeId, orderId: params.get('order_id') }
    if (!verified.ok) {
      deps.log.warn({ ...logged, code: verified.error.code }, 'meituan push refused')
      return fail(c, verified.error.code, verified.error.message)
    }
    const menu = ORDER_PUSHES.has(pushType) ? await deps.stores.meituanMenu(store.storeId) : NO_MENU
    const mapped = MEITUAN_MAPPERS[pushType](params, { storeId: store.storeId, menu })
    if (!mapped.ok) {
      deps.log.warn({ ...logged, code: mapped.error.code, field: mapped.error.field }, 'meituan push unreadable')
      return fail(c, mapped.error.code, mapped.error.message)
    }
    if (mapped.ignored) deps.log.warn({ ...logged, ignored: mapped.ignored }, 'meituan push ignored')
    for (const command of mapped.commands) await deps.ingest(command)
    return c.json(OK)
  } catch (error) {
    // A store lookup or the ingest transaction failed: not the sender's fault, and Meituan should retry.
    deps.log.error({ channel: 'meituan', pushType, err: error }, 'meituan push not ingested')
    return fail(c, 'INGEST_FAILED', 'the push could not be stored; retry later')
  }
}

function unknownPushType(c: Context) {
  return fail(c, 'UNKNOWN_PUSH_TYPE', 'unknown Meituan push type')
}

// Order pushes name the store by app_poi_code; cancel, refund and delivery pushes only carry app_id.
async function findStore(deps: ChannelDeps, params: MeituanParams, appId: string): Promise<MeituanStore | undefined> {
  const appPoiCode = params.get('app_poi_code')
  if (appPoiCode) return deps.stores.byMeituanAppPoiCode(appPoiCode)
  return deps.stores.byMeituanAppId(appId, params.get('order_id'))
}
