import type { Context, MiddlewareHandler } from 'hono'
import { AppError } from './errors'

/** A token bucket per key: `burst` requests at once, refilled at `perSecond`. */
export class RateLimiter {
  readonly #buckets = new Map<string, { tokens: number; at: number }>()
  readonly #perSecond: number
  readonly #burst: number
  readonly #now: () => number

  constructor(perSecond: number, burst: number, now: () => number = Date.now) {
    this.#perSecond = perSecond
    this.#burst = burst
    this.#now = now
  }

  /** Takes a token for `key`; returns 0 when allowed, else the seconds to wait. */
  take(key: string): number {
    const now = this.#now()
    const b = this.#buckets.get(key) ?? { tokens: this.#burst, at: now }
    b.tokens = Math.min(this.#burst, b.tokens + ((now - b.at) / 1000) * this.#perSecond)
    b.at = now
    this.#buckets.set(key, b)
    if (this.#buckets.size > 50_000) this.#sweep(now)
    if (b.tokens >= 1) {
      b.tokens -= 1
      return 0
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / this.#perSecond))
  }

  #sweep(now: number) {
    for (const [k, b] of this.#buckets) if (now - b.at > (this.#burst / this.#perSecond) * 1000) this.#buckets.delete(k)
  }
}

/** The caller's address as the socket saw it (the BFF listens on loopback or the shop LAN, not behind a proxy). */
export function clientAddress(c: Context): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming
  return incoming?.socket?.remoteAddress ?? 'local'
}

/** Answers 429 with Retry-After once the source named by `keyOf` exceeds its budget. */
export function rateLimit(limiter: RateLimiter, keyOf: (c: Context) => string): MiddlewareHandler {
  return async function rateLimitMiddleware(c, next) {
    const wait = limiter.take(keyOf(c))
    if (wait > 0) {
      c.header('Retry-After', String(wait))
      throw new AppError('RATE_LIMITED', `too many requests; retry after ${wait} s`, { retryAfterSeconds: wait })
    }
    await next()
  }
}
