/**
 * A body limit that does not touch the body when it does not have to.
 *
 * Hono's `bodyLimit` reads `c.req.raw.body` on every request, even a GET, and on Node that one property
 * builds a full `Request` with a web `ReadableStream` over the socket — about a tenth of the CPU a webhook
 * costs, and it turns off `@hono/node-server`'s direct body read for the handler. A request that declares its
 * length (every platform push does) is judged by its `Content-Length` header alone, which Node's parser
 * enforces; a GET or HEAD has no body to limit; only a chunked body is counted while it streams, by Hono's
 * middleware.
 */
import type { Context, MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'

/** Options, as Hono's `bodyLimit`. */
export interface BodyLimitOptions {
  maxSize: number
  onError: (c: Context) => Response | Promise<Response>
}

/** Refuses bodies larger than `maxSize` bytes with `onError`, reading the body only when it is chunked. */
export function limitBody(options: BodyLimitOptions): MiddlewareHandler {
  const streaming = bodyLimit(options)
  return async function limitBodyMiddleware(c, next) {
    const method = c.req.method
    if (method === 'GET' || method === 'HEAD') return next()
    const length = c.req.header('content-length')
    if (length !== undefined && c.req.header('transfer-encoding') === undefined) {
      return Number(length) > options.maxSize ? options.onError(c) : next()
    }
    return streaming(c, next)
  }
}
