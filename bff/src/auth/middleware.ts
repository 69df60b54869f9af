import type { Context, MiddlewareHandler } from 'hono'
import { AppError } from '../http/errors'
import type { Principal, TokenService } from './tokens'

/** Hono variables the auth middleware sets. */
export type AuthEnv = { Variables: { principal: Principal | undefined } }

/**
 * Reads the token from `Authorization: Bearer …`, or from `?access_token=` where the caller cannot set
 * headers (EventSource, WebSocket in the mini-program), and records who is calling.
 */
export function authenticate(tokens: TokenService): MiddlewareHandler<AuthEnv> {
  return async function authenticateMiddleware(c, next) {
    const header = c.req.header('authorization')
    const token = header?.startsWith('Bearer ') ? header.slice(7) : c.req.query('access_token')
    c.set('principal', token ? await tokens.verify(token) : undefined)
    await next()
  }
}

/** The caller, or 401. */
export function principalOf(c: Context<AuthEnv>): Principal {
  const p = c.get('principal')
  if (!p) throw new AppError('UNAUTHENTICATED', 'sign in first: missing, expired or invalid token')
  return p
}

/** Only staff (or the owner) of the `:storeId` in the path may pass; staff of another store get 403. */
export function requireStoreStaff(
  roles: readonly ('staff' | 'owner')[] = ['staff', 'owner'],
): MiddlewareHandler<AuthEnv> {
  return async function requireStoreStaffMiddleware(c, next) {
    const p = principalOf(c)
    const storeId = c.req.param('storeId')
    if (p.role === 'consumer' || p.storeId !== storeId || !roles.includes(p.role)) {
      throw new AppError('FORBIDDEN', `not allowed for store ${storeId ?? '?'}`)
    }
    await next()
  }
}
