import { zValidator } from '@hono/zod-validator'
import { CART_MAPS, CreateCartRequest, JoinCartRequest, LockCartRequest, cartDocName } from '@xiaodian/shared'
import { Hono } from 'hono'
import { type AuthEnv, principalOf } from '../auth/middleware'
import { AppError } from '../http/errors'
import { validationHook } from '../http/validation'
import type { Services } from '../services'
import { lockCart } from './cart-lock'
import { type CartRow, isExpired } from './cart-store'
import { type Collab, metaOf } from './service'

/**
 * The group cart (一起点) API, mounted under `/api/stores`. The lines live in the Yjs document
 * `cart:<cartId>`; these routes start a cart, let friends join by link or code, and let the host lock it.
 */
export function cartRoutes(s: Services, collab: Collab) {
  const consumer = (c: Parameters<typeof principalOf>[0]) => {
    const who = principalOf(c)
    if (who.role !== 'consumer') throw new AppError('FORBIDDEN', 'group carts are for consumers')
    return who
  }
  const usable = async (storeId: string, cartId: string): Promise<CartRow> => {
    const cart = await collab.carts.get(cartId)
    if (!cart || cart.storeId !== storeId) throw new AppError('NOT_FOUND', 'no such group cart')
    if (isExpired(cart, s.now())) throw new AppError('CART_EXPIRED', 'this group cart expired', undefined, 410)
    return cart
  }
  const joined = async (cart: CartRow, who: { openid: string; nickname: string }, nickname?: string) => {
    await collab.join(cart, { openid: who.openid, nickname: nickname ?? who.nickname })
    return { cartId: cart.cartId, docName: cartDocName(cart.cartId), status: cart.status, hostOpenid: cart.hostOpenid }
  }

  return new Hono<AuthEnv>()
    .post('/:storeId/carts', zValidator('json', CreateCartRequest, validationHook), async (c) => {
      const who = consumer(c)
      const storeId = c.req.param('storeId')
      if (!s.stores.byId(storeId)) throw new AppError('NOT_FOUND', `no store ${storeId}`)
      const nickname = c.req.valid('json').nickname ?? who.nickname
      const { cart, inviteToken, inviteCode } = await collab.carts.create(
        storeId,
        { openid: who.openid, nickname },
        s.now(),
      )
      // Seed the document with what the server owns, so the first member to connect sees it at once.
      await collab.hub.use(cartDocName(cart.cartId), (room) =>
        room.serverWrite((doc) => {
          const meta = doc.getMap(CART_MAPS.meta)
          for (const [k, v] of Object.entries(metaOf(cart))) meta.set(k, v)
          doc.getMap(CART_MAPS.members).set(who.openid, { nickname, joinedAt: cart.createdAt, host: true })
        }),
      )
      const invitePath = `/pages/group/join?store=${storeId}&cart=${cart.cartId}&invite=${inviteToken}`
      return c.json(
        {
          cartId: cart.cartId,
          docName: cartDocName(cart.cartId),
          inviteToken,
          inviteCode,
          invitePath,
          expiresAt: cart.expiresAt,
        },
        201,
      )
    })
    .post('/:storeId/carts/join', zValidator('json', JoinCartRequest, validationHook), async (c) => {
      const who = consumer(c)
      const body = c.req.valid('json')
      if (!body.code) throw new AppError('VALIDATION_FAILED', 'invalid request: code: required')
      const found = await collab.carts.byCode(c.req.param('storeId'), body.code)
      if (!found) throw new AppError('NOT_FOUND', 'no open group cart with this code')
      const cart = await usable(c.req.param('storeId'), found.cartId)
      return c.json(await joined(cart, who, body.nickname))
    })
    .post('/:storeId/carts/:cartId/join', zValidator('json', JoinCartRequest, validationHook), async (c) => {
      const who = consumer(c)
      const body = c.req.valid('json')
      const cart = await usable(c.req.param('storeId'), c.req.param('cartId'))
      const member = await collab.carts.isMember(cart.cartId, who.openid)
      if (!member && !(body.invite && (await collab.carts.inviteMatches(cart.cartId, body.invite))))
        throw new AppError('FORBIDDEN', 'this invite is not valid for the cart')
      return c.json(await joined(cart, who, body.nickname))
    })
    .get('/:storeId/carts/:cartId', async (c) => {
      const who = consumer(c)
      const cart = await usable(c.req.param('storeId'), c.req.param('cartId'))
      if (!(await collab.carts.isMember(cart.cartId, who.openid)))
        throw new AppError('FORBIDDEN', 'not a member of this group cart')
      return c.json({ ...metaOf(cart), members: await collab.carts.members(cart.cartId) })
    })
    .post('/:storeId/carts/:cartId/lock', zValidator('json', LockCartRequest, validationHook), async (c) => {
      const who = consumer(c)
      const cart = await usable(c.req.param('storeId'), c.req.param('cartId'))
      if (cart.hostOpenid !== who.openid) throw new AppError('FORBIDDEN', 'only the host can lock the group cart')
      const body = c.req.valid('json')
      const members = await collab.carts.members(cart.cartId)
      const nickname = members.find((m) => m.openid === who.openid)?.nickname ?? who.nickname
      const result = await lockCart(s, collab, cart, { openid: who.openid, nickname }, body)
      return c.json(result)
    })
}
