/**
 * WeChat Pay APIv3 notifications: `POST /channels/wechatpay/notify`, mounted with
 * `app.route(WECHATPAY_BASE_PATH, wechatpayRoutes(deps))`.
 *
 * Success is `200 {"code":"SUCCESS","message":"成功"}` (what both the docs' "200/204, no body" and the skills
 * page's "200 + SUCCESS" readings accept), sent only after ingest. Failures are 4xx/5xx with
 * `{"code":"FAIL","message":…}` as WeChat Pay expects, plus the BFF's standard `error: { code, message }`.
 */
import { type Context, Hono } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { limitBody } from '../../http/body-limit'
import { type ChannelDeps, DEFAULT_MAX_BODY_BYTES, type WechatpayMerchant } from '../deps'
import { mapWechatpayNotification } from './map'
import { NonceCache } from './nonce-cache'
import { readWechatpayHeaders, verifyWechatpayNotification } from './verify'

/** Where the sub-app is mounted. */
export const WECHATPAY_BASE_PATH = '/channels/wechatpay'

/** HTTP status of each error code the WeChat Pay route answers with. */
export const WECHATPAY_ERROR_STATUS = {
  MALFORMED_BODY: 400,
  MALFORMED_RESOURCE: 400,
  DECRYPT_FAILED: 400,
  MERCHANT_MISMATCH: 400,
  UNEXPECTED_STATE: 400,
  SIGNATURE_INVALID: 401,
  SIGNATURE_PROBE: 401,
  UNKNOWN_SERIAL: 401,
  TIMESTAMP_STALE: 401,
  NONCE_REPLAYED: 401,
  MISSING_HEADER: 401,
  MALFORMED_HEADER: 401,
  BODY_TOO_LARGE: 413,
  INGEST_FAILED: 503,
} as const satisfies Record<string, ContentfulStatusCode>

type ErrorCode = keyof typeof WECHATPAY_ERROR_STATUS

/** Dependencies of the WeChat Pay routes: the channel deps and, optionally, the process's nonce cache. */
export type WechatpayRouteDeps = ChannelDeps & { nonceCache?: NonceCache }

function fail(c: Context, code: ErrorCode, message: string) {
  return c.json({ code: 'FAIL', message, error: { code, message } }, WECHATPAY_ERROR_STATUS[code])
}

/** The WeChat Pay sub-app. A nonce cache is created per sub-app unless `deps.nonceCache` is given. */
export function wechatpayRoutes(deps: WechatpayRouteDeps): Hono {
  const app = new Hono()
  const nonceCache = deps.nonceCache ?? new NonceCache()
  const limit = limitBody({
    maxSize: deps.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    onError: (c) => fail(c, 'BODY_TOO_LARGE', 'the body is too large'),
  })

  app.post('/notify', limit, async function wechatpayNotify(c) {
    // The signature covers the exact bytes: read the raw text before anything parses it.
    const rawBody = await c.req.text()
    const headers = readWechatpayHeaders((name) => c.req.header(name))
    try {
      const merchant: WechatpayMerchant | undefined = headers.serial
        ? await deps.stores.byWechatpaySerial(headers.serial)
        : undefined
      const verified = verifyWechatpayNotification({
        headers,
        rawBody,
        resolveKey: () => merchant?.publicKey,
        nowMs: deps.now(),
        nonceCache,
      })
      if (!verified.ok || !merchant) {
        const error = verified.ok ? { code: 'UNKNOWN_SERIAL' as const, message: 'unknown serial' } : verified.error
        deps.log.warn({ channel: 'wechatpay', code: error.code, storeId: merchant?.storeId }, 'notification refused')
        return fail(c, error.code, error.message)
      }
      const logged = { channel: 'wechatpay', storeId: merchant.storeId }
      if (deps.claimNonce && !(await deps.claimNonce(verified.nonce, verified.nonceExpiresAtMs, deps.now()))) {
        deps.log.warn({ ...logged, code: 'NONCE_REPLAYED' }, 'notification refused')
        return fail(c, 'NONCE_REPLAYED', 'Wechatpay-Nonce was seen before')
      }
      const mapped = mapWechatpayNotification(rawBody, merchant)
      if (!mapped.ok) {
        deps.log.warn({ ...logged, code: mapped.error.code }, 'notification unreadable')
        return fail(c, mapped.error.code, mapped.error.message)
      }
      if (mapped.kind === 'ignored') {
        deps.log.info({ ...logged, eventType: mapped.eventType, id: mapped.notificationId }, 'notification ignored')
      } else {
        await deps.ingest(mapped.command)
      }
      return c.json({ code: 'SUCCESS', message: '成功' }, 200)
    } catch (error) {
      // A store lookup or the ingest transaction failed: not WeChat's fault, and it should retry.
      deps.log.error({ channel: 'wechatpay', err: error }, 'notification not ingested')
      return fail(c, 'INGEST_FAILED', 'the notification could not be stored; retry later')
    }
  })

  return app
}
