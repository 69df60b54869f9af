import { promisify } from 'node:util'
import { gunzip } from 'node:zlib'
import type { MiddlewareHandler } from 'hono'
import { AppError } from '../http/errors'

const gunzipAsync = promisify(gunzip)

/**
 * Accepts a gzip-compressed JSON body (`Content-Encoding: gzip`) and hands the inflated text to the
 * validators that follow. The app's body limit has already counted the compressed bytes; this bounds the
 * inflated size, so a small body cannot expand into a large one. Other encodings are refused.
 */
export function inflateBody(maxInflatedBytes: number): MiddlewareHandler {
  return async function inflateBodyMiddleware(c, next) {
    const encoding = c.req.header('content-encoding')?.trim().toLowerCase()
    if (!encoding || encoding === 'identity') return next()
    if (encoding !== 'gzip') throw new AppError('BAD_REQUEST', `unsupported content-encoding: ${encoding}`)
    let text: string
    try {
      const inflated = await gunzipAsync(Buffer.from(await c.req.arrayBuffer()), { maxOutputLength: maxInflatedBytes })
      text = inflated.toString('utf8')
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
        throw new AppError('PAYLOAD_TOO_LARGE', `inflated body larger than ${maxInflatedBytes} bytes`)
      }
      throw new AppError('MALFORMED_BODY', 'body is not valid gzip')
    }
    // `c.req.json()` (and so the json validator) parses the cached text; Hono caches body promises there.
    ;(c.req.bodyCache as unknown as { text?: Promise<string> }).text = Promise.resolve(text)
    await next()
  }
}
