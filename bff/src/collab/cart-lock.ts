import {
  type CartContext,
  type GroupCart,
  type Order,
  type Promotion,
  type Result,
  addGroupLine,
  createGroupCart,
  createOrder,
  joinGroupCart,
  lockGroupCart,
  splitGroupBill,
} from '@xiaodian/domain'
import {
  CART_LINE_NOT_AUTHOR,
  CART_MAPS,
  CartLineDoc,
  type LockCartResponse,
  type MemberShare,
  type PayMode,
  cartDocName,
} from '@xiaodian/shared'
import * as Y from 'yjs'
import { storeCatalog } from '../catalog/routes'
import { localClock } from '../config/calendar'
import { AppError } from '../http/errors'
import type { Services } from '../services'
import type { CartMember, CartRow } from './cart-store'
import type { LineWrite } from './cart-tracker'
import type { ForeignRemoval } from './collab-store'
import type { Collab } from './service'

/** The lock's options, as `LockCartRequest` parses them. */
export interface LockOptions {
  payMode: PayMode
  fulfilment: 'pickup' | 'delivery' | 'dine_in'
  notes?: string | undefined
}

/** A line key written by someone other than the line's author. */
export interface AuthorViolation {
  lineId: string
  field: string
  author: string | null
  changedBy: string | null
  removed: boolean
}

/** The order a cart becomes: one per cart, so a retried lock finds it instead of placing a second. */
export const groupOrderId = (cartId: string) => `grp-${cartId}`

/**
 * Locks a cart for its host: reads the lines from the document, refuses when any line key (or removal)
 * was last written by someone other than the line's author, re-prices with the domain ([GRP-2]), places
 * one order through the ingest path (channel `group`), splits the bill ([GRP-3]) and writes the result
 * into the document so every member sees it. A failed lock leaves the cart open with `meta.lockError`.
 */
export async function lockCart(
  s: Services,
  collab: Collab,
  cart: CartRow,
  host: { openid: string; nickname: string },
  opts: LockOptions,
): Promise<LockCartResponse> {
  if (cart.status === 'ordered' && cart.lockResult) return cart.lockResult
  await collab.carts.beginLock(cart.cartId)
  await collab.writeMeta(cart.cartId, { status: 'locked' })
  try {
    const result = await placeGroupOrder(s, collab, cart, host, opts)
    const now = s.now()
    const expiresAt = await collab.carts.markOrdered(cart.cartId, result, now)
    const { cartId: _c, ...shown } = result
    await collab.writeMeta(cart.cartId, { ...shown, status: 'ordered', lockedAt: now, expiresAt, lockError: undefined })
    return result
  } catch (err) {
    const e = err instanceof AppError ? err : new AppError('UNAVAILABLE', 'the order could not be placed; retry')
    // Best effort: the caller must hear the lock's own error, not one from showing it.
    await collab.carts
      .reopen(cart.cartId)
      .then(() =>
        collab.writeMeta(cart.cartId, { status: 'open', lockError: { code: e.code, message: e.message, at: s.now() } }),
      )
      .catch((cause: unknown) =>
        s.log.warn({ err: cause, cartId: cart.cartId }, 'could not reopen a cart after a failed lock'),
      )
    throw e
  }
}

async function placeGroupOrder(
  s: Services,
  collab: Collab,
  cart: CartRow,
  host: { openid: string; nickname: string },
  opts: LockOptions,
): Promise<LockCartResponse> {
  const { store, catalog } = await storeCatalog(s, cart.storeId)
  const members = await collab.carts.members(cart.cartId)
  const snapshot = await collab.hub.use(cartDocName(cart.cartId), async (room) => {
    await room.pull()
    await room.persisted()
    const tracker = room.tracker!
    await tracker.refreshBindings()
    const lines = [...room.doc.getMap(CART_MAPS.lines).entries()].map(([id, v]) => ({
      id,
      value: v instanceof Y.Map ? v.toJSON() : v,
    }))
    return { lines, writes: tracker.writes().lines, removals: await tracker.foreignRemovals() }
  })
  const violations = authorViolations(snapshot.writes, snapshot.removals)
  if (violations.length > 0) {
    const nick = (id: string | null) => members.find((m) => m.openid === id)?.nickname ?? id ?? 'someone unknown'
    const first = violations[0]!
    throw new AppError(
      CART_LINE_NOT_AUTHOR,
      `line ${first.lineId} of ${nick(first.author)} was ${first.removed && first.field === '' ? 'removed' : 'changed'} by ${nick(first.changedBy)}: only a line's author may change it`,
      { violations },
      409,
    )
  }

  let group: GroupCart = createGroupCart({
    id: cart.cartId,
    storeId: cart.storeId,
    hostId: cart.hostOpenid,
    payMode: opts.payMode,
  })
  for (const m of members) group = unwrap(joinGroupCart(group, m.openid))
  const authorOf = new Map<string, string>()
  for (const { id, value } of snapshot.lines.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const line = CartLineDoc.safeParse(value)
    if (!line.success)
      throw new AppError('CART_LINE_INVALID', `line ${id} is not a valid cart line`, { lineId: id }, 422)
    const { author, itemId, skuId, options, quantity } = line.data
    authorOf.set(id, author)
    const selection = { itemId, quantity, ...(skuId ? { skuId } : {}), ...(options ? { options } : {}) }
    group = unwrap(addGroupLine(group, author, { id, selection }))
  }
  const now = s.now()
  const ctx: CartContext = {
    now,
    channel: 'group',
    ...localClock(now, store.timeZone),
    soldOut: await s.soldOut(store.id),
    customer: { isNew: false, couponIds: [], usage: {} },
  }
  group = unwrap(lockGroupCart(group, host.openid, now, catalog.menu, catalog.promotions as Promotion[], ctx))
  const quote = group.quote!
  const order =
    (await existingOrder(s, cart)) ??
    createOrder({
      id: groupOrderId(cart.cartId),
      storeId: cart.storeId,
      channel: 'group',
      externalId: cart.cartId,
      businessDay: s.businessDay(cart.storeId, now),
      fulfilmentType: opts.fulfilment,
      pickupNumber: await nextPickup(s, cart.storeId, s.businessDay(cart.storeId, now)),
      customer: { id: host.openid, name: host.nickname, phoneMasked: null },
      lines: quote.lines,
      promotions: quote.promotions.map((p) => ({ promotionId: p.promotionId, name: p.name, savingFen: p.savingFen })),
      notes: opts.notes ?? `一起点 · ${members.length} 人`,
      at: now,
      by: 'group',
    })
  await s.ingestor.submit({ kind: 'order.upsert', storeId: cart.storeId, order, at: now })
  return {
    cartId: cart.cartId,
    orderId: order.id,
    pickupNumber: order.pickupNumber,
    payMode: opts.payMode,
    amounts: order.amounts,
    shares: shares(group, members, authorOf),
  }
}

/** Every line key or removal whose writer is not the line's author. */
export function authorViolations(writes: readonly LineWrite[], removals: readonly ForeignRemoval[]): AuthorViolation[] {
  const out: AuthorViolation[] = []
  for (const w of writes) {
    if (w.author === undefined || w.writer !== w.author)
      out.push({
        lineId: w.lineId,
        field: w.field,
        author: w.author ?? null,
        changedBy: w.writer ?? null,
        removed: false,
      })
  }
  for (const r of removals)
    out.push({ lineId: r.lineId, field: r.field, author: r.author, changedBy: r.removedBy, removed: true })
  return out
}

function shares(
  group: GroupCart,
  members: readonly CartMember[],
  authorOf: ReadonlyMap<string, string>,
): MemberShare[] {
  return splitGroupBill(group)
    .filter((sh) => sh.payFen !== 0 || sh.subtotalFen !== 0)
    .map((sh) => ({
      openid: sh.memberId,
      nickname: members.find((m) => m.openid === sh.memberId)?.nickname ?? '',
      lineIds: [...authorOf].filter(([, a]) => a === sh.memberId).map(([id]) => id),
      subtotalFen: sh.subtotalFen,
      discountFen: sh.discountFen,
      feesFen: sh.feesFen,
      amountFen: sh.payFen,
    }))
}

function unwrap<T>(r: Result<T>): T {
  if (r.ok) return r.value
  const status = r.error.code === 'GROUP_NOT_HOST' ? 403 : 422
  throw new AppError(r.error.code, r.error.message, { ...r.error.details }, status)
}

async function existingOrder(s: Services, cart: CartRow): Promise<Order | undefined> {
  const rows = await s.db.query<{ doc: Order }>('select doc from orders where store_id = $1 and id = $2', [
    cart.storeId,
    groupOrderId(cart.cartId),
  ])
  return rows[0]?.doc
}

/** The server's next pickup number of the day (the same counter the store's own orders use). */
async function nextPickup(s: Services, storeId: string, businessDay: string): Promise<number> {
  const rows = await s.db.query<{ last: number }>(
    `insert into pickup_counters (store_id, business_day, last) values ($1, $2, 1)
     on conflict (store_id, business_day) do update set last = pickup_counters.last % 999 + 1
     returning last`,
    [storeId, businessDay],
  )
  return rows[0]!.last
}
