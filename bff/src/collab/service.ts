import type { SoldOutMarks } from '@xiaodian/domain'
import {
  CART_MAPS,
  COLLAB_CLOSE,
  type CartMetaDoc,
  type CollabCloseCode,
  boardDocName,
  cartDocName,
  parseDocName,
} from '@xiaodian/shared'
import type { Principal } from '../auth/tokens'
import type { Services } from '../services'
import { soldOutOf } from './board'
import { type CartRow, CartStore, isExpired } from './cart-store'
import { CollabHub } from './hub'
import type { CollabRoom } from './room'

/** Expired carts are deleted (rows and documents) this often. */
export const SWEEP_EVERY_MS = 3600_000

/** Who may open a document: a principal id for the room, or a close code and reason. */
export type Verdict = { ok: true; principal: string } | { ok: false; code: CollabCloseCode; reason: string }

/** The collaboration service of one process: rooms, carts, access, the board's sold-out marks. */
export interface Collab {
  hub: CollabHub
  carts: CartStore
  /** Decides on connect whether `who` may open `docName`; a valid `invite` makes a consumer a member. */
  admit(docName: string, who: Principal | undefined, invite: string | undefined): Promise<Verdict>
  /** Adds a member to an open cart and shows them in the document. */
  join(cart: CartRow, who: { openid: string; nickname: string }): Promise<void>
  /** Writes keys of a cart's `meta` (undefined deletes the key). */
  writeMeta(cartId: string, patch: { [K in keyof CartMetaDoc]?: CartMetaDoc[K] | undefined }): Promise<void>
  /** The store's live sold-out marks, from its board document. */
  soldOut(storeId: string): Promise<SoldOutMarks>
  /** Deletes expired carts and their documents; answers how many. */
  sweep(): Promise<number>
  close(): Promise<void>
}

const instances = new WeakMap<Services, Collab>()

/**
 * The collaboration service of `s`, created once. It also feeds `s.soldOut` (the menu and pricing read
 * the board's marks through it) and starts the expired-cart sweeper.
 */
export function collabFor(s: Services): Collab {
  const hit = instances.get(s)
  if (hit) return hit
  const hub = new CollabHub(s.db, s.log)
  const carts = new CartStore(s.db)
  void hub.start().catch((err: unknown) => s.log.error({ err }, 'collab listen failed'))

  const writeMeta: Collab['writeMeta'] = (cartId, patch) =>
    hub.use(cartDocName(cartId), (room) =>
      room.serverWrite((doc) => {
        const meta = doc.getMap(CART_MAPS.meta)
        for (const [k, v] of Object.entries(patch)) {
          if (v === undefined) meta.delete(k)
          else meta.set(k, v)
        }
      }),
    )

  /** Writes the authoritative meta and members again (after a client tried to change them). */
  const reassert = async (room: CollabRoom) => {
    const ref = room.ref
    if (ref.kind !== 'cart') return
    const cart = await carts.get(ref.cartId)
    if (!cart) return
    const members = await carts.members(ref.cartId)
    await room.serverWrite((doc) => {
      const meta = doc.getMap(CART_MAPS.meta)
      for (const [k, v] of Object.entries(metaOf(cart))) meta.set(k, v)
      const m = doc.getMap(CART_MAPS.members)
      for (const k of [...m.keys()]) if (!members.some((x) => x.openid === k)) m.delete(k)
      for (const x of members)
        m.set(x.openid, { nickname: x.nickname, joinedAt: x.joinedAt, host: x.openid === cart.hostOpenid })
    })
  }
  hub.onCreate((room) => {
    if (room.tracker) room.tracker.onForbiddenWrite = () => reassert(room)
  })

  const collab: Collab = {
    hub,
    carts,
    async admit(docName, who, invite) {
      const ref = parseDocName(docName)
      if (!ref) return refuse(COLLAB_CLOSE.BAD_DOC_NAME, 'unknown document name')
      if (!who) return refuse(COLLAB_CLOSE.UNAUTHENTICATED, 'sign in first: missing, expired or invalid token')
      if (ref.kind === 'board') {
        if (!s.stores.byId(ref.storeId)) return refuse(COLLAB_CLOSE.NOT_FOUND, 'no such store')
        if (who.role === 'consumer' || who.storeId !== ref.storeId)
          return refuse(COLLAB_CLOSE.FORBIDDEN, 'only staff of this store may open its board')
        return { ok: true, principal: `staff:${who.storeId}:${who.name}` }
      }
      if (who.role !== 'consumer') return refuse(COLLAB_CLOSE.FORBIDDEN, 'group carts are for consumers')
      const cart = await carts.get(ref.cartId)
      if (!cart) return refuse(COLLAB_CLOSE.NOT_FOUND, 'no such cart')
      if (isExpired(cart, s.now())) return refuse(COLLAB_CLOSE.GONE, 'this group cart expired')
      if (await carts.isMember(cart.cartId, who.openid)) return { ok: true, principal: who.openid }
      if (!invite || !(await carts.inviteMatches(cart.cartId, invite)))
        return refuse(COLLAB_CLOSE.FORBIDDEN, 'not a member of this cart: open the invite link first')
      try {
        await collab.join(cart, { openid: who.openid, nickname: who.nickname })
      } catch (err) {
        return refuse(COLLAB_CLOSE.FORBIDDEN, (err as Error).message.slice(0, 100))
      }
      return { ok: true, principal: who.openid }
    },
    async join(cart, who) {
      const now = s.now()
      if (!(await carts.join(cart.cartId, who, now))) return
      await hub.use(cartDocName(cart.cartId), (room) =>
        room.serverWrite((doc) => {
          doc.getMap(CART_MAPS.members).set(who.openid, { nickname: who.nickname, joinedAt: now, host: false })
        }),
      )
    },
    writeMeta,
    async soldOut(storeId) {
      if (!s.stores.byId(storeId)) return {}
      return hub.use(boardDocName(storeId), (room) => soldOutOf(room).marks)
    },
    async sweep() {
      const gone = await carts.sweep(s.now())
      const names = gone.map(cartDocName)
      for (const name of names) hub.evict(name, COLLAB_CLOSE.GONE, 'this group cart expired')
      await hub.store.drop(names)
      return gone.length
    },
    async close() {
      clearInterval(sweeper)
      await hub.close()
    },
  }
  const sweeper = setInterval(() => {
    collab.sweep().catch((err: unknown) => s.log.warn({ err }, 'cart sweep failed'))
  }, SWEEP_EVERY_MS)
  sweeper.unref()
  s.soldOut = collab.soldOut
  instances.set(s, collab)
  return collab
}

/** The `meta` keys the server owns for a cart, from its stored row. */
export function metaOf(cart: CartRow): CartMetaDoc {
  const r = cart.lockResult
  return {
    storeId: cart.storeId,
    cartId: cart.cartId,
    hostOpenid: cart.hostOpenid,
    status: cart.status,
    expiresAt: cart.expiresAt,
    ...(r
      ? { orderId: r.orderId, pickupNumber: r.pickupNumber, payMode: r.payMode, amounts: r.amounts, shares: r.shares }
      : {}),
  }
}

function refuse(code: CollabCloseCode, reason: string): Verdict {
  return { ok: false, code, reason }
}
