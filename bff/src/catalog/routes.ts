import { zValidator } from '@hono/zod-validator'
import { type Cart, type CartContext, type PricedCart, type Promotion, priceCart } from '@xiaodian/domain'
import { type CartLineRequest, PriceCartRequest } from '@xiaodian/shared'
import { Hono } from 'hono'
import type { AuthEnv } from '../auth/middleware'
import { localClock } from '../config/calendar'
import type { Store } from '../config/stores'
import { AppError } from '../http/errors'
import { validationHook } from '../http/validation'
import type { Services } from '../services'
import type { Catalog } from './demo-catalog'

/** Public catalog routes: the store list, a store's menu, and pricing a cart before ordering. */
export function catalogRoutes(s: Services) {
  return new Hono<AuthEnv>()
    .get('/', (c) => c.json({ stores: s.stores.list().map(summary) }))
    .get('/:storeId/menu', async (c) => {
      const { store, catalog } = await storeCatalog(s, c.req.param('storeId'))
      const soldOut = await s.soldOut(store.id)
      return c.json({
        store: summary(store),
        menu: catalog.menu,
        // The whole rules: the counter prices carts offline with the same domain function.
        promotions: catalog.promotions,
        soldOut: {
          items: [...(soldOut.items ?? [])],
          skus: [...(soldOut.skus ?? [])],
          options: [...(soldOut.options ?? [])],
        },
      })
    })
    .post('/:storeId/cart/price', zValidator('json', PriceCartRequest, validationHook), async (c) => {
      const { store, catalog } = await storeCatalog(s, c.req.param('storeId'))
      const body = c.req.valid('json')
      const priced = await price(s, store, catalog, cartOf(body.lines), 'miniprogram', body.couponIds ?? [], false)
      return c.json(pricedView(priced))
    })
}

/** The domain cart of a validated request (optional fields the client left out stay absent). */
export function cartOf(lines: readonly CartLineRequest[]): Cart {
  return {
    lines: lines.map((l) => ({
      id: l.id,
      selection: {
        itemId: l.selection.itemId,
        quantity: l.selection.quantity,
        ...(l.selection.skuId === undefined ? {} : { skuId: l.selection.skuId }),
        ...(l.selection.options === undefined ? {} : { options: l.selection.options }),
      },
    })),
  }
}

/** The public face of a store. */
export function summary(store: Store) {
  return { id: store.id, name: store.name, kind: store.kind, timeZone: store.timeZone }
}

/** The store and its catalog, or 404. */
export async function storeCatalog(s: Services, storeId: string): Promise<{ store: Store; catalog: Catalog }> {
  const store = s.stores.byId(storeId)
  const catalog = store ? await s.catalogs.get(storeId) : undefined
  if (!store || !catalog) throw new AppError('NOT_FOUND', `no store ${storeId}`)
  return { store, catalog }
}

/** Prices a cart with the domain, in the store's local time, with today's sold-out marks; 422 when it cannot be sold. */
export async function price(
  s: Services,
  store: Store,
  catalog: Catalog,
  cart: Cart,
  channel: CartContext['channel'],
  couponIds: readonly string[],
  isNewCustomer: boolean,
): Promise<PricedCart> {
  const now = s.now()
  const clock = localClock(now, store.timeZone)
  const ctx: CartContext = {
    now,
    channel,
    ...clock,
    soldOut: await s.soldOut(store.id),
    customer: { isNew: isNewCustomer, couponIds: [...couponIds], usage: {} },
  }
  const r = priceCart(catalog.menu, cart, catalog.promotions as Promotion[], ctx)
  if (!r.ok) throw new AppError(r.error.code, r.error.message, { ...r.error.details }, 422)
  return r.value
}

/** The priced cart as the client shows it. */
export function pricedView(p: PricedCart) {
  return { lines: p.lines, amounts: p.amounts, promotions: p.promotions, nudge: p.nudge }
}
