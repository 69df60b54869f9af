import type { LineSelection, Menu } from './catalog'
import { err, ok, type Result } from './errors'
import { type CartContext, type PricedCart, priceCart } from './price-cart'
import type { Promotion } from './promotion'

/** 一起点 cart lifecycle: open for edits, locked and quoted by the host, then submitted or cancelled. */
export const GROUP_CART_STATUSES = ['open', 'locked', 'submitted', 'cancelled'] as const
/** One of {@link GROUP_CART_STATUSES}. */
export type GroupCartStatus = (typeof GROUP_CART_STATUSES)[number]

/** Who pays: the host for everyone, or each member their share. */
export const GROUP_PAY_MODES = ['host', 'each'] as const
/** One of {@link GROUP_PAY_MODES}. */
export type GroupPayMode = (typeof GROUP_PAY_MODES)[number]

/** A line someone added; only its owner may change it. */
export interface GroupCartLine {
  readonly id: string
  readonly memberId: string
  readonly selection: LineSelection
}

/** A shared cart that friends fill from their own phones. */
export interface GroupCart {
  readonly id: string
  readonly storeId: string
  readonly hostId: string
  readonly members: readonly string[]
  readonly payMode: GroupPayMode
  readonly status: GroupCartStatus
  readonly lines: readonly GroupCartLine[]
  /** The prices re-checked at lock. */
  readonly quote: PricedCart | null
  readonly lockedAt: number | null
}

/** Opens a cart with its host as the first member. */
export function createGroupCart(input: {
  readonly id: string
  readonly storeId: string
  readonly hostId: string
  readonly payMode: GroupPayMode
}): GroupCart {
  return { ...input, members: [input.hostId], status: 'open', lines: [], quote: null, lockedAt: null }
}

function editable(cart: GroupCart, memberId: string): Result<GroupCart> {
  if (cart.status !== 'open') return err('GROUP_LOCKED', '拼单已锁定', { cartId: cart.id })
  if (!cart.members.includes(memberId)) return err('GROUP_NOT_MEMBER', '请先加入拼单', { memberId })
  return ok(cart)
}

/** Joins an open cart; joining twice is a no-op ([GRP-1]). */
export function joinGroupCart(cart: GroupCart, memberId: string): Result<GroupCart> {
  if (cart.status !== 'open') return err('GROUP_LOCKED', '拼单已锁定', { cartId: cart.id })
  if (cart.members.includes(memberId)) return ok(cart)
  return ok({ ...cart, members: [...cart.members, memberId] })
}

/** Adds a line owned by `memberId` ([GRP-1]). */
export function addGroupLine(
  cart: GroupCart,
  memberId: string,
  line: Omit<GroupCartLine, 'memberId'>,
): Result<GroupCart> {
  const check = editable(cart, memberId)
  if (!check.ok) return check
  if (cart.lines.some((l) => l.id === line.id)) return err('DUPLICATE_LINE', '这一项已存在', { lineId: line.id })
  return ok({ ...cart, lines: [...cart.lines, { ...line, memberId }] })
}

/** Changes or removes (`selection: null`) a line; only its owner may ([GRP-1]). */
export function editGroupLine(
  cart: GroupCart,
  memberId: string,
  lineId: string,
  selection: LineSelection | null,
): Result<GroupCart> {
  const check = editable(cart, memberId)
  if (!check.ok) return check
  const line = cart.lines.find((l) => l.id === lineId)
  if (line === undefined) return err('ORDER_UNKNOWN_LINE', `没有这一项: ${lineId}`, { lineId })
  if (line.memberId !== memberId) return err('GROUP_NOT_OWNER', '只能修改自己点的', { lineId, memberId })
  const lines =
    selection === null
      ? cart.lines.filter((l) => l.id !== lineId)
      : cart.lines.map((l) => (l.id === lineId ? { ...l, selection } : l))
  return ok({ ...cart, lines })
}

/**
 * The host locks the cart: no more edits, and every line is re-priced with today's menu, sold-out marks
 * and promotions ([GRP-2]). A line that no longer prices (sold out since it was added) fails the lock with
 * its `lineId`, so the host can ask its owner to change it.
 */
export function lockGroupCart(
  cart: GroupCart,
  actorId: string,
  at: number,
  menu: Menu,
  promotions: readonly Promotion[],
  ctx: CartContext,
  feesFen = 0,
): Result<GroupCart> {
  if (actorId !== cart.hostId) return err('GROUP_NOT_HOST', '只有发起人可以锁定', { actorId })
  if (cart.status !== 'open') return err('GROUP_LOCKED', '拼单已锁定', { cartId: cart.id })
  if (cart.lines.length === 0) return err('GROUP_EMPTY', '拼单还是空的', { cartId: cart.id })
  const quote = priceCart(menu, { lines: cart.lines, feesFen }, promotions, ctx)
  if (!quote.ok) return quote
  return ok({ ...cart, status: 'locked', quote: quote.value, lockedAt: at })
}
