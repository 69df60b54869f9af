/**
 * Shared live state (Yjs) between the client and the BFF: document names, the shape of the group-cart
 * (一起点) and staff-board documents, the close codes of `GET /collab/:docName`, and the HTTP bodies of
 * the group-cart API. Nothing here imports yjs: these are the contracts a Yjs client writes against.
 */
import { z } from 'zod'

const id = z.string().min(1).max(64)
const fen = z.number().int()

/**
 * Close codes of the collaboration WebSocket. 44xx are final (y-websocket stops reconnecting, as a
 * browser would after an HTTP 4xx); 45xx and 1001 mean "try again later" (the provider reconnects).
 */
export const COLLAB_CLOSE = {
  /** The document name is not `store:<storeId>:board` or `cart:<cartId>`. */
  BAD_DOC_NAME: 4400,
  /** No token, or a forged or expired one. */
  UNAUTHENTICATED: 4401,
  /** Signed in, but not staff of the store / not a member of the cart, or a protocol rule was broken. */
  FORBIDDEN: 4403,
  /** No such store or cart. */
  NOT_FOUND: 4404,
  /** The cart expired. */
  GONE: 4410,
  /** A message larger than the server accepts. */
  TOO_LARGE: 4413,
  /** The server could not keep the update (storage unavailable); reconnect and resend. */
  TRY_AGAIN: 4503,
} as const
/** One of {@link COLLAB_CLOSE}. */
export type CollabCloseCode = (typeof COLLAB_CLOSE)[keyof typeof COLLAB_CLOSE]

/**
 * The subprotocol to offer first when the token travels in `Sec-WebSocket-Protocol`
 * (`protocols: [COLLAB_SUBPROTOCOL, token]`); the server selects it, never the token.
 */
export const COLLAB_SUBPROTOCOL = 'xiaodian.collab'

const STORE_ID = /^[a-z0-9][a-z0-9-]{1,39}$/
const CART_ID = /^[0-9A-Za-z_-]{8,64}$/

/** The staff board document of a store: sold-out marks, who is making what, notes on orders. */
export function boardDocName(storeId: string): string {
  return `store:${storeId}:board`
}

/** The group-cart document of a cart. */
export function cartDocName(cartId: string): string {
  return `cart:${cartId}`
}

/** A parsed document name. */
export type DocRef = { kind: 'board'; storeId: string } | { kind: 'cart'; cartId: string }

/** Parses a document name; `undefined` for anything that is not a board or a cart. */
export function parseDocName(name: string): DocRef | undefined {
  const board = /^store:([^:]+):board$/.exec(name)
  if (board?.[1] !== undefined && STORE_ID.test(board[1])) return { kind: 'board', storeId: board[1] }
  const cart = /^cart:(.+)$/.exec(name)
  if (cart?.[1] !== undefined && CART_ID.test(cart[1])) return { kind: 'cart', cartId: cart[1] }
  return undefined
}

/** The top-level `Y.Map`s of a cart document. `meta` and `members` are written by the server only. */
export const CART_MAPS = { meta: 'meta', members: 'members', lines: 'lines' } as const

/**
 * One cart line: `lines.get(lineId)` is a `Y.Map` with these keys. The client that creates a line sets
 * `author` to its own openid and only that member may change or remove the line: the server checks, when
 * the host locks the cart, that every key of every line (and every removal) was last written by the
 * line's author. Remove a line by deleting its key from `lines`; do not delete keys inside a line.
 */
export const CartLineDoc = z.object({
  author: z.string().min(1).max(64),
  itemId: id,
  skuId: id.optional(),
  /** Option ids per option-group id, as the domain's `LineSelection`. */
  options: z.record(id, z.array(id).max(10)).optional(),
  quantity: z.number().int().min(1).max(99),
  /** What the member saw when adding it (display only; the server re-prices). */
  name: z.string().max(80).optional(),
  note: z.string().max(100).optional(),
})
/** A parsed cart line. */
export type CartLineDoc = z.infer<typeof CartLineDoc>

/** A cart member, as the server writes it into `members` (keyed by openid). */
export const CartMemberDoc = z.object({
  nickname: z.string(),
  joinedAt: z.number().int(),
  host: z.boolean(),
})
/** A parsed cart member. */
export type CartMemberDoc = z.infer<typeof CartMemberDoc>

/** A cart's life: open for edits → locked by the host while it is priced → ordered; or expired. */
export const CART_STATUSES = ['open', 'locked', 'ordered', 'expired'] as const
/** One of {@link CART_STATUSES}. */
export type CartStatus = (typeof CART_STATUSES)[number]

/** Who pays: the host pays the whole order, or each member pays their share. */
export const PAY_MODES = ['host', 'each'] as const
/** One of {@link PAY_MODES}. */
export type PayMode = (typeof PAY_MODES)[number]

/** What one member owes: their lines after their part of the discounts, plus an equal part of the fees. */
export const MemberShare = z.object({
  openid: z.string(),
  nickname: z.string(),
  lineIds: z.array(z.string()),
  subtotalFen: fen,
  discountFen: fen,
  feesFen: fen,
  /** subtotal − discount + fees; the shares of all members sum exactly to the order total. */
  amountFen: fen,
})
/** A parsed share. */
export type MemberShare = z.infer<typeof MemberShare>

/** Order amounts as the domain computes them. */
export const CartAmounts = z.object({ subtotalFen: fen, discountFen: fen, feesFen: fen, totalFen: fen })

/** The keys the server writes into the cart's `meta` map (each key is one `Y.Map` entry). */
export const CartMetaDoc = z.object({
  storeId: z.string(),
  cartId: z.string(),
  hostOpenid: z.string(),
  status: z.enum(CART_STATUSES),
  expiresAt: z.number().int(),
  orderId: z.string().optional(),
  pickupNumber: z.number().int().nullable().optional(),
  payMode: z.enum(PAY_MODES).optional(),
  amounts: CartAmounts.optional(),
  shares: z.array(MemberShare).optional(),
  lockedAt: z.number().int().optional(),
  /** Why the last lock attempt failed (the cart stays open). */
  lockError: z.object({ code: z.string(), message: z.string(), at: z.number().int() }).optional(),
})
/** A parsed cart meta map. */
export type CartMetaDoc = z.infer<typeof CartMetaDoc>

/** Awareness (presence) state of a cart member: who is choosing what right now. */
export const CartPresence = z.object({
  openid: z.string(),
  nickname: z.string(),
  choosing: id.optional(),
})
/** A parsed presence state. */
export type CartPresence = z.infer<typeof CartPresence>

/** The top-level `Y.Map`s of a store's board document. */
export const BOARD_MAPS = { soldOut: 'soldOut', making: 'making', notes: 'notes' } as const

/** What a sold-out mark applies to: a whole item, one SKU (大杯), or one option (芋圆). */
export const SOLD_OUT_KINDS = ['item', 'sku', 'option'] as const
/** One of {@link SOLD_OUT_KINDS}. */
export type SoldOutKind = (typeof SOLD_OUT_KINDS)[number]

/** The `soldOut` key of a mark: `sku:pearl-l`. Present = sold out; delete the key to sell it again. */
export function soldOutKey(kind: SoldOutKind, targetId: string): string {
  return `${kind}:${targetId}`
}

/** The value of a `soldOut` entry. */
export const SoldOutMark = z.object({ by: z.string(), at: z.number().int() })
/** A parsed sold-out mark. */
export type SoldOutMark = z.infer<typeof SoldOutMark>

/** The value of a `making` entry (keyed by order id): who is making it since when. */
export const MakingEntry = z.object({ staff: z.string(), since: z.number().int() })
/** A parsed making entry. */
export type MakingEntry = z.infer<typeof MakingEntry>

/** The value of a `notes` entry (keyed by order id). */
export const OrderNote = z.object({ text: z.string().max(200), by: z.string(), at: z.number().int() })
/** A parsed order note. */
export type OrderNote = z.infer<typeof OrderNote>

/** `GET /api/stores/:storeId/sold-out`: the store's live sold-out marks; `etag` changes with them. */
export const SoldOutResponse = z.object({
  items: z.array(z.string()),
  skus: z.array(z.string()),
  options: z.array(z.string()),
  etag: z.string(),
})
/** A parsed sold-out answer. */
export type SoldOutResponse = z.infer<typeof SoldOutResponse>

/** `POST /api/stores/:storeId/carts`: a consumer starts a group cart. */
export const CreateCartRequest = z.object({ nickname: z.string().min(1).max(32).optional() })

/** The new cart and how to invite friends (a link carrying the token, or a 6-digit code). */
export const CreateCartResponse = z.object({
  cartId: z.string(),
  docName: z.string(),
  inviteToken: z.string(),
  inviteCode: z.string(),
  invitePath: z.string(),
  expiresAt: z.number().int(),
})
/** A parsed create answer. */
export type CreateCartResponse = z.infer<typeof CreateCartResponse>

/** `POST …/carts/:cartId/join` with the link's token, or `POST …/carts/join` with the code. */
export const JoinCartRequest = z.object({
  invite: z.string().min(8).max(128).optional(),
  code: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  nickname: z.string().min(1).max(32).optional(),
})

/** `POST …/carts/:cartId/lock` (host only): re-price, place one order, compute the shares. */
export const LockCartRequest = z.object({
  payMode: z.enum(PAY_MODES).default('host'),
  fulfilment: z.enum(['pickup', 'delivery', 'dine_in']).default('pickup'),
  notes: z.string().max(200).optional(),
})

/** What a lock produced; the same values are written into the cart's `meta` for every member. */
export const LockCartResponse = z.object({
  cartId: z.string(),
  orderId: z.string(),
  pickupNumber: z.number().int().nullable(),
  payMode: z.enum(PAY_MODES),
  amounts: CartAmounts,
  shares: z.array(MemberShare),
})
/** A parsed lock answer. */
export type LockCartResponse = z.infer<typeof LockCartResponse>

/** The error code of a lock refused because a line was changed by someone other than its author. */
export const CART_LINE_NOT_AUTHOR = 'CART_LINE_NOT_AUTHOR'
