import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto'
import type { CartStatus, LockCartResponse } from '@xiaodian/shared'
import type { Database } from '../db/database'
import { AppError } from '../http/errors'

/** An open cart nobody checks out expires this long after it was started. */
export const CART_OPEN_TTL_MS = 2 * 24 * 3600_000
/** A checked-out cart (its document, members and invite) is kept this long after checkout. */
export const CART_TTL_AFTER_CHECKOUT_MS = 3 * 24 * 3600_000
/** Members per cart, host included (Uber Eats splits up to 18 ways). */
export const MAX_MEMBERS = 20

/** A group cart as stored. */
export interface CartRow {
  cartId: string
  storeId: string
  hostOpenid: string
  status: CartStatus
  orderId: string | null
  lockResult: LockCartResponse | null
  createdAt: number
  expiresAt: number
}

/** A member of a cart, in joining order. */
export interface CartMember {
  openid: string
  nickname: string
  joinedAt: number
}

interface Row {
  cart_id: string
  store_id: string
  host_openid: string
  status: CartStatus
  order_id: string | null
  lock_result: LockCartResponse | null
  created_at: string | number
  expires_at: string | number
}

const COLUMNS = 'cart_id, store_id, host_openid, status, order_id, lock_result, created_at, expires_at'

/** Group carts and their members in the database; the Yjs document holds the lines. */
export class CartStore {
  readonly #db: Database

  constructor(db: Database) {
    this.#db = db
  }

  /** Starts a cart with its host as the first member; answers the invite token and code (shown once). */
  async create(
    storeId: string,
    host: { openid: string; nickname: string },
    now: number,
  ): Promise<{ cart: CartRow; inviteToken: string; inviteCode: string }> {
    const cartId = randomBytes(10).toString('hex')
    const inviteToken = randomBytes(18).toString('base64url')
    for (let attempt = 0; ; attempt++) {
      const inviteCode = String(randomInt(0, 1_000_000)).padStart(6, '0')
      try {
        const rows = await this.#db.transaction(async (tx) => {
          const r = await tx.query<Row>(
            `insert into collab_carts (cart_id, store_id, host_openid, invite_hash, invite_code, status, created_at, expires_at)
             values ($1, $2, $3, $4, $5, 'open', $6, $7) returning ${COLUMNS}`,
            [cartId, storeId, host.openid, hash(inviteToken), inviteCode, now, now + CART_OPEN_TTL_MS],
          )
          await tx.query(
            'insert into collab_cart_members (cart_id, openid, nickname, joined_at) values ($1, $2, $3, $4)',
            [cartId, host.openid, host.nickname, now],
          )
          return r
        })
        return { cart: toCart(rows[0]!), inviteToken, inviteCode }
      } catch (err) {
        // Two open carts of a store drew the same code: draw again.
        if (attempt >= 5 || !/unique|duplicate/i.test((err as Error).message)) throw err
      }
    }
  }

  async get(cartId: string): Promise<CartRow | undefined> {
    const rows = await this.#db.query<Row>(`select ${COLUMNS} from collab_carts where cart_id = $1`, [cartId])
    return rows[0] ? toCart(rows[0]) : undefined
  }

  /** The open cart of a store with this 6-digit code. */
  async byCode(storeId: string, code: string): Promise<CartRow | undefined> {
    const rows = await this.#db.query<Row>(
      `select ${COLUMNS} from collab_carts where store_id = $1 and invite_code = $2 and status = 'open'`,
      [storeId, code],
    )
    return rows[0] ? toCart(rows[0]) : undefined
  }

  /** Whether `token` is the cart's invite token (compared in constant time). */
  async inviteMatches(cartId: string, token: string): Promise<boolean> {
    const rows = await this.#db.query<{ invite_hash: string }>(
      'select invite_hash from collab_carts where cart_id = $1',
      [cartId],
    )
    const want = rows[0] ? Buffer.from(rows[0].invite_hash, 'hex') : undefined
    const got = Buffer.from(hash(token), 'hex')
    return want !== undefined && want.length === got.length && timingSafeEqual(want, got)
  }

  async members(cartId: string): Promise<CartMember[]> {
    const rows = await this.#db.query<{ openid: string; nickname: string; joined_at: string | number }>(
      'select openid, nickname, joined_at from collab_cart_members where cart_id = $1 order by joined_at, openid',
      [cartId],
    )
    return rows.map((r) => ({ openid: r.openid, nickname: r.nickname, joinedAt: Number(r.joined_at) }))
  }

  async isMember(cartId: string, openid: string): Promise<boolean> {
    const rows = await this.#db.query('select 1 from collab_cart_members where cart_id = $1 and openid = $2', [
      cartId,
      openid,
    ])
    return rows.length > 0
  }

  /** Adds a member to an open cart (idempotent); answers whether they are new. 409 when full or not open. */
  async join(cartId: string, member: { openid: string; nickname: string }, now: number): Promise<boolean> {
    return this.#db.transaction(async (tx) => {
      // The row lock serialises concurrent joins, so the member limit holds at N-1 + 2 joiners.
      const cart = await tx.query<{ status: string }>('select status from collab_carts where cart_id = $1 for update', [
        cartId,
      ])
      const had = await tx.query('select 1 from collab_cart_members where cart_id = $1 and openid = $2', [
        cartId,
        member.openid,
      ])
      if (had.length > 0) return false
      if (cart[0]?.status !== 'open') throw new AppError('CONFLICT', 'this group cart is no longer open')
      const n = await tx.query<{ n: string | number }>(
        'select count(*) as n from collab_cart_members where cart_id = $1',
        [cartId],
      )
      if (Number(n[0]?.n ?? 0) >= MAX_MEMBERS)
        throw new AppError('CONFLICT', `a group cart has at most ${MAX_MEMBERS} members`)
      await tx.query('insert into collab_cart_members (cart_id, openid, nickname, joined_at) values ($1, $2, $3, $4)', [
        cartId,
        member.openid,
        member.nickname,
        now,
      ])
      return true
    })
  }

  /** open|locked → locked; answers the row as it was (undefined when the cart is gone). */
  async beginLock(cartId: string): Promise<CartRow | undefined> {
    const before = await this.get(cartId)
    if (!before || before.status === 'ordered' || before.status === 'expired') return before
    await this.#db.query(
      `update collab_carts set status = 'locked' where cart_id = $1 and status in ('open', 'locked')`,
      [cartId],
    )
    return before
  }

  /** A failed lock leaves the cart open again. */
  async reopen(cartId: string): Promise<void> {
    await this.#db.query(`update collab_carts set status = 'open' where cart_id = $1 and status = 'locked'`, [cartId])
  }

  /** Records the order; the cart now expires `CART_TTL_AFTER_CHECKOUT_MS` after checkout. */
  async markOrdered(cartId: string, result: LockCartResponse, now: number): Promise<number> {
    const expiresAt = now + CART_TTL_AFTER_CHECKOUT_MS
    await this.#db.query(
      `update collab_carts set status = 'ordered', order_id = $2, lock_result = $3, checked_out_at = $4, expires_at = $5
       where cart_id = $1`,
      [cartId, result.orderId, JSON.stringify(result), now, expiresAt],
    )
    return expiresAt
  }

  /** Deletes carts that expired before `now`; answers their ids (their documents are dropped by the caller). */
  async sweep(now: number): Promise<string[]> {
    const rows = await this.#db.query<{ cart_id: string }>(
      'delete from collab_carts where expires_at < $1 returning cart_id',
      [now],
    )
    return rows.map((r) => r.cart_id)
  }
}

/** Whether a cart can no longer be used. */
export function isExpired(cart: CartRow, now: number): boolean {
  return cart.status === 'expired' || cart.expiresAt <= now
}

function toCart(r: Row): CartRow {
  return {
    cartId: r.cart_id,
    storeId: r.store_id,
    hostOpenid: r.host_openid,
    status: r.status,
    orderId: r.order_id,
    lockResult: r.lock_result,
    createdAt: Number(r.created_at),
    expiresAt: Number(r.expires_at),
  }
}

function hash(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}
