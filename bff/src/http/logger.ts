import type { MiddlewareHandler } from 'hono'
import { pino, type Logger } from 'pino'

/** Structured logs. Secrets are redacted by path, so a careless `log.info({ store })` cannot leak them. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { svc: 'xiaodian-bff' },
    redact: {
      paths: [
        '*.appSecret',
        '*.apiV3Key',
        '*.pin',
        '*.password',
        '*.token',
        'req.headers.authorization',
        'req.headers["wechatpay-signature"]',
      ],
      censor: '[redacted]',
    },
  })
}

/** Logs one line per request with its request id, status and duration. */
export function requestLog(log: Logger): MiddlewareHandler {
  return async function requestLogMiddleware(c, next) {
    const t0 = performance.now()
    await next()
    const ms = Math.round((performance.now() - t0) * 10) / 10
    const status = c.res.status
    const line = { reqId: c.get('requestId'), method: c.req.method, path: c.req.path, status, ms }
    if (status >= 500) log.error(line, 'request')
    else log.debug(line, 'request')
  }
}
