import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { Logger } from 'pino'

/** Every error code the API answers with, and its HTTP status: the one table `onError` uses. */
export const ERROR_STATUS = {
  BAD_REQUEST: 400,
  MALFORMED_BODY: 400,
  VALIDATION_FAILED: 400,
  SIGNATURE_INVALID: 401,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  SLOT_TAKEN: 409,
  BOOKING_POLICY: 409,
  TOO_MANY_HOLDS: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNPROCESSABLE: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const satisfies Record<string, ContentfulStatusCode>

export type ErrorCode = keyof typeof ERROR_STATUS

/** An error meant for the caller: a stable machine-readable code and a human message. */
export class AppError extends Error {
  readonly code: string
  readonly status: ContentfulStatusCode
  readonly details: Record<string, unknown> | undefined

  constructor(
    code: ErrorCode | (string & {}),
    message: string,
    details?: Record<string, unknown>,
    status?: ContentfulStatusCode,
  ) {
    super(message)
    this.code = code
    this.status = status ?? ERROR_STATUS[code as ErrorCode] ?? 400
    this.details = details
  }
}

/** The JSON body of every failure: `{ error: { code, message, ...details } }`. */
export function errorBody(code: string, message: string, details?: Record<string, unknown>) {
  return { error: { code, message, ...details } }
}

/** `app.onError`: callers get their error; anything unexpected is logged and answered 500 without details. */
export function handleError(log: Logger) {
  return function onError(err: Error, c: Context) {
    if (err instanceof AppError) return c.json(errorBody(err.code, err.message, err.details), err.status)
    if (err instanceof HTTPException) {
      const status = err.status as ContentfulStatusCode
      const code = status === 413 ? 'PAYLOAD_TOO_LARGE' : status === 401 ? 'UNAUTHENTICATED' : 'BAD_REQUEST'
      return c.json(errorBody(code, err.message || 'bad request'), status)
    }
    if (err instanceof SyntaxError) return c.json(errorBody('MALFORMED_BODY', 'body is not valid JSON'), 400)
    log.error({ err, reqId: c.get('requestId') }, 'unhandled error')
    return c.json(errorBody('INTERNAL', 'internal error'), 500)
  }
}

/** `app.notFound`. */
export function handleNotFound(c: Context) {
  return c.json(errorBody('NOT_FOUND', `no route for ${c.req.method} ${c.req.path}`), 404)
}
