import { createHash, timingSafeEqual } from 'node:crypto'
import { zValidator } from '@hono/zod-validator'
import { Hono } from 'hono'
import { ConsumerLoginRequest, StaffLoginRequest } from '@xiaodian/shared'
import type { StoreDirectory } from '../config/stores'
import { AppError } from '../http/errors'
import { RateLimiter, clientAddress, rateLimit } from '../http/rate-limit'
import { validationHook } from '../http/validation'
import type { TokenService } from './tokens'

/** Sign-in: staff and owners by store PIN, consumers by the mini-program's `wx.login` code (simulated). */
export function authRoutes(stores: StoreDirectory, tokens: TokenService) {
  // A 4-digit PIN must not be guessable by brute force: a few tries per minute per address.
  const pinLimiter = new RateLimiter(0.2, 10)
  return new Hono()
    .post(
      '/staff',
      rateLimit(pinLimiter, (c) => `pin:${clientAddress(c)}`),
      zValidator('json', StaffLoginRequest, validationHook),
      async (c) => {
        const { storeId, pin } = c.req.valid('json')
        const store = stores.byId(storeId)
        const staff = store?.staff.find((s) => sameSecret(s.pin, pin))
        if (!store || !staff) throw new AppError('UNAUTHENTICATED', 'unknown store or wrong PIN')
        const token = await tokens.issue({ role: staff.role, storeId, name: staff.name })
        return c.json({ token, role: staff.role, name: staff.name, storeId, storeName: store.name })
      },
    )
    .post('/consumer', zValidator('json', ConsumerLoginRequest, validationHook), async (c) => {
      const { code, nickname } = c.req.valid('json')
      // The demo has no WeChat to exchange `code` with (jscode2session); the openid is derived from it
      // the way the real exchange yields a stable id per user of this app.
      const openid = `o${createHash('sha256').update(code).digest('base64url').slice(0, 27)}`
      const token = await tokens.issue({ role: 'consumer', openid, nickname: nickname ?? '顾客' })
      return c.json({ token, openid })
    })
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}
